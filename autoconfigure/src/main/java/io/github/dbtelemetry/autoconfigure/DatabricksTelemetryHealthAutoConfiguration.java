package io.github.dbtelemetry.autoconfigure;

import io.github.dbtelemetry.health.DatabricksTelemetryHealthIndicator;

import java.time.Clock;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import io.github.dbtelemetry.internal.host.FeatureFlagCache;
import io.github.dbtelemetry.internal.host.TelemetryClientManager;
import io.github.dbtelemetry.internal.export.CircuitBreakerManager;

/**
 * The {@code databricksTelemetry} health contributor, when spring-boot-health is present.
 * {@code management.health.databricks-telemetry.enabled=false} turns it off.
 */
@AutoConfiguration(after = DatabricksTelemetryAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(TelemetryClientManager.class)
@ConditionalOnEnabledHealthIndicator("databricks-telemetry")
public final class DatabricksTelemetryHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "databricksTelemetryHealthIndicator")
	DatabricksTelemetryHealthIndicator databricksTelemetryHealthIndicator(TelemetryClientManager clients,
			ObjectProvider<FeatureFlagCache> featureFlags, ObjectProvider<CircuitBreakerManager> circuitBreakers) {
		return new DatabricksTelemetryHealthIndicator(clients, featureFlags.getIfAvailable(),
				circuitBreakers.getIfAvailable(), Clock.systemUTC());
	}

}
