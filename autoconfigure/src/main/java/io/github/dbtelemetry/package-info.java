/**
 * The Databricks SQL telemetry engine: {@link io.github.dbtelemetry.DatabricksTelemetry} and its
 * builder, the one place where the engine is put together. Everything an application uses is in
 * the packages beside it; packages under {@code io.github.dbtelemetry.internal} are not API and
 * may change in any release.
 */
@NullMarked
package io.github.dbtelemetry;

import org.jspecify.annotations.NullMarked;
