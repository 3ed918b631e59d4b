package io.github.dbtelemetry.e2e.fidelity;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.databricks.jdbc.api.IDatabricksConnection;
import com.databricks.jdbc.api.IDatabricksResultSet;

import io.github.dbtelemetry.support.StandInWarehouse;

/**
 * The JDBC calls both sides of the comparison make, in a fixed order, so that the driver's own
 * telemetry and the starter's describe the same work: two connections held at once; on the
 * first a one-row query, a multi-row query, an update, a statement the warehouse fails, a
 * metadata listing and one prepared statement run twice; on the second a one-row query; then
 * everything closed. The SQL is passed in, so that a stand-in warehouse and a real one each get
 * statements they can answer.
 *
 * @param selectOne a query of one row
 * @param selectRows a query of several rows
 * @param update an update (on a real warehouse, any statement run with {@code executeUpdate})
 * @param failing a query the warehouse fails
 * @param prepared a query run twice as a prepared statement, with one integer parameter
 */
record FidelityWorkload(String selectOne, String selectRows, String update, String failing, String prepared) {

	/** The workload over the stand-in warehouse's statements. */
	static FidelityWorkload standIn() {
		return new FidelityWorkload(StandInWarehouse.SELECT_ONE, StandInWarehouse.SELECT_ROWS, StandInWarehouse.UPDATE,
				StandInWarehouse.FAILING, StandInWarehouse.SELECT_ROWS + " WHERE id > ?");
	}

	/**
	 * The step that ran a statement with {@code text}, given the session it ran in and how many
	 * statements with that text had run before it (counting it). A text the workload never ran
	 * is one the driver made up for the metadata call (its {@code SHOW CATALOGS}).
	 */
	WorkloadStep stepOf(String text, String sessionRef, int occurrence) {
		if (text.equals(this.prepared)) {
			return (occurrence <= 1) ? WorkloadStep.PREPARED_FIRST : WorkloadStep.PREPARED_SECOND;
		}
		if (text.equals(this.selectOne)) {
			return "session 2".equals(sessionRef) ? WorkloadStep.QUERY_SECOND_CONNECTION : WorkloadStep.QUERY_ONE_ROW;
		}
		if (text.equals(this.selectRows)) {
			return WorkloadStep.QUERY_ROWS;
		}
		if (text.equals(this.update)) {
			return WorkloadStep.UPDATE;
		}
		if (text.equals(this.failing)) {
			return WorkloadStep.FAILING;
		}
		return WorkloadStep.METADATA;
	}

	/**
	 * What the workload saw, to hold the exported events against: the failure as the application
	 * got it, and the ids the driver's public API told (the session of each connection, in order,
	 * and the statement id of each query's result set, with its text).
	 */
	record Outcome(String failureSqlState, String failureClassName, String failureMessage, List<String> sessionIds,
			Map<String, String> statementTexts) {
	}

	Outcome run(DataSource dataSource) throws SQLException {
		List<String> sessions = new ArrayList<>();
		Map<String, String> statements = new LinkedHashMap<>();
		Failure failure;
		try (Connection first = dataSource.getConnection(); Connection second = dataSource.getConnection()) {
			sessions.add(sessionId(first));
			sessions.add(sessionId(second));
			readAll(first, this.selectOne, statements);
			readAll(first, this.selectRows, statements);
			try (Statement statement = first.createStatement()) {
				statement.executeUpdate(this.update);
			}
			failure = fail(first);
			try (ResultSet catalogs = first.getMetaData().getCatalogs()) {
				drain(catalogs);
			}
			try (PreparedStatement statement = first.prepareStatement(this.prepared)) {
				for (int run = 1; run <= 2; run++) {
					statement.setInt(1, run);
					try (ResultSet resultSet = statement.executeQuery()) {
						statements.put(statementId(resultSet), this.prepared);
						drain(resultSet);
					}
				}
			}
			readAll(second, this.selectOne, statements);
		}
		return new Outcome(failure.sqlState(), failure.className(), failure.message(), sessions, statements);
	}

	private record Failure(String sqlState, String className, String message) {
	}

	private Failure fail(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			try (ResultSet resultSet = statement.executeQuery(this.failing)) {
				drain(resultSet);
			}
		}
		catch (SQLException ex) {
			return new Failure(ex.getSQLState(), ex.getClass().getSimpleName(), String.valueOf(ex.getMessage()));
		}
		throw new IllegalStateException("the warehouse was expected to fail this statement");
	}

	// The driver's composite connection id ends with the server's session id.
	private static String sessionId(Connection connection) throws SQLException {
		String id = connection.unwrap(IDatabricksConnection.class).getConnectionId();
		return id.substring(id.lastIndexOf('|') + 1);
	}

	private static String statementId(ResultSet resultSet) throws SQLException {
		return resultSet.unwrap(IDatabricksResultSet.class).getStatementId();
	}

	private static void readAll(Connection connection, String sql, Map<String, String> statements)
			throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet resultSet = statement.executeQuery(sql)) {
			statements.put(statementId(resultSet), sql);
			drain(resultSet);
		}
	}

	private static void drain(ResultSet resultSet) throws SQLException {
		while (resultSet.next()) {
			// read to the end, as an application does
		}
	}

}
