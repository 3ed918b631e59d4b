package io.github.dbtelemetry.support;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.internal.event.IdGenerator;
import io.github.dbtelemetry.internal.event.SystemConfigurations;
import io.github.dbtelemetry.internal.event.TelemetryEventBuilder;
import io.github.dbtelemetry.internal.host.HostSettings;
import io.github.dbtelemetry.internal.operation.ConnectionFacts;
import io.github.dbtelemetry.internal.operation.ConnectionOperation;
import io.github.dbtelemetry.internal.operation.StatementOperation;
import io.github.dbtelemetry.internal.operation.TelemetryTarget;
import io.github.dbtelemetry.model.AuthFlow;
import io.github.dbtelemetry.model.AuthMech;
import io.github.dbtelemetry.model.DatabricksClientType;
import io.github.dbtelemetry.model.DriverConnectionParameters;
import io.github.dbtelemetry.model.HostDetails;
import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.StatementType;
import io.github.dbtelemetry.observation.TelemetryTagRegistry;

/**
 * Building blocks shared by the tests of one host's pipeline: the host settings, the data
 * source a host's events describe, and finished operations as the JDBC wrappers hand them over.
 */
public final class TestTelemetry {

	public static final String HOST = "adb-1234567890123456.7.azuredatabricks.net";

	private TestTelemetry() {
	}

	public static TelemetryEventBuilder eventBuilder() {
		return new TelemetryEventBuilder(SystemConfigurations.forApplication("test"), "ua/1", Clock.systemUTC(),
				IdGenerator.RANDOM);
	}

	public static TelemetryEventBuilder eventBuilderWith(TelemetryTagRegistry registry) {
		return new TelemetryEventBuilder(SystemConfigurations.forApplication("test"), "ua/1", Clock.systemUTC(),
				IdGenerator.RANDOM, registry);
	}

	/**
	 * Host settings with defaults that stay out of a test's way, for the test to change and
	 * build: a batch of 100 and requests of one batch, an hour between periodic flushes, 10,000
	 * pending events, no breaker, export forced, plain {@code http://} allowed, nobody listening.
	 */
	public static HostSettings.Builder hostSettings(TelemetryExporter exporter, ScheduledExecutorService scheduler) {
		return HostSettings.builder(exporter, scheduler)
			.events(eventBuilder())
			.batchSize(100)
			.flushInterval(Duration.ofHours(1))
			.maxPendingEvents(10_000)
			.shutdownTimeout(Duration.ofSeconds(5))
			.allowInsecure(true)
			.warnInterval(Duration.ofMinutes(15));
	}

	/** The data source a host's events describe. */
	public static TelemetryTarget target() {
		return new TelemetryTarget("ds", HOST,
				DriverConnectionParameters.of("/sql/1.0/warehouses/w", DatabricksClientType.SEA,
						HostDetails.ofBaseUrl("https://" + HOST + ":443"), AuthMech.PAT, AuthFlow.TOKEN_PASSTHROUGH),
				"pat", null);
	}

	/** A new session that took 1 ms to open. */
	public static ConnectionOperation connectionOpened() {
		ConnectionOperation operation = new ConnectionOperation(target(), "session-1", System.nanoTime(),
				System.currentTimeMillis(), ConnectionFacts.UNKNOWN);
		operation.setEndNanos(operation.getStartNanos() + 1_000_000);
		return operation;
	}

	/** A finished query; {@code failure} may be {@code null}. */
	public static StatementOperation statementCompleted(@Nullable String statementId, @Nullable Throwable failure) {
		StatementOperation operation = new StatementOperation(target(), "session-1", StatementType.QUERY,
				OperationType.EXECUTE_STATEMENT, System.nanoTime(), System.currentTimeMillis());
		operation.setStatementId(statementId);
		operation.setExecutedNanos(operation.getStartNanos() + 1_000_000);
		operation.setEndNanos(operation.getStartNanos() + 2_000_000);
		if (failure != null) {
			operation.setFailure(failure);
		}
		return operation;
	}

}
