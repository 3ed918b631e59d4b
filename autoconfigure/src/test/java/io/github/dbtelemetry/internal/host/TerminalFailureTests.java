package io.github.dbtelemetry.internal.host;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLTransientConnectionException;
import java.util.stream.Stream;

import javax.security.auth.login.FailedLoginException;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.internal.export.ExceptionClassifier;
import io.github.dbtelemetry.internal.export.TelemetryHttpException;
import io.github.dbtelemetry.internal.operation.ConnectionOperation;
import io.github.dbtelemetry.support.ManualScheduler;
import io.github.dbtelemetry.support.RecordingTelemetryExporter;
import io.github.dbtelemetry.support.TestTelemetry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * One table for what "terminal" means, held against both of its uses: an export that failed so
 * is never sent again, and a JDBC operation that failed so makes its host send what is pending at
 * once. Both ask {@link ExceptionClassifier}; there is no second rule.
 */
class TerminalFailureTests {

	private final ExceptionClassifier classifier = new ExceptionClassifier();

	private final ManualScheduler scheduler = new ManualScheduler();

	private final RecordingTelemetryExporter exporter = new RecordingTelemetryExporter();

	static Stream<Arguments> failures() {
		return Stream.of(
				// the workspace refused the credentials
				Arguments.of(new SQLException("denied", "28000"), true),
				Arguments.of(new SQLException("bad token", "28P01"), true),
				Arguments.of(new SQLInvalidAuthorizationSpecException("invalid authorization"), true),
				Arguments.of(new SQLException("HTTP", "HY000", 401), true),
				Arguments.of(new SQLException("outer", "HY000", new SQLException("forbidden", null, 403)), true),
				Arguments.of(new RuntimeException("wrapped", new SQLException("HTTP", "HY000", 401)), true),
				Arguments.of(new FailedLoginException("bad credentials"), true),
				Arguments.of(new SecurityException("not allowed"), true),
				// the Databricks driver's cause when the workspace refuses a session (the SDK's errors)
				Arguments.of(new SQLException("refused", "CONNECTION_ERROR", new Unauthenticated()), true),
				Arguments.of(new SQLException("refused", "CONNECTION_ERROR", new PermissionDenied()), true),
				Arguments.of(new TelemetryHttpException(401), true),
				Arguments.of(new TelemetryHttpException(403), true),
				Arguments.of(new TelemetryHttpException(400), true),
				// anything else: the application may well go on
				Arguments.of(new SQLException("table missing", "42P01"), false),
				Arguments.of(new SQLException("service unavailable", "08S01", 503), false),
				Arguments.of(new SQLTransientConnectionException("pool timed out"), false),
				Arguments.of(new SQLException("broken", "08006", new IOException("reset")), false),
				Arguments.of(new ConnectException("refused"), false),
				Arguments.of(new TelemetryHttpException(503), false),
				Arguments.of(new TelemetryHttpException(500), false),
				Arguments.of(new IllegalStateException("odd"), false));
	}

	@ParameterizedTest
	@MethodSource("failures")
	void aTerminalExportFailureIsNeverSentAgain(Throwable failure, boolean terminal) {
		assertThat(this.classifier.isTerminal(failure)).isEqualTo(terminal);
		assertThat(this.classifier.verdict(failure) == ExceptionClassifier.Verdict.REJECTED).isEqualTo(terminal);
		if (terminal) {
			assertThat(this.classifier.isRetryable(failure)).isFalse();
		}
	}

	@ParameterizedTest
	@MethodSource("failures")
	void aFailedStatementMakesItsHostFlushAtOnceExactlyWhenItsFailureIsTerminal(Throwable failure,
			boolean terminal) {
		WorkspaceHost.Lease lease = startedHost().join(TokenSource.NONE);
		lease.record(TestTelemetry.statementCompleted("ok", null));
		lease.record(TestTelemetry.statementCompleted("failed", failure));
		assertThat(this.scheduler.pendingCount()).as("a flush asked for at once").isEqualTo(terminal ? 1 : 0);
		this.scheduler.runPending();
		assertThat(this.exporter.logs()).hasSize(terminal ? 2 : 0);
	}

	@ParameterizedTest
	@MethodSource("failures")
	void aFailedConnectionAttemptFollowsTheSameRule(Throwable failure, boolean terminal) {
		WorkspaceHost.Lease lease = startedHost().join(TokenSource.NONE);
		ConnectionOperation attempt = TestTelemetry.connectionOpened();
		attempt.setSessionId(null);
		attempt.setFailure(failure);
		lease.record(attempt);
		assertThat(this.scheduler.pendingCount()).isEqualTo(terminal ? 1 : 0);
	}

	/** Named as the Databricks SDK's error for HTTP 401. */
	static final class Unauthenticated extends RuntimeException {

	}

	/** Named as the Databricks SDK's error for HTTP 403. */
	static final class PermissionDenied extends RuntimeException {

	}

	private WorkspaceHost startedHost() {
		WorkspaceHost host = new WorkspaceHost(TestTelemetry.HOST, URI.create("https://" + TestTelemetry.HOST), null,
				TestTelemetry.hostSettings(this.exporter, this.scheduler).build());
		host.start();
		return host;
	}

}
