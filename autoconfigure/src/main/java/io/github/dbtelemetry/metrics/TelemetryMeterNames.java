package io.github.dbtelemetry.metrics;

/** Names and tag keys of the meters the starter publishes; values are all bounded.
 *
 * @since 0.1.0
 */
public final class TelemetryMeterNames {

	/** Counter of events by {@code outcome} ({@code exported}, {@code dropped}), {@code reason}, {@code host}. */
	public static final String EVENTS = "databricks.telemetry.events";

	/** Timer of HTTP exports by {@code outcome}, {@code status} class and {@code host}. */
	public static final String EXPORT = "databricks.telemetry.export";

	/** Gauge of the events waiting for export, per {@code host}. */
	public static final String PENDING = "databricks.telemetry.pending";

	/** Gauge of the workspace's answer per {@code host}: 1 enabled, 0 disabled, -1 not known yet. */
	public static final String FEATURE_FLAG = "databricks.telemetry.feature.flag";

	/** What every meter of the pipeline's name starts with. */
	public static final String PREFIX = "databricks.telemetry.";

	public static final String TAG_HOST = "host";

	public static final String TAG_OUTCOME = "outcome";

	public static final String TAG_REASON = "reason";

	public static final String TAG_STATUS = "status";

	/** The {@code reason} of exported events, so that every series of the counter has the same keys. */
	public static final String REASON_NONE = "none";

	private TelemetryMeterNames() {
	}

}
