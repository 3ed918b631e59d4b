package io.github.dbtelemetry.internal.databricks;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;

import com.databricks.jdbc.api.IDatabricksConnection;
import com.databricks.jdbc.api.IDatabricksResultSet;

/**
 * The only class that names the Databricks JDBC driver's types. It uses nothing but the driver's
 * public {@code com.databricks.jdbc.api} interfaces and only getters that answer from what the
 * driver already holds: telemetry must never cost a server call. The driver is an optional
 * dependency, so this class is loaded only through {@link DatabricksDriverIds} after it has
 * checked that the driver is present.
 */
final class DatabricksDriverSupport {

	private DatabricksDriverSupport() {
	}

	/**
	 * The server's session id, or {@code null} when {@code connection} is not the driver's. The
	 * driver's connection id is composite ({@code kind|warehouse|session}); like the driver's own
	 * telemetry we report only its last part, the id the server gave the session.
	 */
	static String sessionId(Connection connection) throws SQLException {
		IDatabricksConnection databricks = unwrap(connection, IDatabricksConnection.class);
		if (databricks == null) {
			return null;
		}
		return lastPart(databricks.getConnectionId());
	}

	/** The server's statement id of a result, or {@code null} when it is not the driver's. */
	static String statementId(ResultSet resultSet) throws SQLException {
		IDatabricksResultSet databricks = unwrap(resultSet, IDatabricksResultSet.class);
		return (databricks != null) ? blankToNull(databricks.getStatementId()) : null;
	}

	/** The driver's own connection type, which a pool's proxy unwraps to. */
	static Class<? extends Connection> connectionType() {
		return IDatabricksConnection.class;
	}

	static String lastPart(String connectionId) {
		if (connectionId == null) {
			return null;
		}
		int bar = connectionId.lastIndexOf('|');
		return blankToNull((bar >= 0) ? connectionId.substring(bar + 1) : connectionId);
	}

	private static String blankToNull(String value) {
		return (value == null || value.isBlank()) ? null : value.trim();
	}

	// instanceof first: the driver's own objects need no wrapper round trip.
	private static <T> T unwrap(java.sql.Wrapper candidate, Class<T> type) throws SQLException {
		if (type.isInstance(candidate)) {
			return type.cast(candidate);
		}
		return candidate.isWrapperFor(type) ? candidate.unwrap(type) : null;
	}

}
