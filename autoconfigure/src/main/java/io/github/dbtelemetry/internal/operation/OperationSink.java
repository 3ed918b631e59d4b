package io.github.dbtelemetry.internal.operation;

/**
 * Where the JDBC side hands its finished operations: a data source's lease on its workspace
 * host, which builds the event and queues it.
 */
public interface OperationSink {

	/** Whether events are wanted now; {@code false} lets the JDBC side skip all work. */
	boolean isRecording();

	/** Takes a finished operation; never blocks and never throws. */
	void record(DatabricksOperation operation);

}
