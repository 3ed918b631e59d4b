package io.github.dbtelemetry.pipeline;

import java.util.Locale;

/** Why events did not reach the workspace; each becomes a value of the {@code reason} metric tag.
 *
 * @since 0.1.0
 */
public enum DropReason {

	CIRCUIT_OPEN, BUFFER_FULL, TERMINAL_ERROR, RETRIES_EXHAUSTED,

	/** Sent, but whether the workspace took them is unknown (for example a response timeout). */
	OUTCOME_UNKNOWN,

	PARTIAL_FAILURE, DISABLED_BY_WORKSPACE, SHUTDOWN;

	/** The tag value: {@code circuit_open}, {@code buffer_full}, ... */
	public String tagValue() {
		return name().toLowerCase(Locale.ROOT);
	}

}
