package io.github.dbtelemetry.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import io.github.dbtelemetry.model.StatementType;

/**
 * A prepared statement whose executions are observed like those of {@link TelemetryStatement}.
 * The SQL text is kept only to be passed to the observation when local SQL recording is on.
 * Methods without telemetry are passed through by {@link DelegatingPreparedStatement}.
 *
 * @param <P> the type of the wrapped statement
 */
public class TelemetryPreparedStatement<P extends PreparedStatement> extends DelegatingPreparedStatement<P> {

	private final String sql;

	TelemetryPreparedStatement(P delegate, TelemetryConnection connection, String sql) {
		super(delegate, connection);
		this.sql = sql;
	}

	@Override
	public ResultSet executeQuery() throws SQLException {
		StatementExecution execution = begin(StatementType.QUERY, this.sql);
		try {
			return resultOf(execution, this.delegate.executeQuery());
		}
		catch (Throwable ex) {
			fail(execution, ex);
			throw ex;
		}
	}

	@Override
	public int executeUpdate() throws SQLException {
		StatementExecution execution = begin(StatementType.UPDATE, this.sql);
		try {
			int count = this.delegate.executeUpdate();
			completed(execution);
			return count;
		}
		catch (Throwable ex) {
			fail(execution, ex);
			throw ex;
		}
	}

	@Override
	public long executeLargeUpdate() throws SQLException {
		StatementExecution execution = begin(StatementType.UPDATE, this.sql);
		try {
			long count = this.delegate.executeLargeUpdate();
			completed(execution);
			return count;
		}
		catch (Throwable ex) {
			fail(execution, ex);
			throw ex;
		}
	}

	@Override
	public boolean execute() throws SQLException {
		StatementExecution execution = begin(StatementType.SQL, this.sql);
		try {
			return executedAny(execution, this.delegate.execute());
		}
		catch (Throwable ex) {
			fail(execution, ex);
			throw ex;
		}
	}

	@Override
	public int[] executeBatch() throws SQLException {
		StatementExecution execution = begin(StatementType.UPDATE, this.sql);
		try {
			int[] counts = this.delegate.executeBatch();
			completed(execution);
			return counts;
		}
		catch (Throwable ex) {
			fail(execution, ex);
			throw ex;
		}
	}

}
