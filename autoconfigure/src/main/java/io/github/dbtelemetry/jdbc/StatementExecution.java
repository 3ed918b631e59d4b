package io.github.dbtelemetry.jdbc;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.dbtelemetry.model.StatementType;
import io.github.dbtelemetry.observation.StatementOperation;
import io.micrometer.observation.Observation;

/**
 * One statement execution in progress. It ends exactly once: when its result is closed or read
 * to the end, when the statement runs again or closes, or when the connection closes. Telemetry
 * failures inside are swallowed: they must never reach the JDBC caller.
 */
final class StatementExecution {

	private static final Log logger = LogFactory.getLog(StatementExecution.class);

	private final TelemetryConnection connection;

	private final StatementOperation operation;

	// null when nobody but telemetry listens: then no Micrometer observation is made at all
	private final Observation observation;

	private boolean finished;

	StatementExecution(TelemetryConnection connection, StatementOperation operation, Observation observation) {
		this.connection = connection;
		this.operation = operation;
		this.observation = observation;
		connection.register(this);
	}

	StatementOperation operation() {
		return this.operation;
	}

	/** The execute call returned; what follows is result consumption. */
	void executed() {
		this.operation.setExecutedNanos(System.nanoTime());
	}

	/**
	 * The execution produced {@code resultSet}: where the driver tells the server's statement id
	 * without a server call (the Databricks driver does), events carry it instead of a generated one.
	 * Not for metadata: the Databricks driver builds those result sets itself and names them
	 * ({@code getcatalogs-metadata}), an id neither unique nor the server's.
	 */
	void resultReady(java.sql.ResultSet resultSet) {
		if (this.finished || this.operation.getStatementId() != null
				|| this.operation.getStatementType() == StatementType.METADATA) {
			return;
		}
		String statementId = this.connection.telemetry().statementIds().statementId(resultSet);
		if (statementId != null) {
			this.operation.setStatementId(statementId);
		}
	}

	/** The execute call or reading its result failed: the execution ends with this error. */
	void failed(Throwable failure) {
		if (this.finished) {
			return;
		}
		try {
			this.operation.setFailure(failure);
			if (this.observation != null) {
				this.observation.error(failure);
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not record a statement failure", ex);
		}
		finish();
	}

	void finish() {
		if (this.finished) {
			return;
		}
		this.finished = true;
		this.connection.unregister(this);
		try {
			this.operation.setEndNanos(System.nanoTime());
			if (this.operation.getExecutedNanos() == 0) {
				this.operation.setExecutedNanos(this.operation.getEndNanos());
			}
			if (this.observation != null) {
				this.observation.stop();
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not record a statement execution", ex);
		}
		this.connection.telemetry().completed(this.operation);
	}

	boolean isFinished() {
		return this.finished;
	}

}
