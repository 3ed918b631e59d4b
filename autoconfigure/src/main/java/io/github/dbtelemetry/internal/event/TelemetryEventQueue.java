package io.github.dbtelemetry.internal.event;

import io.github.dbtelemetry.model.TelemetryFrontendLog;

/** Where built events wait for export: the host's telemetry client. */
public interface TelemetryEventQueue {

	/** Whether events are wanted now (the client is open and the workspace has not said no). */
	boolean isAccepting();

	/** Adds an event; never blocks and never throws. */
	void enqueue(TelemetryFrontendLog log);

	/** Asks for pending events to be exported soon, without waiting. */
	void requestFlush();

}
