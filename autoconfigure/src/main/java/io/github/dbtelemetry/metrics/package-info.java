/**
 * Micrometer meters of the telemetry pipeline. Everything here needs micrometer-core, which is
 * optional: only the metrics auto-configuration, guarded by a class condition, refers to it.
 */
@NullMarked
package io.github.dbtelemetry.metrics;

import org.jspecify.annotations.NullMarked;
