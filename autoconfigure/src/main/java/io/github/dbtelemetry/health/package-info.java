/**
 * The health of the telemetry pipeline, for Spring Boot's health endpoint.
 */
package io.github.dbtelemetry.health;
