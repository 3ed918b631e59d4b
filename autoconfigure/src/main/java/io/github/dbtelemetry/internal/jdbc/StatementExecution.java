package io.github.dbtelemetry.internal.jdbc;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.dbtelemetry.internal.operation.OperationSink;
import io.github.dbtelemetry.internal.operation.StatementOperation;
import io.github.dbtelemetry.model.StatementType;
import io.github.dbtelemetry.observation.StatementObservationContext;
import io.micrometer.observation.Observation;

/**
 * One statement execution in progress. It ends exactly once: when its result is closed or read
 * to the end, when the statement runs again or closes, or when the connection closes. Telemetry
 * failures inside are swallowed: they must never reach the JDBC caller.
 */
final class StatementExecution implements Supplier<StatementObservationContext> {

	private static final Log logger = LogFactory.getLog(StatementExecution.class);

	private final TelemetryConnection connection;

	private final StatementOperation operation;

	// null when nobody but telemetry listens: then no Micrometer observation is made at all
	private Observation observation;

	private boolean finished;

	StatementExecution(TelemetryConnection connection, StatementOperation operation) {
		this.connection = connection;
		this.operation = operation;
	}

	/**
	 * Hands the execution to its connection, which ends it if it closes first. Called once the
	 * observation, if any, is set: the connection publishes the execution to a thread that may
	 * close it, and that thread must see the observation to stop it.
	 */
	StatementExecution track() {
		this.connection.register(this);
		return this;
	}

	/**
	 * The context of this execution's observation, made when Micrometer asks for it: the
	 * execution is the supplier the observation is created with, so that starting one makes no
	 * lambda per statement.
	 */
	@Override
	public StatementObservationContext get() {
		return new StatementObservationContext(this.operation);
	}

	/** The observation started for this execution, when metrics or tracing listen. */
	void observedBy(Observation observation) {
		this.observation = observation;
	}

	StatementOperation operation() {
		return this.operation;
	}

	/**
	 * Runs the driver call that this execution observes and records how it went. The caller
	 * gets the driver's own result, or the driver's own exception rethrown as it is. What the
	 * call returned tells when the execution ends: a result set comes back wrapped and the
	 * execution lasts until it is read to the end or closed; so does a {@code true} from
	 * {@code execute(...)}, whose result set is then read through {@code getResultSet()};
	 * anything else (batch counts, no result set, {@code false}) ends it now. Booleans pass
	 * through without an object made: boxing uses the two {@link Boolean} constants.
	 * @param call the driver call, best a lambda that captures nothing
	 * @param target what the call is made on
	 * @param sql the call's SQL text, if it takes one
	 * @param argument the call's other argument, if it takes one
	 * @param statement what a wrapped result set answers to {@code getStatement()}; {@code null}
	 * for the driver's own answer
	 */
	@SuppressWarnings("unchecked")
	<S, A, T> T run(SqlCall<S, A, T> call, S target, String sql, A argument, Statement statement)
			throws SQLException {
		try {
			T result = call.call(target, sql, argument);
			executed();
			if (result instanceof ResultSet resultSet) {
				// T is ResultSet, or Object for calls made by reflection: the wrapper is a T as well
				return (T) new TelemetryResultSet(resultSet, statement, this);
			}
			if (!Boolean.TRUE.equals(result)) {
				finish();
			}
			return result;
		}
		catch (Throwable ex) {
			failed(ex);
			throw ex;
		}
	}

	/**
	 * As {@link #run}, for a call that returns an update count: the execution ends when it
	 * returns. Counts have this path of their own so that they are never boxed.
	 */
	<S, A> long runCount(SqlCall.Count<S, A> call, S target, String sql, A argument) throws SQLException {
		try {
			long count = call.call(target, sql, argument);
			executed();
			finish();
			return count;
		}
		catch (Throwable ex) {
			failed(ex);
			throw ex;
		}
	}

	/** The execute call returned; what follows is result consumption. */
	private void executed() {
		this.operation.setExecutedNanos(System.nanoTime());
	}

	/**
	 * The execution produced {@code resultSet}: where the driver tells the server's statement id
	 * without a server call (the Databricks driver does), events carry it instead of a generated one.
	 * Not for metadata: the Databricks driver builds those result sets itself and names them
	 * ({@code getcatalogs-metadata}), an id neither unique nor the server's.
	 */
	void resultReady(ResultSet resultSet) {
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
		// Straight to the host: the event is built and queued by the data source's lease.
		OperationSink events = this.connection.telemetry().events;
		if (events != null) {
			events.record(this.operation);
		}
	}

	boolean isFinished() {
		return this.finished;
	}

}
