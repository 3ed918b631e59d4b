/**
 * Per-host telemetry: one {@link io.github.dbtelemetry.client.TelemetryClient} per workspace
 * host (bounded buffer, batching, flushing, shutdown), shared through the reference-counted
 * {@link io.github.dbtelemetry.client.TelemetryClientManager}.
 */
package io.github.dbtelemetry.client;
