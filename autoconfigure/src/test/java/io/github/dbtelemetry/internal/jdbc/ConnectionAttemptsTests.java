package io.github.dbtelemetry.internal.jdbc;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;

class ConnectionAttemptsTests {

	static Stream<Arguments> failures() {
		return Stream.of(
				// the pool waited for its own busy connections: no session attempt
				Arguments.of(new SQLTransientConnectionException("HikariPool-1 - request timed out"), true),
				Arguments.of(new SQLException("Cannot get a connection, pool error Timeout waiting for idle object",
						new NoSuchElementException("Timeout waiting for idle object")), true),
				Arguments.of(new PoolExhaustedException(), true),
				// a session attempt failed
				Arguments.of(new SQLTransientConnectionException("HikariPool-1 - request timed out", "28000",
						new SQLException("Wrong user name or password", "28000")), false),
				Arguments.of(new SQLException("refused", "28000"), false),
				Arguments.of(new SQLException("Connection failure", "CONNECTION_ERROR"), false),
				Arguments.of(new IllegalStateException("driver not found"), false));
	}

	@ParameterizedTest
	@MethodSource("failures")
	void aPoolWaitingForItsOwnConnectionsIsNoFailedSessionAttempt(Throwable failure, boolean poolWait) {
		assertThat(ConnectionAttempts.isPoolWait(failure)).isEqualTo(poolWait);
	}

	@Test
	void aPoolTimeoutCarryingTheDriversFailureIsNamedByThatFailure() {
		SQLException driver = new SQLException("Wrong user name or password", "28000");
		assertThat(ConnectionAttempts.sessionFailure(new SQLTransientConnectionException("timed out", "28000", driver)))
			.isSameAs(driver);
		SQLException plain = new SQLException("refused", "28000", new IllegalStateException());
		assertThat(ConnectionAttempts.sessionFailure(plain)).isSameAs(plain);
	}

	/** Named as Tomcat JDBC's. */
	static final class PoolExhaustedException extends SQLException {

	}

}
