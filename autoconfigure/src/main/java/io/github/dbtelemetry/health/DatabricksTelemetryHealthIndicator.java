package io.github.dbtelemetry.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

import io.github.dbtelemetry.internal.host.FeatureFlagCache;
import io.github.dbtelemetry.internal.host.FeatureFlagContext;
import io.github.dbtelemetry.internal.host.TelemetryClient;
import io.github.dbtelemetry.internal.host.TelemetryClientManager;
import io.github.dbtelemetry.pipeline.TelemetryClientSnapshot;
import io.github.dbtelemetry.internal.export.CircuitBreakerManager;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/**
 * The state of the telemetry of every workspace host in use. Always {@code UP}: telemetry is a
 * side channel, and an open breaker or an unreachable endpoint must never take the application
 * out of a load balancer. Trouble shows in the details ({@code degraded} per host) instead.
 * Details hold counts, states, times and failure kinds, never server text or credentials.
 */
public final class DatabricksTelemetryHealthIndicator implements HealthIndicator {

	private final TelemetryClientManager clients;

	private final Optional<FeatureFlagCache> featureFlags;

	private final Optional<CircuitBreakerManager> circuitBreakers;

	private final Clock clock;

	public DatabricksTelemetryHealthIndicator(TelemetryClientManager clients, FeatureFlagCache featureFlags,
			CircuitBreakerManager circuitBreakers, Clock clock) {
		this.clients = clients;
		this.featureFlags = Optional.ofNullable(featureFlags);
		this.circuitBreakers = Optional.ofNullable(circuitBreakers);
		this.clock = clock;
	}

	@Override
	public Health health() {
		Map<String, Object> hosts = new TreeMap<>();
		boolean degraded = false;
		for (TelemetryClient client : this.clients.getClients().values()) {
			Map<String, Object> host = describe(client.snapshot());
			degraded |= Boolean.TRUE.equals(host.get("degraded"));
			hosts.put(client.getHost(), host);
		}
		return Health.up().withDetail("degraded", degraded).withDetail("hosts", hosts).build();
	}

	private Map<String, Object> describe(TelemetryClientSnapshot snapshot) {
		Map<String, Object> details = new LinkedHashMap<>();
		details.put("featureFlag", snapshot.featureFlag().name());
		Optional<FeatureFlagContext> flag = this.featureFlags.flatMap((cache) -> cache.getContext(snapshot.host()));
		Instant answeredAt = flag.map(FeatureFlagContext::getFetchedAt).orElse(null);
		// without a context the flag was forced on (or the host is already being released)
		details.put("featureFlagSource", flag.isPresent() ? "workspace" : "configuration");
		if (answeredAt != null) {
			details.put("featureFlagAnsweredAt", answeredAt.toString());
			details.put("featureFlagAgeSeconds", Duration.between(answeredAt, this.clock.instant()).toSeconds());
		}
		String breaker = breakerState(snapshot.host());
		details.put("circuitBreaker", breaker);
		details.put("pending", snapshot.pending());
		details.put("exported", snapshot.exported());
		details.put("dropped", dropped(snapshot));
		details.put("droppedTotal", snapshot.totalDropped());
		if (snapshot.lastSuccessMillis() != null) {
			details.put("lastSuccess", Instant.ofEpochMilli(snapshot.lastSuccessMillis()).toString());
		}
		if (snapshot.lastFailureKind() != null) {
			details.put("lastFailure", Map.of("kind", snapshot.lastFailureKind(), "at",
					Instant.ofEpochMilli(snapshot.lastFailureMillis()).toString()));
		}
		details.put("degraded", isDegraded(breaker, snapshot));
		return details;
	}

	private String breakerState(String host) {
		return this.circuitBreakers
			.flatMap((manager) -> manager.getRegistry().find(host.toLowerCase(Locale.ROOT)))
			.map(CircuitBreaker::getState)
			.map(Enum::name)
			// no breaker yet (nothing exported so far) or breakers switched off
			.orElse("NONE");
	}

	private static Map<String, Long> dropped(TelemetryClientSnapshot snapshot) {
		Map<String, Long> byReason = new TreeMap<>();
		snapshot.dropped().forEach((reason, count) -> {
			if (count > 0) {
				byReason.put(reason.tagValue(), count);
			}
		});
		return byReason;
	}

	// Degraded: exports are being refused or the last attempt failed after the last success.
	private static boolean isDegraded(String breaker, TelemetryClientSnapshot snapshot) {
		if (!"CLOSED".equals(breaker) && !"NONE".equals(breaker)) {
			return true;
		}
		Long failure = snapshot.lastFailureMillis();
		Long success = snapshot.lastSuccessMillis();
		return failure != null && (success == null || failure > success);
	}

}
