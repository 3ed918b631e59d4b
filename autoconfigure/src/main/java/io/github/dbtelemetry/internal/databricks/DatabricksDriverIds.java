package io.github.dbtelemetry.internal.databricks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.dbtelemetry.internal.OptionalLibraries;

/**
 * The server's ids where the Databricks JDBC driver is in use: session ids from its connections
 * and statement ids from its result sets. Safe to use without the driver on the classpath: it
 * then answers {@code null} and the caller falls back to generated ids. Never throws.
 */
public final class DatabricksDriverIds {

	private static final Log logger = LogFactory.getLog(DatabricksDriverIds.class);

	/**
	 * What a connection is unwrapped to for its physical connection: the driver's own connection
	 * type where the driver is present, which even a pool whose proxy answers
	 * {@code unwrap(Connection.class)} with itself hands over; else {@code null}.
	 */
	public static final Class<? extends Connection> CONNECTION_TYPE = OptionalLibraries.DATABRICKS_DRIVER
			? connectionType() : null;

	private DatabricksDriverIds() {
	}

	private static Class<? extends Connection> connectionType() {
		try {
			return DatabricksDriverSupport.connectionType();
		}
		catch (LinkageError ex) {
			return null;
		}
	}

	/**
	 * A resolver giving the server's session id of a Databricks driver connection, else the id
	 * from {@code fallback} (other drivers, or a driver that does not tell).
	 */
	public static SessionIdResolver sessionIds(SessionIdResolver fallback) {
		if (!OptionalLibraries.DATABRICKS_DRIVER) {
			return fallback;
		}
		return (connection) -> {
			String id = sessionId(connection);
			return (id != null) ? id : fallback.sessionId(connection);
		};
	}

	/** The server's session id of a connection, or {@code null}. */
	static String sessionId(Connection connection) {
		if (!OptionalLibraries.DATABRICKS_DRIVER || connection == null) {
			return null;
		}
		try {
			return DatabricksDriverSupport.sessionId(connection);
		}
		catch (SQLException | RuntimeException | LinkageError ex) {
			logger.debug("Could not read the session id of a Databricks connection: " + ex.getClass().getName());
			return null;
		}
	}

	/** The server's statement id of a result set, or {@code null}. */
	public static String statementId(ResultSet resultSet) {
		if (!OptionalLibraries.DATABRICKS_DRIVER || resultSet == null) {
			return null;
		}
		try {
			return DatabricksDriverSupport.statementId(resultSet);
		}
		catch (SQLException | RuntimeException | LinkageError ex) {
			logger.debug("Could not read the statement id of a Databricks result set: " + ex.getClass().getName());
			return null;
		}
	}

}
