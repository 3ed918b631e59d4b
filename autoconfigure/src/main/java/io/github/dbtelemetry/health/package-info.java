/**
 * The health of the telemetry pipeline, for Spring Boot's health endpoint.
 */
@NullMarked
package io.github.dbtelemetry.health;

import org.jspecify.annotations.NullMarked;
