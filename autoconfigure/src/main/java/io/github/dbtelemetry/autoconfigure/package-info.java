/**
 * Spring Boot wiring of the telemetry engine: auto-configuration, configuration properties and
 * the data source post-processor.
 */
package io.github.dbtelemetry.autoconfigure;
