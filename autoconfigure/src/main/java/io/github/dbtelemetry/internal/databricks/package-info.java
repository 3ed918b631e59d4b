/**
 * Not API. What is specific to Databricks: JDBC URL parsing, the driver's session and statement
 * ids, its version, and whether the driver's own telemetry makes the starter stand back.
 */
@NullMarked
package io.github.dbtelemetry.internal.databricks;

import org.jspecify.annotations.NullMarked;
