package io.github.dbtelemetry.sample.workload;

import java.util.Objects;
import java.util.function.Consumer;

import org.springframework.jdbc.core.JdbcOperations;

/**
 * One statement of a workload round.
 *
 * @param name what the step does, for logs only (never the SQL text: the sample follows the same
 * privacy habit as the telemetry it demonstrates)
 * @param action the JDBC call
 * @param expectedToFail whether the step fails on purpose, to show an {@code error_info} in telemetry
 */
public record WorkloadStep(String name, Consumer<JdbcOperations> action, boolean expectedToFail) {

	public WorkloadStep {
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(action, "action");
	}

	public static WorkloadStep of(String name, Consumer<JdbcOperations> action) {
		return new WorkloadStep(name, action, false);
	}

	public static WorkloadStep failing(String name, Consumer<JdbcOperations> action) {
		return new WorkloadStep(name, action, true);
	}

}
