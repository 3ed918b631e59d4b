package io.github.dbtelemetry.internal.host;

import java.net.URI;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.internal.event.TelemetryEventBuilder;
import io.github.dbtelemetry.internal.export.TelemetryPayloadSerializer;
import io.github.dbtelemetry.internal.operation.StatementOperation;
import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.TelemetryEvent;
import io.github.dbtelemetry.model.TelemetryFrontendLog;
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
 * How a data source's lease turns finished operations into queued events, behind a real
 * {@link WorkspaceHost} whose scheduler only runs when the test says so, so batch and interval
 * triggers are checked without sleeping.
 */
class LeaseRecordingTests {

	private static final Duration INTERVAL = Duration.ofSeconds(5);

	private static final long WORKSPACE_ID = 1234567890123456L;

	private final ManualScheduler scheduler = new ManualScheduler();

	private final RecordingTelemetryExporter exporter = new RecordingTelemetryExporter();

	private final WorkspaceHost host = host(
			TestTelemetry.hostSettings(this.exporter, this.scheduler).flushInterval(INTERVAL).build());

	private final WorkspaceHost.Lease lease = this.host.join(TokenSource.NONE);

	// This class's settings with events built by another builder.
	private HostSettings settingsWith(TelemetryEventBuilder events) {
		return TestTelemetry.hostSettings(this.exporter, this.scheduler)
			.flushInterval(INTERVAL)
			.warnInterval(Duration.ZERO)
			.events(events)
			.build();
	}

	private static WorkspaceHost host(HostSettings settings) {
		WorkspaceHost host = new WorkspaceHost(TestTelemetry.HOST, URI.create("https://" + TestTelemetry.HOST),
				WORKSPACE_ID, settings);
		host.start();
		return host;
	}

	@Test
	void aNewSessionIsQueuedAsSoonAsItOpens() {
		this.lease.record(TestTelemetry.connectionOpened());
		assertThat(this.host.pendingCount()).isEqualTo(1);
		this.host.flush().join();
		assertThat(this.exporter.sessionEvents()).singleElement()
			.satisfies((event) -> assertThat(event.sqlOperation().operationDetail().operationType())
				.isEqualTo(OperationType.CREATE_SESSION));
	}

	@Test
	void executeFetchAndCloseOfOneStatementMakeOneEvent() throws Exception {
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
	void aFinishedStatementIsQueuedWithItsStatementId() {
		StatementOperation finished = TestTelemetry.statementCompleted("statement-1", null);
		assertThat(this.host.pendingCount()).as("nothing before the statement is recorded").isZero();
		this.lease.record(finished);
		assertThat(this.host.pendingCount()).isEqualTo(1);
		this.host.flush().join();
		assertThat(this.exporter.statementEvents()).singleElement()
			.satisfies((event) -> assertThat(event.sqlStatementId()).isEqualTo("statement-1"));
	}

	@Test
	void reachingTheBatchSizeExportsTheBatch() {
		for (int i = 0; i < 99; i++) {
			this.lease.record(TestTelemetry.statementCompleted("s" + i, null));
		}
		this.scheduler.runPending();
		assertThat(this.exporter.logs()).as("below the batch size nothing is sent").isEmpty();
		this.lease.record(TestTelemetry.statementCompleted("s99", null));
		this.scheduler.runPending();
		assertThat(this.exporter.logs()).hasSize(100);
		assertThat(this.host.pendingCount()).isZero();
	}

	@Test
	void theFlushIntervalExportsWhatIsPending() {
		this.lease.record(TestTelemetry.statementCompleted("s1", null));
		this.scheduler.advance(INTERVAL.minusMillis(1));
		assertThat(this.exporter.logs()).isEmpty();
		this.scheduler.advance(Duration.ofMillis(1));
		assertThat(this.exporter.logs()).hasSize(1);
	}

	@Test
	void aRetryableFailureWaitsForTheNextFlush() {
		SQLException retryable = new SQLException("service unavailable", "08S01", 503);
		this.lease.record(TestTelemetry.statementCompleted("retried", retryable));
		assertThat(this.scheduler.pendingCount()).as("no flush for a retryable failure").isZero();
		assertThat(this.host.pendingCount()).isEqualTo(1);
		this.scheduler.advance(INTERVAL);
		assertThat(this.exporter.statementEvents()).singleElement()
			.satisfies((event) -> assertThat(event.errorInfo().errorName()).isEqualTo("08S01"));
	}

	@Test
	void aFailureIsExportedWithTheOperationThatFailedNotAsAnEventOfItsOwn() {
		this.lease.record(TestTelemetry.statementCompleted("failed", new SQLException("table missing", "42P01")));
		this.host.flush().join();
		assertThat(this.exporter.logs()).singleElement().satisfies((log) -> {
			TelemetryEvent event = log.entry().sqlDriverLog();
			assertThat(event.sqlStatementId()).isEqualTo("failed");
			assertThat(event.sqlOperation().operationDetail().operationType())
				.isEqualTo(OperationType.EXECUTE_STATEMENT);
			assertThat(event.errorInfo().errorName()).isEqualTo("42P01");
		});
	}

	@Test
	void theCallerOnlyQueuesTheOperationAndItsEventIsBuiltWhenTheBatchIsSent() {
		java.util.concurrent.atomic.AtomicInteger ids = new java.util.concurrent.atomic.AtomicInteger();
		TelemetryEventBuilder counting = new TelemetryEventBuilder(
				io.github.dbtelemetry.internal.event.SystemConfigurations.forApplication("test"), "ua/1", Clock.systemUTC(),
				() -> "id-" + ids.incrementAndGet());
		WorkspaceHost host = host(settingsWith(counting));
		host.join(TokenSource.NONE).record(TestTelemetry.statementCompleted(null, null));
		assertThat(ids).as("no event, no id while the statement is only queued").hasValue(0);
		host.flush().join();
		assertThat(ids).as("the log's and the statement's ids, made for the batch").hasValue(2);
		assertThat(this.exporter.statementEvents()).hasSize(1);
	}

	@Test
	void aQueuedFailureKeepsOnlyItsExportedName() {
		SQLException failure = new SQLException("table secret_table not found", "42S02");
		StatementOperation operation = TestTelemetry.statementCompleted("failed", failure);
		operation.setSqlText("SELECT * FROM secret_table");
		this.lease.record(operation);
		assertThat(operation.getFailure()).as("no exception is held while the event waits").isNull();
		assertThat(operation.getSqlText()).isNull();
		assertThat(operation.getErrorName()).isEqualTo("42S02");
		this.host.flush().join();
		assertThat(this.exporter.statementEvents()).singleElement()
			.satisfies((event) -> assertThat(event.errorInfo().errorName()).isEqualTo("42S02"));
	}

	@Test
	void aBrokenEventBuilderNeverReachesTheCaller() {
		TelemetryEventBuilder broken = new TelemetryEventBuilder(null, "ua", null, null);
		WorkspaceHost failing = host(settingsWith(broken));
		WorkspaceHost.Lease failingLease = failing.join(TokenSource.NONE);
		assertThatCode(() -> {
			failingLease.record(TestTelemetry.connectionOpened());
			failingLease.record(TestTelemetry.statementCompleted("s", new SQLException("x", "28000")));
			failingLease.record(null);
		}).doesNotThrowAnyException();
	}

	@Test
	void keysTheTagRegistryForbidsAreNotExported() {
		TelemetryTagRegistry withoutStatementId = new TelemetryTagRegistry(List.of(TelemetryTag.values())
			.stream()
			.filter((tag) -> tag != TelemetryTag.STATEMENT_ID)
			.toList());
		WorkspaceHost filtered = host(settingsWith(TestTelemetry.eventBuilderWith(withoutStatementId)));
		StatementOperation operation = TestTelemetry.statementCompleted("statement-1",
				new SQLException("column secret_col not found in SELECT secret_col FROM secret_table", "42S22"));
		operation.setSqlText("SELECT secret_col FROM secret_table");
		filtered.join(TokenSource.NONE).record(operation);
		filtered.flush().join();
		TelemetryFrontendLog log = this.exporter.logs().get(0);
		String json = new TelemetryPayloadSerializer().serializeLog(log);
		assertThat(json).doesNotContain("secret").doesNotContain("statement-1");
		assertThat(log.entry().sqlDriverLog().sqlStatementId()).isNull();
		assertThat(log.entry().sqlDriverLog().errorInfo().errorName()).isEqualTo("42S22");
	}

	@Test
	void anExportedLogIsAValidFrontendLogWithTheWorkspaceIdStampedAtSendTime() {
		long before = Clock.systemUTC().millis();
		this.lease.record(TestTelemetry.statementCompleted("statement-1", null));
		this.host.flush().join();
		TelemetryFrontendLog log = this.exporter.logs().get(0);
		assertThat(log.workspaceId()).isEqualTo(WORKSPACE_ID);
		assertThat(log.frontendLogEventId()).isNotBlank();
		assertThat(log.context().clientContext().timestampMillis()).isGreaterThanOrEqualTo(before);
		assertThat(log.entry().sqlDriverLog().sqlStatementId()).isEqualTo("statement-1");
		TelemetrySchemaValidator.assertValidFrontendLog(new TelemetryPayloadSerializer().serializeLog(log));
	}

	@Test
	void aLeaseStopsRecordingWhenItsHostCloses() {
		assertThat(this.lease.isRecording()).isTrue();
		this.host.shutdown(Duration.ZERO);
		assertThat(this.lease.isRecording()).isFalse();
	}

	@Test
	void aReleasedLeaseStopsRecordingWhileItsHostGoesOn() {
		WorkspaceHost.Lease other = this.host.join(TokenSource.NONE);
		this.lease.markReleased();
		assertThat(this.lease.isRecording()).isFalse();
		assertThat(other.isRecording()).isTrue();
	}

}
