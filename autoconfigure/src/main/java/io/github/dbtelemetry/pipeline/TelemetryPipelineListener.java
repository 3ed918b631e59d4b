package io.github.dbtelemetry.pipeline;

import java.util.function.Supplier;

import io.github.dbtelemetry.export.ExportResult;

/**
 * Hears what happens to events after they are built, and when a workspace host's telemetry
 * starts and ends; the metrics binder implements it. Called from telemetry threads (and, for
 * drops of a full buffer, from the JDBC thread), so implementations must be cheap and must not
 * throw.
 *
 * @since 0.1.0
 */
public interface TelemetryPipelineListener {

	/** A listener that hears nothing. */
	TelemetryPipelineListener NONE = new TelemetryPipelineListener() {
	};

	default void onEventsExported(String host, int count) {
	}

	default void onEventsDropped(String host, DropReason reason, int count) {
	}

	default void onExport(String host, ExportResult result, long durationNanos) {
	}

	/**
	 * The first data source of a host was instrumented. Per-host gauges start reading
	 * {@code state} here. A host released and used again is opened again; the two may overlap
	 * briefly while the old one flushes, so count openings rather than assume one per host.
	 * @param host the workspace host
	 * @param state the host's current snapshot, cheap enough for a gauge
	 */
	default void onHostOpened(String host, Supplier<HostSnapshot> state) {
	}

	/**
	 * The last data source of a host was released and its pending events flushed or counted as
	 * dropped; per-host meters of a host that is no longer open may go.
	 */
	default void onHostClosed(String host) {
	}

}
