package io.github.dbtelemetry.internal.event;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.dbtelemetry.internal.host.FeatureFlagGate;
import io.github.dbtelemetry.internal.host.TelemetryClient;
import io.github.dbtelemetry.internal.export.TelemetryPayloadSerializer;
import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.TelemetryEvent;
import io.github.dbtelemetry.model.TelemetryFrontendLog;
import io.github.dbtelemetry.observation.StatementObservationContext;
import io.github.dbtelemetry.observation.TelemetryTag;
import io.github.dbtelemetry.observation.TelemetryTagRegistry;
import io.github.dbtelemetry.support.ManualScheduler;
import io.github.dbtelemetry.support.RecordingTelemetryExporter;
import io.github.dbtelemetry.support.TelemetrySchemaValidator;
import io.github.dbtelemetry.support.TelemetryTestFixture;
import io.github.dbtelemetry.support.TestTelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The aggregator of one host
 * behind a real {@link TelemetryClient} whose scheduler only runs when the test says so, so
 * batch and interval triggers are checked without sleeping.
 */
class MetricsAggregatorTests {

	private static final Duration INTERVAL = Duration.ofSeconds(5);

	private final ManualScheduler scheduler = new ManualScheduler();

	private final RecordingTelemetryExporter exporter = new RecordingTelemetryExporter();

	private final TelemetryClient client = TestTelemetry.client(this.exporter, FeatureFlagGate.FORCED,
			TestTelemetry.settings(100, INTERVAL), this.scheduler);

	private final MetricsAggregator aggregator = this.client.getAggregator();

	@Test
	void anOpenedSessionIsQueuedAtOnce() {
		this.aggregator.record(TestTelemetry.connectionOpened(this.aggregator));
		assertThat(this.client.getPendingCount()).as("queued for export as soon as the session opened").isEqualTo(1);
		this.client.flush().join();
		assertThat(this.exporter.sessionEvents()).singleElement()
			.satisfies((event) -> assertThat(event.sqlOperation().operationDetail().operationType())
				.isEqualTo(OperationType.CREATE_SESSION));
	}

	@Test
	void executeFetchAndCloseOfAStatementAreOneEvent() throws Exception {
		// execute, fetch and close of one statement are phases of one observation: one event
		try (TelemetryTestFixture fixture = new TelemetryTestFixture(this.exporter)) {
			try (Connection connection = fixture.dataSource().getConnection();
					Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE t (id INT)");
				statement.execute("INSERT INTO t VALUES (1), (2), (3)");
				try (ResultSet rows = statement.executeQuery("SELECT id FROM t")) {
					while (rows.next()) {
						rows.getInt(1);
					}
				}
			}
			fixture.flush();
		}
		List<TelemetryEvent> statements = this.exporter.statementEvents();
		assertThat(statements).hasSize(3);
		assertThat(statements).extracting(TelemetryEvent::sqlStatementId).doesNotContainNull().doesNotHaveDuplicates();
	}

	@Test
	void aStatementIsQueuedWhenItCompletes() {
		StatementObservationContext running = TestTelemetry.statementCompleted(this.aggregator, "statement-1", null);
		assertThat(this.client.getPendingCount()).as("nothing while the statement runs").isZero();
		this.aggregator.record(running);
		assertThat(this.client.getPendingCount()).isEqualTo(1);
		this.client.flush().join();
		assertThat(this.exporter.statementEvents()).singleElement()
			.satisfies((event) -> assertThat(event.sqlStatementId()).isEqualTo("statement-1"));
	}

	@Test
	void aFullBatchIsExported() {
		for (int i = 0; i < 99; i++) {
			this.aggregator.record(TestTelemetry.statementCompleted(this.aggregator, "s" + i, null));
		}
		this.scheduler.runPending();
		assertThat(this.exporter.logs()).as("below the batch size nothing is sent").isEmpty();
		this.aggregator.record(TestTelemetry.statementCompleted(this.aggregator, "s99", null));
		this.scheduler.runPending();
		assertThat(this.exporter.logs()).hasSize(100);
		assertThat(this.client.getPendingCount()).isZero();
	}

	@Test
	void pendingEventsAreExportedAfterTheFlushInterval() {
		this.aggregator.record(TestTelemetry.statementCompleted(this.aggregator, "s1", null));
		this.scheduler.advance(INTERVAL.minusMillis(1));
		assertThat(this.exporter.logs()).isEmpty();
		this.scheduler.advance(Duration.ofMillis(1));
		assertThat(this.exporter.logs()).hasSize(1);
	}

	static List<Throwable> terminalFailures() {
		return List.of(new SQLException("denied", "28000"), new SQLException("bad token", "28P01"),
				new RuntimeException("wrapped", new SQLException("HTTP", "HY000", 401)),
				new SQLException("outer", "HY000", new SQLException("forbidden", null, 403)));
	}

	@ParameterizedTest
	@MethodSource("terminalFailures")
	void aTerminalFailureFlushesTheHostsEventsAtOnce(Throwable failure) {
		this.aggregator.record(TestTelemetry.connectionOpened(this.aggregator));
		this.aggregator.record(TestTelemetry.statementCompleted(this.aggregator, "ok", null));
		this.aggregator.record(TestTelemetry.statementCompleted(this.aggregator, "denied", failure));
		assertThat(this.scheduler.pendingCount()).as("a flush was asked for at once").isEqualTo(1);
		this.scheduler.runPending();
		assertThat(this.exporter.logs()).as("the host's pending events go with the error event").hasSize(3);
	}

	@Test
	void aRetryableFailureWaitsForTheNextFlush() {
		SQLException retryable = new SQLException("service unavailable", "08S01", 503);
		this.aggregator.record(TestTelemetry.statementCompleted(this.aggregator, "retried", retryable));
		assertThat(this.scheduler.pendingCount()).as("no flush for a retryable failure").isZero();
		assertThat(this.client.getPendingCount()).isEqualTo(1);
		this.scheduler.advance(INTERVAL);
		assertThat(this.exporter.statementEvents()).singleElement()
			.satisfies((event) -> assertThat(event.errorInfo().errorName()).isEqualTo("08S01"));
	}

	@Test
	void aBrokenQueueNeverThrowsIntoTheCaller() {
		TelemetryEventQueue broken = new TelemetryEventQueue() {
			@Override
			public boolean isAccepting() {
				return true;
			}

			@Override
			public void enqueue(TelemetryFrontendLog log) {
				throw new IllegalStateException("queue broken");
			}

			@Override
			public void requestFlush() {
				throw new IllegalStateException("scheduler broken");
			}
		};
		MetricsAggregator failing = new MetricsAggregator(TestTelemetry.eventFactory(), broken);
		assertThatCode(() -> {
			failing.record(TestTelemetry.connectionOpened(failing));
			failing.record(TestTelemetry.statementCompleted(failing, "s", new SQLException("x", "28000")));
			failing.record((io.github.dbtelemetry.internal.operation.DatabricksOperation) null);
		}).doesNotThrowAnyException();
	}

	@Test
	void onlyTheTagsTheRegistryAllowsAreExported() {
		TelemetryTagRegistry withoutStatementId = new TelemetryTagRegistry(List.of(TelemetryTag.values())
			.stream()
			.filter((tag) -> tag != TelemetryTag.STATEMENT_ID)
			.toList());
		TelemetryClient filtered = TestTelemetry.client(TestTelemetry.eventFactoryWith(withoutStatementId),
				this.exporter, this.scheduler);
		MetricsAggregator recorder = filtered.getAggregator();
		StatementObservationContext context = TestTelemetry.statementCompleted(recorder, "statement-1",
				new SQLException("column secret_col not found in SELECT secret_col FROM secret_table", "42S22"));
		context.setSqlText("SELECT secret_col FROM secret_table");
		context.addHighCardinalityKeyValue(io.micrometer.common.KeyValue.of("db.statement", "SELECT secret_col"));
		context.addLowCardinalityKeyValue(io.micrometer.common.KeyValue.of("server.address", "10.0.0.1"));
		recorder.record(context);
		filtered.flush().join();
		TelemetryFrontendLog log = this.exporter.logs().get(0);
		String json = new TelemetryPayloadSerializer().serializeLog(log);
		assertThat(json).doesNotContain("secret").doesNotContain("10.0.0.1").doesNotContain("statement-1");
		assertThat(log.entry().sqlDriverLog().sqlStatementId()).isNull();
		assertThat(log.entry().sqlDriverLog().errorInfo().errorName()).isEqualTo("42S22");
	}

	@Test
	void eachEventIsAValidFrontendLog() {
		long before = Clock.systemUTC().millis();
		this.aggregator.record(TestTelemetry.statementCompleted(this.aggregator, "statement-1", null));
		this.client.flush().join();
		TelemetryFrontendLog log = this.exporter.logs().get(0);
		assertThat(log.workspaceId()).isEqualTo(1234567890123456L);
		assertThat(log.frontendLogEventId()).isNotBlank();
		assertThat(log.context().clientContext().timestampMillis()).isGreaterThanOrEqualTo(before);
		assertThat(log.entry().sqlDriverLog().sqlStatementId()).isEqualTo("statement-1");
		TelemetrySchemaValidator.assertValidFrontendLog(new TelemetryPayloadSerializer().serializeLog(log));
	}

	// what lets the observation handler skip all work for a closed client
	@Test
	void aggregatorStopsRecordingWhenItsClientCloses() {
		assertThat(this.aggregator.isRecording()).isTrue();
		this.client.close(Duration.ZERO);
		assertThat(this.aggregator.isRecording()).isFalse();
	}

}
