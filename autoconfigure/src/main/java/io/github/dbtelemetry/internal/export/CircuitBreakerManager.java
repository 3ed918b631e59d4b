package io.github.dbtelemetry.internal.export;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig.SlidingWindowType;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.registry.EntryAddedEvent;
import io.github.resilience4j.core.registry.EntryRemovedEvent;
import io.github.resilience4j.core.registry.EntryReplacedEvent;
import io.github.resilience4j.core.registry.RegistryEventConsumer;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * One Resilience4j circuit breaker per workspace host, so that one dead workspace does not stop
 * the telemetry of the others. A breaker opens after exactly {@code failureThreshold} consecutive
 * failed exports: a count-based window of that size that must be entirely failures. It stays open
 * for {@code openDuration}, then lets {@code successThreshold} trial exports through.
 * <p>
 * Resilience4j decides a half-open breaker only once all its trial calls have ended, and with a
 * 100% failure rate it would close again after one good trial out of two. The rule "one failed
 * trial reopens it" is therefore applied by {@link CircuitBreakerTelemetryExporter}, which records
 * the outcomes.
 * <p>
 * The registry is exposed so that Resilience4j's Micrometer binder can publish the breakers.
 */
public final class CircuitBreakerManager {

	private static final Log logger = LogFactory.getLog(CircuitBreakerManager.class);

	// Resilience4j also opens on slow calls (60 s by default); an export that took long but
	// succeeded is not a failure here, and attempts are bounded by the exporter's timeouts.
	private static final Duration NEVER_SLOW = Duration.ofDays(365);

	private final CircuitBreakerSettings settings;

	private final CircuitBreakerRegistry registry;

	public CircuitBreakerManager(CircuitBreakerSettings settings) {
		this(settings, Clock.systemUTC());
	}

	/**
	 * @param clock the clock the breakers measure {@code openDuration} with; tests pass one they
	 * can move forward
	 */
	public CircuitBreakerManager(CircuitBreakerSettings settings, Clock clock) {
		this.settings = Objects.requireNonNull(settings, "settings");
		CircuitBreakerConfig config = CircuitBreakerConfig.custom()
			.slidingWindow(settings.failureThreshold(), settings.failureThreshold(), SlidingWindowType.COUNT_BASED)
			.failureRateThreshold(100)
			.slowCallDurationThreshold(NEVER_SLOW)
			.waitDurationInOpenState(settings.openDuration())
			.permittedNumberOfCallsInHalfOpenState(settings.successThreshold())
			// Half-open is entered on the next export after openDuration, without a timer thread.
			.automaticTransitionFromOpenToHalfOpenEnabled(false)
			.writableStackTraceEnabled(false)
			.clock(Objects.requireNonNull(clock, "clock"))
			.build();
		this.registry = CircuitBreakerRegistry.of(config, new TransitionLogger());
	}

	/** The breaker of a host; host names are compared without regard to case. */
	public CircuitBreaker getCircuitBreaker(String host) {
		Objects.requireNonNull(host, "host");
		return this.registry.circuitBreaker(host.toLowerCase(Locale.ROOT));
	}

	/** Every breaker created so far, for metrics. */
	public CircuitBreakerRegistry getRegistry() {
		return this.registry;
	}

	public CircuitBreakerSettings getSettings() {
		return this.settings;
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
