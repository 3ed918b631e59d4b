/**
 * The exporter contract: what a {@link io.github.dbtelemetry.export.TelemetryExporter} receives
 * (one batch of wire-model logs of one data source, and where they go) and what it answers.
 * The starter's own HTTP exporter is internal.
 */
@NullMarked
package io.github.dbtelemetry.export;

import org.jspecify.annotations.NullMarked;
