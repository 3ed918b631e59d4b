/**
 * Delegating JDBC wrappers that turn connection opens and statement executions into
 * observations. Every method delegates; the application always sees the driver's own results
 * and the driver's own exception instances.
 */
package io.github.dbtelemetry.jdbc;
