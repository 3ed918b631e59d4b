package io.github.dbtelemetry.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.pipeline.HostSnapshot;

/**
 * The state of the telemetry of every workspace host in use. Always {@code UP}: telemetry is a
 * side channel, and an open breaker or an unreachable endpoint must never take the application
 * out of a load balancer. Trouble shows in the details ({@code degraded} per host) instead.
 * Details hold counts, states, times and failure kinds, never server text or credentials.
 *
 * @since 0.1.0
 */
public final class DatabricksTelemetryHealthIndicator implements HealthIndicator {

	private final DatabricksTelemetry telemetry;

	private final Clock clock;

	public DatabricksTelemetryHealthIndicator(DatabricksTelemetry telemetry, Clock clock) {
		this.telemetry = telemetry;
		this.clock = clock;
	}

	@Override
	public Health health() {
		Map<String, Object> hosts = new TreeMap<>();
		boolean degraded = false;
		for (HostSnapshot snapshot : this.telemetry.hosts()) {
			degraded |= snapshot.isDegraded();
			hosts.put(snapshot.host(), describe(snapshot));
		}
		return Health.up().withDetail("degraded", degraded).withDetail("hosts", hosts).build();
	}

	private Map<String, Object> describe(HostSnapshot snapshot) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("featureFlag", snapshot.featureFlag().name());
		details.put("featureFlagSource", snapshot.featureFlagForced() ? "configuration" : "workspace");
		Instant answeredAt = snapshot.featureFlagAnsweredAt();
		if (answeredAt != null) {
			details.put("featureFlagAnsweredAt", answeredAt.toString());
			details.put("featureFlagAgeSeconds", Duration.between(answeredAt, this.clock.instant()).toSeconds());
		}
		details.put("circuitBreaker", snapshot.circuitBreaker());
		details.put("pending", snapshot.pending());
		details.put("exported", snapshot.exported());
		details.put("dropped", dropped(snapshot));
		details.put("droppedTotal", snapshot.totalDropped());
		if (snapshot.lastSuccess() != null) {
			details.put("lastSuccess", snapshot.lastSuccess().toString());
		}
		if (snapshot.lastFailureKind() != null && snapshot.lastFailure() != null) {
			details.put("lastFailure",
					Map.of("kind", snapshot.lastFailureKind(), "at", snapshot.lastFailure().toString()));
		}
		details.put("degraded", snapshot.isDegraded());
		return details;
	}

	private static Map<String, Long> dropped(HostSnapshot snapshot) {
		Map<String, Long> byReason = new TreeMap<>();
		snapshot.dropped().forEach((reason, count) -> {
			if (count > 0) {
				byReason.put(reason.tagValue(), count);
			}
		});
		return byReason;
	}

}
