package io.github.dbtelemetry.sample.workload;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How often the sample workload runs a round of statements.
 *
 * @param interval the delay between the end of one round and the start of the next
 */
@ConfigurationProperties("sample.workload")
public record WorkloadProperties(@DefaultValue("2s") Duration interval) {

	public WorkloadProperties {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("sample.workload.interval must be positive, was " + interval);
		}
	}

}
