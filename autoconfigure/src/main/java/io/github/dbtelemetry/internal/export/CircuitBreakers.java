package io.github.dbtelemetry.internal.export;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.registry.EntryAddedEvent;
import io.github.resilience4j.core.registry.EntryRemovedEvent;
import io.github.resilience4j.core.registry.EntryReplacedEvent;
import io.github.resilience4j.core.registry.RegistryEventConsumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Makes the circuit breaker of each workspace host, so that one dead workspace does not stop the
 * telemetry of the others. A breaker opens after exactly {@code failureThreshold} consecutive
 * failed exports: a count-based window of that size that must be entirely failures. It stays open
 * for {@code openDuration}, then lets {@code successThreshold} trial exports through.
 * <p>
 * Resilience4j decides a half-open breaker only once all its trial calls have ended, and with a
 * 100% failure rate it would close again after one good trial out of two. The rule "one failed
 * trial reopens it" is therefore applied by {@link CircuitBreakerTelemetryExporter}, which records
 * the outcomes.
 * <p>
 * Each breaker belongs to its host and lives as long as it does. The breakers of open hosts are
 * also listed in a Resilience4j registry, only so that Resilience4j's Micrometer binder can
 * publish them and remove their meters when a host goes.
 */
public final class CircuitBreakers {

	private static final Log logger = LogFactory.getLog(CircuitBreakers.class);

	// Resilience4j also opens on slow calls (60 s by default); an export that took long but
	// succeeded is not a failure here, and attempts are bounded by the exporter's timeouts.
	private static final Duration NEVER_SLOW = Duration.ofDays(365);

	private final CircuitBreakerConfig config;

	private final CircuitBreakerRegistry published;

	private final Duration openDuration;

	/**
	 * @param failureThreshold consecutive failed exports that open a breaker
	 * @param openDuration how long an open breaker rejects exports before trial exports
	 * @param successThreshold successful trials that close a half-open breaker
	 * @param clock the clock the breakers measure {@code openDuration} with
	 */
	public CircuitBreakers(int failureThreshold, Duration openDuration, int successThreshold, Clock clock) {
		this.openDuration = openDuration;
		this.config = CircuitBreakerConfig.custom()
			.slidingWindow(failureThreshold, failureThreshold, SlidingWindowType.COUNT_BASED)
			.failureRateThreshold(100)
			.slowCallDurationThreshold(NEVER_SLOW)
			.waitDurationInOpenState(openDuration)
			.permittedNumberOfCallsInHalfOpenState(successThreshold)
			// Half-open is entered on the next export after openDuration, without a timer thread.
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.writableStackTraceEnabled(false)
			.clock(Objects.requireNonNull(clock, "clock"))
			.build();
		this.published = CircuitBreakerRegistry.of(this.config, new TransitionLogger());
	}

	/**
	 * A new breaker for a host, replacing any left from an earlier host of the same name. Called
	 * under the host registry's lock for that host, so creation and {@link #remove} never
	 * interleave for one name.
	 */
	public CircuitBreaker create(String host) {
		String name = host.toLowerCase(Locale.ROOT);
		this.published.remove(name);
		return this.published.circuitBreaker(name, this.config);
	}

	/** How long an open breaker rejects exports before a trial. */
	public Duration openDuration() {
		return this.openDuration;
	}

	/** Forgets a host's breaker; its meters go with it. */
	public void remove(String host) {
		this.published.remove(host.toLowerCase(Locale.ROOT));
	}

	/** The breakers of the hosts in use, for Resilience4j's Micrometer binder. */
	public CircuitBreakerRegistry registry() {
		return this.published;
	}

	/** Logs each breaker's state changes at debug, with its host. */
	private static final class TransitionLogger implements RegistryEventConsumer<CircuitBreaker> {

		@Override
		public void onEntryAddedEvent(EntryAddedEvent<CircuitBreaker> event) {
			listen(event.getAddedEntry());
		}

		@Override
		public void onEntryRemovedEvent(EntryRemovedEvent<CircuitBreaker> event) {
		}

		@Override
		public void onEntryReplacedEvent(EntryReplacedEvent<CircuitBreaker> event) {
			listen(event.getNewEntry());
		}

		private static void listen(CircuitBreaker breaker) {
			breaker.getEventPublisher().onStateTransition((transition) -> {
				if (logger.isDebugEnabled()) {
					logger.debug("Telemetry circuit breaker for " + transition.getCircuitBreakerName() + ": "
							+ transition.getStateTransition().getFromState() + " -> "
							+ transition.getStateTransition().getToState());
				}
			});
		}

	}

}
