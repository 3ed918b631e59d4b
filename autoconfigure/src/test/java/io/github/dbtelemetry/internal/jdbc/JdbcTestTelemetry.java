package io.github.dbtelemetry.internal.jdbc;

import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.internal.databricks.StatementIdResolver;
import io.github.dbtelemetry.internal.operation.ConnectionFacts;
import io.github.dbtelemetry.internal.operation.OperationSink;
import io.github.dbtelemetry.internal.operation.TelemetryTarget;
import io.github.dbtelemetry.model.DriverConnectionParameters;
import io.micrometer.observation.ObservationRegistry;

/** The telemetry of a data source as the wrappers see it, for tests of the wrappers alone. */
final class JdbcTestTelemetry {

	private JdbcTestTelemetry() {
	}

	/**
	 * A data source's telemetry handing its finished operations to {@code sink}, or observing
	 * locally only when it is {@code null}.
	 */
	static DataSourceTelemetry dataSource(@Nullable OperationSink sink, ObservationRegistry registry) {
		return new DataSourceTelemetry(
				new TelemetryTarget("ds", "localhost", DriverConnectionParameters.of(null, null, null, null, null), "pat",
						null),
				sink, () -> {
				}, new DataSourceTelemetry.Observations(registry, null, null, (connection) -> "session", false, false),
				StatementIdResolver.NONE, ConnectionFacts.UNKNOWN);
	}

}
