package io.github.dbtelemetry.internal.event;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.dbtelemetry.observation.DatabricksObservationContext;
import io.github.dbtelemetry.internal.operation.DatabricksOperation;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

/**
 * Feeds finished Databricks observations to their host's aggregator (the design's activity
 * listener). It takes no interest in other observations, nor in ours when the host's telemetry
 * is off, and it never lets an exception escape into the instrumented JDBC call.
 *
 * <p>The JDBC instrumentation invokes it itself when an operation ends, rather than registering
 * it in the application's {@code ObservationRegistry}: export then does not depend on the
 * application's observation predicates, and a statement costs no Micrometer observation at all
 * when no metrics or tracing handler listens.
 */
public final class DatabricksTelemetryObservationHandler implements ObservationHandler<DatabricksObservationContext> {

	private static final Log logger = LogFactory.getLog(DatabricksTelemetryObservationHandler.class);

	@Override
	public boolean supportsContext(Observation.Context context) {
		// Called by the registry for every observation of the application, inside its JDBC call:
		// a failing recorder must mean "not ours" rather than an exception there.
		try {
			return context instanceof DatabricksObservationContext databricks
					&& databricks.getOperation().getTarget().recorder().isRecording();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Telemetry recorder could not tell whether it records", ex);
			return false;
		}
	}

	@Override
	public void onStop(DatabricksObservationContext context) {
		complete(context.getOperation());
	}

	/**
	 * Hands a finished operation to its host's aggregation: the entry the JDBC instrumentation
	 * uses when no observation was made. Does nothing when the host does not record; never throws.
	 */
	public void complete(DatabricksOperation operation) {
		try {
			if (operation.getTarget().recorder().isRecording()) {
				operation.getTarget().recorder().record(operation);
			}
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Telemetry recording failed", ex);
		}
	}

}
