package io.github.dbtelemetry.sample.web;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.github.dbtelemetry.sample.workload.WorkloadStatus;

/**
 * Everything the console shows, polled as JSON by its page.
 *
 * @param workload what the workload has run
 * @param statementsPerSecond statements started per second, recently
 * @param workspaceMode how the stand-in behaves, or {@code null} with a real workspace
 * @param received events the stand-in has received since start, or {@code null} with a real workspace
 * @param hosts the telemetry of each workspace host in use
 * @param events the latest events the stand-in received, newest first
 * @param sampledAt when these values were read, to the millisecond: the page's charts turn the
 * running totals into rates over the server's clock, so a late poll does not show as a spike
 */
record ConsoleState(WorkloadStatus workload, double statementsPerSecond, String workspaceMode, Long received,
		List<Host> hosts, List<TelemetryEventRow> events, Instant sampledAt) {

	/**
	 * @param host the workspace host
	 * @param featureFlag ENABLED, DISABLED or UNKNOWN
	 * @param circuitBreaker CLOSED, OPEN, HALF_OPEN... or NONE before the first export
	 * @param pending events waiting for export
	 * @param exported events the workspace accepted
	 * @param dropped events dropped, by reason
	 * @param lastSuccess the last successful export
	 * @param lastFailureKind kind of the last failed export ({@code http_503}, {@code timeout}...)
	 */
	record Host(String host, String featureFlag, String circuitBreaker, int pending, long exported,
			Map<String, Long> dropped, Instant lastSuccess, String lastFailureKind) {
	}

}
