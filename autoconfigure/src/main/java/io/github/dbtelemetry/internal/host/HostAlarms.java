package io.github.dbtelemetry.internal.host;

import java.time.Clock;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Tells the application's log when export to a host keeps failing, so that trouble is never
 * visible at DEBUG only: one WARN per condition, repeated at most once per interval while it
 * lasts, and one INFO when it is over. A zero interval switches the WARNs (and their INFOs)
 * off. Counts, states and kinds only: never a token or server text.
 */
final class HostAlarms {

	// The category users look for: how exporting to each workspace goes.
	private static final Log logger = LogFactory.getLog("io.github.dbtelemetry.workspace");

	/** What can keep failing for a host. */
	enum Condition {

		TOKEN_REJECTED("the workspace rejects the credentials it is sent (HTTP 401 or 403); "
				+ "events are dropped as terminal_error"),

		BREAKER_OPEN("exports have failed long enough for the circuit breaker to stay open; "
				+ "events are dropped as circuit_open"),

		FEATURE_FLAG_UNREACHABLE("the workspace's feature flag cannot be read; without an answer nothing "
				+ "is exported");

		private final String description;

		Condition(String description) {
			this.description = description;
		}

	}

	private final String host;

	private final Duration interval;

	private final Clock clock;

	// When each condition was last warned about; absent while it does not hold. Guarded by this.
	private final Map<Condition, Long> warnedAt = new EnumMap<>(Condition.class);

	HostAlarms(String host, Duration interval, Clock clock) {
		this.host = host;
		this.interval = interval;
		this.clock = clock;
	}

	/** The condition holds now; warns unless it was warned about within the interval. */
	void failing(Condition condition) {
		if (this.interval.isZero()) {
			return;
		}
		long now = this.clock.millis();
		synchronized (this) {
			Long last = this.warnedAt.get(condition);
			if (last != null && now - last < this.interval.toMillis()) {
				return;
			}
			this.warnedAt.put(condition, now);
		}
		logger.warn("Databricks telemetry for workspace host " + this.host + ": " + condition.description
				+ ". Repeated at most every " + this.interval.toMinutes()
				+ " min while it lasts (databricks.telemetry.warn-interval; 0 switches it off).");
	}

	/** The condition is over; says so when it had been warned about. */
	void recovered(Condition condition) {
		boolean wasWarned;
		synchronized (this) {
			wasWarned = this.warnedAt.remove(condition) != null;
		}
		if (wasWarned) {
			logger.info("Databricks telemetry for workspace host " + this.host + " has recovered: "
					+ condition.name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ') + " no longer holds.");
		}
	}

}
