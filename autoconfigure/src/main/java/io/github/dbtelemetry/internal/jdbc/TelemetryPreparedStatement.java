package io.github.dbtelemetry.internal.jdbc;

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
		return observe(StatementType.QUERY, this.sql, (statement, query, none) -> statement.executeQuery(), null);
	}

	@Override
	public int executeUpdate() throws SQLException {
		return (int) observeCount(this.sql, (statement, query, none) -> statement.executeUpdate(), null);
	}

	@Override
	public long executeLargeUpdate() throws SQLException {
		return observeCount(this.sql, (statement, query, none) -> statement.executeLargeUpdate(), null);
	}

	@Override
	public boolean execute() throws SQLException {
		return observe(StatementType.SQL, this.sql, (statement, query, none) -> statement.execute(), null);
	}

	@Override
	public int[] executeBatch() throws SQLException {
		return observe(StatementType.UPDATE, this.sql, (statement, query, none) -> statement.executeBatch(), null);
	}

}
