/**
 * The client-telemetry wire model of the Databricks JDBC driver: immutable records whose JSON
 * form is exactly what the workspace's {@code /telemetry-ext} endpoint accepts. Nothing here
 * knows about JDBC, Spring or HTTP.
 */
@NullMarked
package io.github.dbtelemetry.model;

import org.jspecify.annotations.NullMarked;
