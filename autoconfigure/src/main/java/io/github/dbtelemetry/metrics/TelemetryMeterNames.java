package io.github.dbtelemetry.metrics;

/**
 * Names, tag keys and fixed tag values of the meters the starter publishes; every tag value
 * comes from a bounded set.
 *
 * @since 0.1.0
 */
public final class TelemetryMeterNames {

	/**
	 * Counter of events, in {@code events}, by {@code outcome} ({@code exported},
	 * {@code dropped}), {@code reason} and {@code host}.
	 */
	public static final String EVENTS = "databricks.telemetry.events";

	/**
	 * Timer of HTTP exports, retries included, tagged like Spring's {@code http.client.requests}
	 * ({@code status}, {@code outcome}) plus the export's own {@code result} and the {@code host}.
	 */
	public static final String EXPORT = "databricks.telemetry.export";

	/** Gauge of the events waiting for export, in {@code events}, per {@code host}. */
	public static final String PENDING = "databricks.telemetry.pending";

	/**
	 * Gauges of the workspace's answer per {@code host}, one per {@code state} ({@code enabled},
	 * {@code disabled}, {@code unknown}): 1 for the current state, 0 for the others.
	 */
	public static final String FEATURE_FLAG = "databricks.telemetry.feature.flag";

	/** What every meter of the pipeline's name starts with. */
	public static final String PREFIX = "databricks.telemetry.";

	public static final String TAG_HOST = "host";

	/**
	 * On {@link #EVENTS}, what became of the events; on {@link #EXPORT}, the class of the HTTP
	 * status as Spring names it ({@code SUCCESS}, {@code REDIRECTION}, {@code CLIENT_ERROR},
	 * {@code SERVER_ERROR}, {@code INFORMATIONAL}, {@code UNKNOWN} when no response arrived).
	 */
	public static final String TAG_OUTCOME = "outcome";

	public static final String TAG_REASON = "reason";

	/**
	 * On {@link #EXPORT}, the HTTP status code of the last response ({@code 200}, {@code 503}),
	 * or {@link #STATUS_IO_ERROR} or {@link #STATUS_CLIENT_ERROR} when no response arrived.
	 */
	public static final String TAG_STATUS = "status";

	/**
	 * On {@link #EXPORT}, how the export ended for the batch ({@code success},
	 * {@code partial_success}, {@code terminal_failure}, {@code retries_exhausted},
	 * {@code outcome_unknown}), which the HTTP status alone does not say.
	 */
	public static final String TAG_RESULT = "result";

	/** On {@link #FEATURE_FLAG}, the state the gauge stands for. */
	public static final String TAG_STATE = "state";

	/** The {@code reason} of exported events, so that every series of the counter has the same keys. */
	public static final String REASON_NONE = "none";

	/**
	 * The {@code status} of an export that got no response because of an I/O failure: the
	 * connection was refused or broke, the host did not resolve, TLS failed, or it timed out.
	 * Spring's HTTP client observations use the same value.
	 */
	public static final String STATUS_IO_ERROR = "IO_ERROR";

	/**
	 * The {@code status} of an export that got no response for any other reason: it was
	 * cancelled at shutdown, the batch could not be serialized, no credential could be obtained,
	 * or an exporter of the application failed. Spring's HTTP client observations use the same
	 * value.
	 */
	public static final String STATUS_CLIENT_ERROR = "CLIENT_ERROR";

	private TelemetryMeterNames() {
	}

}
