package io.github.dbtelemetry.pipeline;

import io.github.dbtelemetry.internal.host.TelemetryClient;

import io.github.dbtelemetry.export.ExportResult;

/**
 * Hears what happens to events after they are built; the metrics binder implements it. Called
 * from telemetry threads (and, for drops of a full buffer, from the JDBC thread), so
 * implementations must be cheap and must not throw.
 */
public interface TelemetryPipelineListener {

	TelemetryPipelineListener NONE = new TelemetryPipelineListener() {
	};

	default void onEventsExported(String host, int count) {
	}

	default void onEventsDropped(String host, DropReason reason, int count) {
	}

	default void onExport(String host, ExportResult result, long durationNanos) {
	}

	/**
	 * A host's client was created; per-host gauges start reading it here. Called once per
	 * client, on the thread that opened the first connection to the host.
	 */
	default void onClientOpened(TelemetryClient client) {
	}

	/** A host's client was closed and forgotten; what it counted on close was already reported. */
	default void onClientClosed(TelemetryClient client) {
	}

}
