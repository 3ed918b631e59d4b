package io.github.dbtelemetry.observation;

/**
 * The kinds of telemetry event the starter builds; each has its own set of exportable keys.
 */
public enum TelemetryEventType {

	/** A new Databricks session (a physical connection opened). */
	CONNECTION_OPEN,

	/** One statement execution, including metadata calls. */
	STATEMENT_EXECUTION,

	/** A failure outside the two operations above; failed operations keep their own type. */
	ERROR

}
