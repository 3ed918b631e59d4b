package io.github.dbtelemetry.internal.event;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.dbtelemetry.internal.operation.ConnectionOperation;
import io.github.dbtelemetry.internal.operation.DatabricksOperation;
import io.github.dbtelemetry.internal.operation.StatementOperation;
import io.github.dbtelemetry.internal.operation.TelemetryRecorder;

/**
 * Turns one host's finished observations into events and queues them. A statement's
 * observation already spans its whole life (execute to end of result), so one finished
 * statement context is one event. A statement that failed on authentication or authorization
 * makes the host flush at once: the application is likely about to give up on the workspace.
 */
public final class MetricsAggregator implements TelemetryRecorder {

	private static final Log logger = LogFactory.getLog(MetricsAggregator.class);

	private final TelemetryEventFactory eventFactory;

	private final TelemetryEventQueue queue;

	public MetricsAggregator(TelemetryEventFactory eventFactory, TelemetryEventQueue queue) {
		this.eventFactory = eventFactory;
		this.queue = queue;
	}

	@Override
	public boolean isRecording() {
		return this.queue.isAccepting();
	}

	@Override
	public void record(DatabricksOperation operation) {
		try {
			if (operation instanceof StatementOperation statement) {
				this.queue.enqueue(this.eventFactory.statementEvent(statement));
				if (TerminalErrors.isTerminal(statement.getFailure())) {
					this.queue.requestFlush();
				}
			}
			else if (operation instanceof ConnectionOperation connection) {
				this.queue.enqueue(this.eventFactory.connectionEvent(connection));
			}
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not record a telemetry event", ex);
		}
	}

}
