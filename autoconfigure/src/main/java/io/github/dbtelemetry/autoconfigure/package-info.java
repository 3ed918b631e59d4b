/**
 * Spring Boot wiring of the telemetry engine: auto-configurations, configuration properties and
 * the data source post-processor. They map {@code databricks.telemetry.*} onto
 * {@link io.github.dbtelemetry.DatabricksTelemetry#builder()} and nothing more.
 */
@NullMarked
package io.github.dbtelemetry.autoconfigure;

import org.jspecify.annotations.NullMarked;
