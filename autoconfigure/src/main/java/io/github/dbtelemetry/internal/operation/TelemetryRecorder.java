package io.github.dbtelemetry.internal.operation;

import io.github.dbtelemetry.observation.DatabricksObservationContext;

/**
 * Where a finished Databricks operation goes to become a telemetry event. Implemented by the
 * per-host aggregation; the telemetry handler only routes to it.
 */
public interface TelemetryRecorder {

	/** A recorder for targets whose telemetry is off: it never records. */
	TelemetryRecorder NONE = new TelemetryRecorder() {

		@Override
		public boolean isRecording() {
			return false;
		}

		@Override
		public void record(DatabricksOperation operation) {
		}
	};

	/**
	 * Whether finished observations should be turned into events right now; {@code false} lets
	 * the handler skip all work (telemetry disabled for the host, or the client closed).
	 */
	boolean isRecording();

	void record(DatabricksOperation operation);

	/** Records the operation an observation context shows. */
	default void record(DatabricksObservationContext context) {
		record((context != null) ? context.getOperation() : null);
	}

}
