package io.github.dbtelemetry.pipeline;

import io.github.dbtelemetry.internal.host.FeatureFlagGate;

import java.util.Map;

/**
 * What one host's telemetry client has done so far; contains no server text and no credential.
 *
 * @param host the workspace host
 * @param featureFlag the workspace's answer as last known
 * @param pending events waiting for export
 * @param exported events the workspace accepted
 * @param dropped events dropped, by reason
 * @param lastSuccessMillis epoch millis of the last successful export, or {@code null}
 * @param lastFailureKind kind of the last failed export, or {@code null}
 * @param lastFailureMillis epoch millis of the last failed export, or {@code null}
 */
public record TelemetryClientSnapshot(String host, FeatureFlagGate.State featureFlag, int pending, long exported,
		Map<DropReason, Long> dropped, Long lastSuccessMillis, String lastFailureKind, Long lastFailureMillis) {

	public TelemetryClientSnapshot {
		dropped = Map.copyOf(dropped);
	}

	public long totalDropped() {
		return this.dropped.values().stream().mapToLong(Long::longValue).sum();
	}

}
