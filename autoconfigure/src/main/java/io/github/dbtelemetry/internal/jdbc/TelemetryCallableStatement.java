package io.github.dbtelemetry.internal.jdbc;

import java.sql.CallableStatement;

/**
 * A callable statement whose executions are observed like those of {@link TelemetryStatement}.
 * A call has no telemetry of its own beyond a prepared statement's: what
 * {@link CallableStatement} adds is passed through by {@link DelegatingCallableStatement}.
 */
public class TelemetryCallableStatement extends DelegatingCallableStatement {

	TelemetryCallableStatement(CallableStatement delegate, TelemetryConnection connection, String sql) {
		super(delegate, connection, sql);
	}

}
