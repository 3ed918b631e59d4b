package io.github.dbtelemetry.internal.event;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.internal.operation.ConnectionFacts;
import io.github.dbtelemetry.internal.operation.ConnectionOperation;
import io.github.dbtelemetry.internal.operation.DatabricksOperation;
import io.github.dbtelemetry.internal.operation.StatementOperation;
import io.github.dbtelemetry.internal.operation.TelemetryTarget;
import io.github.dbtelemetry.model.AuthFlow;
import io.github.dbtelemetry.model.AuthMech;
import io.github.dbtelemetry.model.DatabricksClientType;
import io.github.dbtelemetry.model.DriverConnectionParameters;
import io.github.dbtelemetry.model.DriverSystemConfiguration;
import io.github.dbtelemetry.model.HostDetails;
import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.SqlExecutionEvent;
import io.github.dbtelemetry.model.StatementType;
import io.github.dbtelemetry.model.TelemetryEvent;
import io.github.dbtelemetry.model.TelemetryFrontendLog;
import io.github.dbtelemetry.observation.TelemetryTag;
import io.github.dbtelemetry.observation.TelemetryTagRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/** The event builder writes what the registry allows and nothing of the local-only facts. */
class TelemetryEventBuilderTests {

	private static final DriverSystemConfiguration SYSTEM = new DriverSystemConfiguration("1.2.3", "Linux", "6.1",
			"amd64", "OpenJDK", "17", "Vendor", "app", "en_US", "databricks-telemetry-spring-boot", "UTF-8", "Main");

	private static final TelemetryTarget TARGET = new TelemetryTarget("ds", "adb-1.azuredatabricks.net",
			DriverConnectionParameters.of("/sql/1.0/warehouses/w", DatabricksClientType.SEA,
					HostDetails.ofBaseUrl("https://adb-1.azuredatabricks.net:443"), AuthMech.PAT,
					AuthFlow.TOKEN_PASSTHROUGH),
			"pat", null);

	private final AtomicInteger ids = new AtomicInteger();

	private TelemetryEventBuilder factory(TelemetryTagRegistry registry) {
		return new TelemetryEventBuilder(SYSTEM, "agent/1", Clock.fixed(Instant.ofEpochMilli(1000), ZoneOffset.UTC),
				() -> "id-" + this.ids.incrementAndGet(), registry);
	}

	private static TelemetryTagRegistry without(TelemetryTag... removed) {
		Set<TelemetryTag> gone = Set.of(removed);
		return new TelemetryTagRegistry(Arrays.stream(TelemetryTag.values()).filter((t) -> !gone.contains(t)).toList());
	}

	private static StatementOperation failedStatement() {
		StatementOperation statement = new StatementOperation(TARGET, "session-1", StatementType.QUERY,
				OperationType.EXECUTE_STATEMENT, 1_000_000, 5);
		statement.setStatementId("statement-1");
		statement.setExecutedNanos(3_000_000);
		statement.setEndNanos(10_000_000);
		statement.setSqlText("SELECT secret FROM t");
		statement.setFailure(new SQLException("table secret not found near 'SELECT secret'", "42S02"));
		return statement;
	}

	@Test
	void defaultRegistryExportsEveryAllowedFieldAndNoMessage() {
		TelemetryFrontendLog log = factory(TelemetryTagRegistry.defaults()).statementEvent(failedStatement());
		TelemetryEvent event = log.entry().sqlDriverLog();
		assertThat(log.workspaceId()).as("stamped by the host when the batch is sent").isNull();
		assertThat(event.sessionId()).isEqualTo("session-1");
		assertThat(event.sqlStatementId()).isEqualTo("statement-1");
		assertThat(event.systemConfiguration()).isSameAs(SYSTEM);
		assertThat(event.driverConnectionParams()).isSameAs(TARGET.connectionParameters());
		assertThat(event.authType()).isEqualTo("pat");
		assertThat(event.operationLatencyMs()).isEqualTo(9);
		assertThat(event.sqlOperation().statementType()).isEqualTo(StatementType.QUERY);
		assertThat(event.sqlOperation().resultLatency().resultSetConsumptionLatencyMillis()).isEqualTo(7);
		assertThat(event.sqlOperation().operationDetail().operationType()).isEqualTo(OperationType.EXECUTE_STATEMENT);
		assertThat(event.errorInfo().errorName()).isEqualTo("42S02");
		assertThat(event.errorInfo().stackTrace()).isNull();
		assertThat(log.context().clientContext().timestampMillis()).as("when the statement ended: started at 5, took 9 ms")
			.isEqualTo(14);
	}

	@Test
	void anUndatedOperationIsDatedByTheWallClockWhenItsEventIsBuiltBackByTheTimeSinceItEnded() {
		long end = System.nanoTime() - TimeUnit.SECONDS.toNanos(5);
		StatementOperation statement = new StatementOperation(TARGET, "session-1", StatementType.QUERY,
				OperationType.EXECUTE_STATEMENT, end - TimeUnit.SECONDS.toNanos(1), DatabricksOperation.UNDATED);
		statement.setEndNanos(end);
		long sinceEndBefore = System.nanoTime() - end;
		TelemetryFrontendLog log = factory(TelemetryTagRegistry.defaults()).statementEvent(statement);
		long sinceEndAfter = System.nanoTime() - end;
		// the fixed wall clock reads 1,000 ms; the statement ended 5 s (and the build's own time) before
		assertThat(log.context().clientContext().timestampMillis())
			.isBetween(1000 - TimeUnit.NANOSECONDS.toMillis(sinceEndAfter) - 1,
					1000 - TimeUnit.NANOSECONDS.toMillis(sinceEndBefore))
			.isLessThanOrEqualTo(1000 - 5000);
	}

	@Test
	void undatedOperationsThatEndedTogetherHaveTheWallClockReadOnceForAll() {
		AtomicInteger readings = new AtomicInteger();
		Clock counting = new Clock() {

			@Override
			public Instant instant() {
				readings.incrementAndGet();
				return Instant.ofEpochMilli(1000);
			}

			@Override
			public ZoneOffset getZone() {
				return ZoneOffset.UTC;
			}

			@Override
			public Clock withZone(java.time.ZoneId zone) {
				return this;
			}

		};
		TelemetryEventBuilder builder = new TelemetryEventBuilder(SYSTEM, "agent/1", counting,
				() -> "id-" + this.ids.incrementAndGet(), TelemetryTagRegistry.defaults());
		long end = System.nanoTime();
		for (int i = 0; i < 100; i++) {
			StatementOperation statement = new StatementOperation(TARGET, "session-1", StatementType.QUERY,
					OperationType.EXECUTE_STATEMENT, end - 1_000_000 + i, DatabricksOperation.UNDATED);
			statement.setEndNanos(end + i);
			builder.statementEvent(statement);
		}
		assertThat(readings).hasValue(1);
	}

	@Test
	void fieldsWhoseKeysAreNotAllowedAreLeftOut() {
		TelemetryFrontendLog log = factory(without(TelemetryTag.WORKSPACE_ID, TelemetryTag.SESSION_ID,
				TelemetryTag.STATEMENT_ID, TelemetryTag.ERROR_NAME, TelemetryTag.LATENCY_RESULT_CONSUMPTION_MS,
				TelemetryTag.AUTH_TYPE,
				TelemetryTag.CONNECTION_PARAMETERS, TelemetryTag.LATENCY_OPERATION_MS))
			.statementEvent(failedStatement());
		TelemetryEvent event = log.entry().sqlDriverLog();
		assertThat(log.workspaceId()).isNull();
		assertThat(event.sessionId()).isNull();
		assertThat(event.sqlStatementId()).isNull();
		assertThat(event.errorInfo()).isNull();
		assertThat(event.authType()).isNull();
		assertThat(event.driverConnectionParams()).isNull();
		assertThat(event.operationLatencyMs()).isNull();
		assertThat(event.sqlOperation().resultLatency()).isNull();
		assertThat(event.sqlOperation().statementType()).isEqualTo(StatementType.QUERY);
	}

	@Test
	void resultFormatCompressionAndChunksAreLeftOutSinceTheDriversPublicApiDoesNotTellThem() {
		TelemetryEvent event = factory(TelemetryTagRegistry.defaults()).statementEvent(failedStatement())
			.entry()
			.sqlDriverLog();
		assertThat(event.sqlOperation().executionResult()).isNull();
		assertThat(event.sqlOperation().isCompressed()).isNull();
		assertThat(event.sqlOperation().chunkDetails()).isNull();
		assertThat(event.sqlOperation().chunkId()).isNull();
	}

	@Test
	void systemConfigurationIsFilteredOnceByItsKeys() {
		TelemetryEventBuilder onlyDriver = factory(without(TelemetryTag.SYSTEM_CONFIGURATION));
		DriverSystemConfiguration first = onlyDriver.statementEvent(failedStatement())
			.entry()
			.sqlDriverLog()
			.systemConfiguration();
		assertThat(first.driverVersion()).isEqualTo("1.2.3");
		assertThat(first.driverName()).isEqualTo("databricks-telemetry-spring-boot");
		assertThat(first.osName()).isNull();
		assertThat(first.processName()).isNull();
		assertThat(onlyDriver.statementEvent(failedStatement()).entry().sqlDriverLog().systemConfiguration())
			.isSameAs(first);
		assertThat(factory(without(TelemetryTag.SYSTEM_CONFIGURATION, TelemetryTag.DRIVER_NAME,
				TelemetryTag.DRIVER_VERSION))
			.statementEvent(failedStatement())
			.entry()
			.sqlDriverLog()
			.systemConfiguration()).isNull();
	}

	@Test
	void connectionEventsFollowTheirOwnEventType() {
		ConnectionOperation connection = new ConnectionOperation(TARGET, "session-2", 0, 5, ConnectionFacts.UNKNOWN);
		connection.setEndNanos(2_000_000);
		TelemetryEvent event = factory(TelemetryTagRegistry.defaults()).connectionEvent(connection)
			.entry()
			.sqlDriverLog();
		assertThat(event.sessionId()).isEqualTo("session-2");
		assertThat(event.sqlStatementId()).isNull();
		assertThat(event.sqlOperation().operationDetail().operationType()).isEqualTo(OperationType.CREATE_SESSION);
		assertThat(event.operationLatencyMs()).isEqualTo(2);
		assertThat(event.errorInfo()).isNull();
	}

	@Test
	void eventsShareWhatIsTheSameForThemAndNothingElse() {
		TelemetryEventBuilder builder = factory(TelemetryTagRegistry.defaults());
		TelemetryTarget otherAgent = new TelemetryTarget("other", TARGET.host(), TARGET.connectionParameters(),
				TARGET.authType(), "agent/2");
		TelemetryFrontendLog first = builder.statementEvent(statement(TARGET, 10_000, 3));
		TelemetryFrontendLog sameMillisecond = builder.statementEvent(statement(TARGET, 10_000, 5));
		TelemetryFrontendLog otherClient = builder.statementEvent(statement(otherAgent, 10_000, 3));
		TelemetryFrontendLog nextMillisecond = builder.statementEvent(statement(TARGET, 10_001, 3_000));

		assertThat(first.context().clientContext().timestampMillis()).isEqualTo(10_000);
		assertThat(sameMillisecond.context()).isSameAs(first.context());
		assertThat(otherClient.context().clientContext().timestampMillis()).isEqualTo(10_000);
		assertThat(otherClient.context().clientContext().userAgent()).isEqualTo("agent/2");
		assertThat(nextMillisecond.context().clientContext().timestampMillis()).isEqualTo(10_001);
		assertThat(nextMillisecond.context().clientContext().userAgent()).isEqualTo("agent/1");
		assertThat(first.frontendLogEventId()).isNotEqualTo(sameMillisecond.frontendLogEventId());
		assertThat(first.entry()).isNotSameAs(sameMillisecond.entry());
		assertThat(operation(sameMillisecond).operationDetail()).isSameAs(operation(first).operationDetail());
		assertThat(operation(first).resultLatency().resultSetConsumptionLatencyMillis()).isEqualTo(3);
		assertThat(operation(sameMillisecond).resultLatency().resultSetConsumptionLatencyMillis()).isEqualTo(5);
		assertThat(operation(otherClient).resultLatency()).isSameAs(operation(first).resultLatency());
		assertThat(operation(nextMillisecond).resultLatency().resultSetConsumptionLatencyMillis()).isEqualTo(3_000);
	}

	// A statement that ended at endedAtMillis, its result read for consumptionMillis.
	private static StatementOperation statement(TelemetryTarget target, long endedAtMillis, long consumptionMillis) {
		StatementOperation statement = new StatementOperation(target, "session-1", StatementType.QUERY,
				OperationType.EXECUTE_STATEMENT, 1_000_000, endedAtMillis - 1 - consumptionMillis);
		statement.setExecutedNanos(2_000_000);
		statement.setEndNanos(2_000_000 + consumptionMillis * 1_000_000);
		return statement;
	}

	private static SqlExecutionEvent operation(TelemetryFrontendLog log) {
		return log.entry().sqlDriverLog().sqlOperation();
	}

	@Test
	void errorsAreNamedBySqlStateOrClassNeverByMessage() {
		assertThat(TelemetryEventBuilder.errorInfo(new SQLException("leak", "  "))).satisfies((info) -> {
			assertThat(info.errorName()).isEqualTo("SQLException");
			assertThat(info.stackTrace()).isNull();
		});
		assertThat(TelemetryEventBuilder.errorInfo(new SQLException("leak", "table users missing")).errorName())
			.isEqualTo("SQLException");
		assertThat(TelemetryEventBuilder.errorInfo(new SQLException("leak", "42s02")).errorName())
			.isEqualTo("SQLException");
		assertThat(TelemetryEventBuilder.errorInfo(new SQLException("leak", "HY000")).errorName()).isEqualTo("HY000");
		assertThat(TelemetryEventBuilder.errorInfo(new IllegalStateException("leak")).errorName())
			.isEqualTo("IllegalStateException");
		assertThat(TelemetryEventBuilder.errorInfo(null)).isNull();
	}

}
