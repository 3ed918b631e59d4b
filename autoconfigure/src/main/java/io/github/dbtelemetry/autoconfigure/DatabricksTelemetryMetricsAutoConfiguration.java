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
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsProperties;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.metrics.DatabricksMeterObservationHandler;
import io.github.dbtelemetry.metrics.HostTaggedCircuitBreakerMetrics;
import io.github.dbtelemetry.metrics.MicrometerTelemetryPipelineListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;

/**
 * Meters of the telemetry pipeline, when the application has a {@link MeterRegistry}: events
 * exported and dropped, HTTP exports, pending events, the feature flag, and (with
 * resilience4j-micrometer) each host's circuit breaker; and the statement and connection timers,
 * which the starter records itself from its observations.
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

	/**
	 * Records the {@code databricks.statement} and {@code databricks.connection} timers (and their
	 * {@code .active} long-task timers) as Boot's {@link DefaultMeterObservationHandler} would,
	 * with the same names and tags, for a fraction of its cost per statement. Boot puts every
	 * meter observation handler into one first-matching group, in bean order; without an order
	 * this bean would come after Boot's own handler, which supports every context and would
	 * take the starter's too. First, it takes only the starter's contexts and passes on the rest.
	 * Long-task timers follow {@code management.metrics.observations.ignored-meters}, as Boot's
	 * handler does.
	 */
	@Bean
	@Order(Ordered.HIGHEST_PRECEDENCE)
	@ConditionalOnMissingBean
	DatabricksMeterObservationHandler databricksMeterObservationHandler(MeterRegistry registry,
			ObjectProvider<MetricsProperties> properties) {
		MetricsProperties metrics = properties.getIfAvailable();
		boolean longTaskTimers = metrics == null || !metrics.getObservations()
			.getIgnoredMeters()
			.contains(DefaultMeterObservationHandler.IgnoredMeters.LONG_TASK_TIMER);
		return new DatabricksMeterObservationHandler(registry, longTaskTimers);
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
