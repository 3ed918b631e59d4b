package io.github.dbtelemetry.internal.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A result set whose end (closed, or read to the last row) ends the observed execution that
 * produced it, so result consumption is part of the statement's latency. Methods without
 * telemetry are passed through by {@link DelegatingResultSet}.
 */
public class TelemetryResultSet extends DelegatingResultSet {

	private final Statement statement;

	private final StatementExecution execution;

	TelemetryResultSet(ResultSet delegate, Statement statement, StatementExecution execution) {
		super(delegate, ColumnValues.of(delegate));
		this.statement = statement;
		this.execution = execution;
		if (execution != null) {
			execution.resultReady(delegate);
		}
	}

	/** The result set this one wraps. */
	public ResultSet getDelegate() {
		return this.delegate;
	}

	@Override
	public boolean next() throws SQLException {
		try {
			boolean more = this.delegate.next();
			if (!more && this.execution != null) {
				this.execution.finish();
			}
			return more;
		}
		catch (Throwable ex) {
			if (this.execution != null) {
				this.execution.failed(ex);
			}
			throw ex;
		}
	}

	@Override
	public void close() throws SQLException {
		try {
			this.delegate.close();
		}
		finally {
			if (this.execution != null) {
				this.execution.finish();
			}
		}
	}

	@Override
	public Statement getStatement() throws SQLException {
		return (this.statement != null) ? this.statement : this.delegate.getStatement();
	}

}
