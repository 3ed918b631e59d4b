package io.github.dbtelemetry.autoconfigure;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.health.DatabricksTelemetryHealthIndicator;

/**
 * The {@code databricksTelemetry} health contributor, when spring-boot-health is present.
 * {@code management.health.databricks-telemetry.enabled=false} turns it off.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = DatabricksTelemetryAutoConfiguration.class)
@ConditionalOnClass(HealthIndicator.class)
@ConditionalOnBean(DatabricksTelemetry.class)
@ConditionalOnEnabledHealthIndicator("databricks-telemetry")
public final class DatabricksTelemetryHealthAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(name = "databricksTelemetryHealthIndicator")
	DatabricksTelemetryHealthIndicator databricksTelemetryHealthIndicator(DatabricksTelemetry telemetry) {
		return new DatabricksTelemetryHealthIndicator(telemetry, Clock.systemUTC());
	}

}
