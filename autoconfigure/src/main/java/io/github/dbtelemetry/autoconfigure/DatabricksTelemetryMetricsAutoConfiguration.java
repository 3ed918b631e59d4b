package io.github.dbtelemetry.autoconfigure;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.metrics.HostTaggedCircuitBreakerMetrics;
import io.github.dbtelemetry.metrics.MicrometerTelemetryPipelineListener;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Meters of the telemetry pipeline, when the application has a {@link MeterRegistry}: events
 * exported and dropped, HTTP exports, pending events, the feature flag, and (with
 * resilience4j-micrometer) each host's circuit breaker. The statement and connection timers need
 * nothing here: Boot's observation handler makes them from the observations.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { DatabricksTelemetryAutoConfiguration.class, MetricsAutoConfiguration.class,
		CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class })
@ConditionalOnClass({ MeterRegistry.class, MetricsAutoConfiguration.class })
@ConditionalOnBean({ MeterRegistry.class, DatabricksTelemetry.class })
public final class DatabricksTelemetryMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	MicrometerTelemetryPipelineListener databricksTelemetryMeterListener(MeterRegistry registry) {
		return new MicrometerTelemetryPipelineListener(registry);
	}

	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(TaggedCircuitBreakerMetrics.class)
	static final class CircuitBreakerMetricsConfiguration {

		/**
		 * Publishes {@code resilience4j.circuitbreaker.*} for the starter's breakers, one per host.
		 * Bound once every singleton exists: the engine itself hands its events to the meter
		 * listener above, so it cannot be asked for while the meter registry is being set up.
		 */
		@Bean
		@ConditionalOnMissingBean(name = "databricksTelemetryCircuitBreakerMetrics")
		SmartInitializingSingleton databricksTelemetryCircuitBreakerMetrics(ObjectProvider<DatabricksTelemetry> telemetry,
				ObjectProvider<MeterRegistry> meterRegistry) {
			return () -> {
				DatabricksTelemetry engine = telemetry.getIfAvailable();
				CircuitBreakerRegistry breakers = (engine != null) ? engine.circuitBreakerRegistry() : null;
				MeterRegistry registry = meterRegistry.getIfAvailable();
				if (breakers != null && registry != null) {
					new HostTaggedCircuitBreakerMetrics(breakers).bindTo(registry);
				}
			};
		}

	}

}
