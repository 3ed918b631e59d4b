package io.github.dbtelemetry.metrics;

import java.util.List;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;

/**
 * Resilience4j's own {@code resilience4j.circuitbreaker.*} meters for the starter's breakers,
 * with a {@code host} tag besides Resilience4j's {@code name} (our breakers are named after the
 * host), so that one query joins them with the other telemetry meters.
 * <p>
 * The binder registers through a private composite whose only child is the application's
 * registry: the tag is added to exactly these meters, never to breakers the application has
 * in registries of its own.
 *
 * @since 0.1.0
 */
public final class HostTaggedCircuitBreakerMetrics implements MeterBinder {

	private final CircuitBreakerRegistry circuitBreakers;

	public HostTaggedCircuitBreakerMetrics(CircuitBreakerRegistry circuitBreakers) {
		this.circuitBreakers = circuitBreakers;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		CompositeMeterRegistry tagged = new CompositeMeterRegistry(registry.config().clock(), List.of(registry));
		tagged.config().meterFilter(new MeterFilter() {

			@Override
			public Meter.Id map(Meter.Id id) {
				String name = id.getTag("name");
				return (name != null && id.getTag(TelemetryMeterNames.TAG_HOST) == null)
						? id.withTag(Tag.of(TelemetryMeterNames.TAG_HOST, name)) : id;
			}

		});
		TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(this.circuitBreakers).bindTo(tagged);
	}

}
