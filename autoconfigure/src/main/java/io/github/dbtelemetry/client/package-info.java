/**
 * Per-host telemetry: one {@link io.github.dbtelemetry.client.TelemetryClient} per workspace
 * host (bounded buffer, batching, flushing, shutdown), shared through the reference-counted
 * {@link io.github.dbtelemetry.client.TelemetryClientManager}. The server-side telemetry switch
 * of each host is cached, reference-counted too, by
 * {@link io.github.dbtelemetry.client.FeatureFlagCache}.
 */
package io.github.dbtelemetry.client;
