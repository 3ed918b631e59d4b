package io.github.dbtelemetry.internal.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;

import com.zaxxer.hikari.pool.ProxyResultSet;

import io.github.dbtelemetry.internal.OptionalLibraries;

/**
 * Where a result set wrapper reads column values from. HikariCP's result set proxy does nothing
 * on a read but hand a failure to its pool, which may evict a broken connection. The wrapper
 * reads beneath it, which takes a call level off every column the application reads, the
 * largest part of the wrapper's cost on a result of many rows; a read that fails is made again
 * through the proxy ({@link DelegatingResultSet}), so the pool still sees every failure. Any
 * other result set, a proxy between HikariCP and the driver included, is read as it is.
 */
final class ColumnValues {

	private ColumnValues() {
	}

	/** What to read {@code resultSet}'s column values from; never throws. */
	static ResultSet of(ResultSet resultSet) {
		return OptionalLibraries.HIKARI ? Hikari.beneathProxy(resultSet) : resultSet;
	}

	/** Kept apart so that HikariCP is loaded only when present. */
	private static final class Hikari {

		// The proxy unwraps to exactly what it wraps: one level, whatever lies beneath.
		static ResultSet beneathProxy(ResultSet resultSet) {
			if (!(resultSet instanceof ProxyResultSet)) {
				return resultSet;
			}
			try {
				ResultSet wrapped = resultSet.unwrap(ResultSet.class);
				return (wrapped != null) ? wrapped : resultSet;
			}
			catch (SQLException | RuntimeException ex) {
				return resultSet;
			}
		}

	}

}
