package io.github.dbtelemetry.pipeline;

import java.time.Instant;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * What the telemetry of one workspace host has done so far; holds counts, states, times and
 * failure kinds, never server text or a credential.
 *
 * @param host the workspace host
 * @param featureFlag the workspace's answer as last known
 * @param featureFlagForced whether export is enabled by configuration ({@code force-enable})
 * rather than by the workspace's answer
 * @param featureFlagAnsweredAt when the workspace last answered, or {@code null} before it has
 * @param circuitBreaker the state of the host's circuit breaker ({@code CLOSED}, {@code OPEN},
 * {@code HALF_OPEN}...), or {@code NONE} when breakers are switched off
 * @param pending events waiting for export
 * @param exported events the workspace accepted
 * @param dropped events dropped, by reason
 * @param lastSuccess when an export last succeeded, or {@code null}
 * @param lastFailureKind kind of the last failed export ({@code http_503}, {@code timeout}...),
 * or {@code null}
 * @param lastFailure when an export last failed, or {@code null}
 * @since 0.1.0
 */
public record HostSnapshot(String host, FeatureFlagState featureFlag, boolean featureFlagForced,
		@Nullable Instant featureFlagAnsweredAt, String circuitBreaker, int pending, long exported,
		Map<DropReason, Long> dropped, @Nullable Instant lastSuccess, @Nullable String lastFailureKind,
		@Nullable Instant lastFailure) {

	public HostSnapshot {
		dropped = Map.copyOf(dropped);
	}

	/** Every event dropped so far, whatever the reason. */
	public long totalDropped() {
		return this.dropped.values().stream().mapToLong(Long::longValue).sum();
	}

	/**
	 * Whether exports are in trouble: the breaker refuses them, or the last attempt failed after
	 * the last success.
	 */
	public boolean isDegraded() {
		if (!"CLOSED".equals(this.circuitBreaker) && !"NONE".equals(this.circuitBreaker)) {
			return true;
		}
		return this.lastFailure != null && (this.lastSuccess == null || this.lastFailure.isAfter(this.lastSuccess));
	}

}
