/**
 * Per-host telemetry: one {@link io.github.dbtelemetry.client.TelemetryClient} per workspace
 * host (bounded buffer, batching, flushing, shutdown), shared through the reference-counted
 * {@link io.github.dbtelemetry.client.TelemetryClientManager}. The server-side telemetry switch
 * of each host is cached, reference-counted too, by
 * {@link io.github.dbtelemetry.client.FeatureFlagCache}.
 *
 * <p>Lifecycle rules: reference counts change inside the manager's map, but a client's final
 * flush always runs outside it, so a connection opening never waits for another closing.
 * Closing the manager (the application context closing) flushes every host at once within
 * one {@code shutdown-timeout}; every batch is then counted exactly once, as exported or as
 * dropped, even when its export completes after the deadline.
 */
package io.github.dbtelemetry.client;
