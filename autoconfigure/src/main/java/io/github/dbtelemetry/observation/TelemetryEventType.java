package io.github.dbtelemetry.observation;

/**
 * The kinds of telemetry event the starter builds; each has its own set of exportable keys. A
 * failure has no event type of its own: it is exported with the operation that failed, as that
 * event's {@code error_info}.
 *
 * @since 0.1.0
 */
public enum TelemetryEventType {

	/** A new Databricks session (a physical connection opened), or a failed attempt to open one. */
	CONNECTION_OPEN,

	/** One statement execution, including metadata calls. */
	STATEMENT_EXECUTION,

	/**
	 * A Databricks session ended (a physical connection closed), where the starter sees it.
	 * @since 0.1.0
	 */
	CONNECTION_CLOSE

}
