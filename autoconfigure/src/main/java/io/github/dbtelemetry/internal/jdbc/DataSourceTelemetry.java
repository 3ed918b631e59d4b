package io.github.dbtelemetry.internal.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.internal.databricks.SessionIdResolver;
import io.github.dbtelemetry.internal.databricks.StatementIdResolver;
import io.github.dbtelemetry.internal.operation.ConnectionFacts;
import io.github.dbtelemetry.internal.operation.ConnectionOperation;
import io.github.dbtelemetry.internal.operation.DatabricksOperation;
import io.github.dbtelemetry.internal.operation.OperationSink;
import io.github.dbtelemetry.internal.operation.StatementOperation;
import io.github.dbtelemetry.internal.operation.TelemetryTarget;
import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.StatementType;
import io.github.dbtelemetry.observation.ConnectionObservationContext;
import io.github.dbtelemetry.observation.ConnectionObservationConvention;
import io.github.dbtelemetry.observation.DatabricksObservationDocumentation;
import io.github.dbtelemetry.observation.DefaultConnectionObservationConvention;
import io.github.dbtelemetry.observation.DefaultStatementObservationConvention;
import io.github.dbtelemetry.observation.StatementObservationConvention;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * The instrumentation of one data source: it wraps the connections it hands out, recognises new
 * sessions behind a pool, and starts the observations of statements. Finished operations go
 * straight to the data source's lease on its workspace host; closing releases the lease.
 */
public final class DataSourceTelemetry implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(DataSourceTelemetry.class);

	private static final StatementObservationConvention DEFAULT_STATEMENT_CONVENTION = new DefaultStatementObservationConvention();

	private static final ConnectionObservationConvention DEFAULT_CONNECTION_CONVENTION = new DefaultConnectionObservationConvention();

	private final TelemetryTarget target;

	// null when the data source is observed locally only
	final @Nullable OperationSink events;

	private final Runnable release;

	private final Observations observations;

	private final ObservationRegistry registry;

	private final StatementIdResolver statementIds;

	private final ConnectionFacts connectionFacts;

	private final SessionTracker sessions = new SessionTracker();

	// made once: a lambda capturing this, made per checkout, is an object per checkout
	private final Function<Object, String> newSessionId;

	/**
	 * How every data source makes observations, shared by all of them.
	 *
	 * @param registry the application's registry: observations are made only when it has
	 * handlers (metrics, tracing); export never depends on it
	 * @param statementConvention custom statement convention, or {@code null}
	 * @param connectionConvention custom connection convention, or {@code null}
	 * @param sessionIds session ids of new physical connections
	 * @param recordSqlText whether SQL text is put on observations (local only)
	 */
	public record Observations(ObservationRegistry registry, @Nullable StatementObservationConvention statementConvention,
			@Nullable ConnectionObservationConvention connectionConvention, SessionIdResolver sessionIds,
			boolean recordSqlText) {

	}

	/**
	 * @param target what the data source reports as
	 * @param events its lease on its workspace host, or {@code null} when nothing is exported
	 * @param release gives the lease back when the data source closes
	 * @param observations how observations are made
	 * @param statementIds where the server's statement ids come from
	 * @param connectionFacts what is known of the driver, for new sessions
	 */
	DataSourceTelemetry(TelemetryTarget target, @Nullable OperationSink events, Runnable release,
			Observations observations, StatementIdResolver statementIds, ConnectionFacts connectionFacts) {
		this.target = target;
		this.events = events;
		this.release = release;
		this.observations = observations;
		this.registry = observations.registry();
		this.statementIds = statementIds;
		this.connectionFacts = connectionFacts;
		this.newSessionId = (key) -> observations.sessionIds().sessionId((Connection) key);
	}

	public TelemetryTarget getTarget() {
		return this.target;
	}

	/** Whether this data source's events are exported (it holds a lease on its host). */
	public boolean isExported() {
		return this.events != null;
	}

	/**
	 * Whether nobody listens: the workspace said no (or nothing is exported) and no metrics or
	 * tracing handler observes. The application then gets the driver's own connection and pays
	 * nothing. Asked per checkout, so a flag that turns on later is honoured by the next one.
	 */
	public boolean isIdle() {
		OperationSink sink = this.events;
		return this.registry.isNoop() && (sink == null || !sink.isRecording());
	}

	/** Whether metrics or tracing observe, so that getting a connection is observed as a whole. */
	public boolean observesCheckouts() {
		return !this.registry.isNoop();
	}

	/**
	 * Gets a connection from the pool inside the {@code databricks.connection} observation, so
	 * that the observation covers the real acquisition: started before the pool is asked,
	 * stopped when it answers. A new session (a physical connection not seen before) is also
	 * reported as such; a failure reaches the caller as the pool threw it.
	 */
	public Connection checkOut(ConnectionSource pool) throws SQLException {
		ConnectionOperation operation = new ConnectionOperation(this.target, null, System.nanoTime(),
				System.currentTimeMillis(), this.connectionFacts);
		Observation observation = startConnectionObservation(operation);
		Connection connection;
		try {
			connection = pool.getConnection();
		}
		catch (SQLException | RuntimeException | Error ex) {
			operation.setFailure(ex);
			stop(observation, operation, ex);
			throw ex;
		}
		String sessionId = null;
		boolean isNew = false;
		try {
			SessionTracker.Session session = this.sessions.sessionOf(physicalConnection(connection),
					this.newSessionId);
			sessionId = session.id();
			isNew = session.isNew();
			operation.setSessionId(sessionId);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not identify the session of a connection", ex);
		}
		stop(observation, operation, null);
		if (isNew) {
			completed(operation);
		}
		return new TelemetryConnection(connection, this, sessionId);
	}

	/** Where {@link #checkOut} gets its connection from: the pool, with or without a user. */
	@FunctionalInterface
	public interface ConnectionSource {

		Connection getConnection() throws SQLException;

	}

	private @Nullable Observation startConnectionObservation(ConnectionOperation operation) {
		try {
			ConnectionObservationContext context = new ConnectionObservationContext(operation);
			return DatabricksObservationDocumentation.CONNECTION
				.observation(this.observations.connectionConvention(), DEFAULT_CONNECTION_CONVENTION, () -> context,
						this.registry)
				.start();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not start a connection observation", ex);
			return null;
		}
	}

	private static void stop(@Nullable Observation observation, ConnectionOperation operation,
			@Nullable Throwable failure) {
		operation.setEndNanos(System.nanoTime());
		if (observation == null) {
			return;
		}
		try {
			if (failure != null) {
				observation.error(failure);
			}
			observation.stop();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not stop a connection observation", ex);
		}
	}

	/**
	 * Wraps a connection just obtained from the data source. The first time its physical
	 * connection is seen, a connection observation covering the acquisition is recorded.
	 */
	public Connection wrap(Connection connection, long acquireStartNanos, long acquireStartMillis) {
		String sessionId;
		try {
			Connection physical = physicalConnection(connection);
			SessionTracker.Session session = this.sessions.sessionOf(physical, this.newSessionId);
			sessionId = session.id();
			if (session.isNew()) {
				recordConnectionOpen(sessionId, acquireStartNanos, acquireStartMillis);
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not identify the session of a connection", ex);
			sessionId = null;
		}
		return new TelemetryConnection(connection, this, sessionId);
	}

	private void recordConnectionOpen(String sessionId, long startNanos, long startMillis) {
		ConnectionOperation operation = new ConnectionOperation(this.target, sessionId, startNanos, startMillis,
				this.connectionFacts);
		ObservationRegistry registry = this.observations.registry();
		if (registry.isNoop()) {
			operation.setEndNanos(System.nanoTime());
		}
		else {
			ConnectionObservationContext context = new ConnectionObservationContext(operation);
			Observation observation = DatabricksObservationDocumentation.CONNECTION
				.observation(this.observations.connectionConvention(), DEFAULT_CONNECTION_CONVENTION, () -> context,
						registry);
			observation.start();
			operation.setEndNanos(System.nanoTime());
			observation.stop();
		}
		completed(operation);
	}

	StatementIdResolver statementIds() {
		return this.statementIds;
	}

	/** Hands a finished operation to the host; never throws. */
	void completed(DatabricksOperation operation) {
		OperationSink lease = this.events;
		if (lease != null) {
			lease.record(operation);
		}
	}

	/** Starts the observation of one statement execution; never throws. */
	StatementExecution startStatement(TelemetryConnection connection, StatementType statementType,
			OperationType operationType, String sql) {
		StatementOperation operation = new StatementOperation(this.target, connection.sessionId(), statementType,
				operationType, System.nanoTime(), System.currentTimeMillis());
		StatementExecution execution = new StatementExecution(connection, operation);
		ObservationRegistry registry = this.observations.registry();
		if (!registry.isNoop()) {
			try {
				if (this.observations.recordSqlText() && sql != null) {
					operation.setSqlText(sql);
				}
				// the execution supplies the context: no lambda made per statement
				execution.observedBy(DatabricksObservationDocumentation.STATEMENT
					.observation(this.observations.statementConvention(), DEFAULT_STATEMENT_CONVENTION, execution,
							registry)
					.start());
			}
			catch (RuntimeException ex) {
				logger.debug("Could not start a statement observation", ex);
			}
		}
		return execution.track();
	}

	/** Number of live physical connections seen; for tests and diagnostics. */
	int knownSessionCount() {
		return this.sessions.size();
	}

	private static Connection physicalConnection(Connection connection) {
		try {
			if (connection.isWrapperFor(Connection.class)) {
				Connection inner = connection.unwrap(Connection.class);
				if (inner != null) {
					return inner;
				}
			}
		}
		catch (SQLException | RuntimeException ex) {
			// a pool that cannot unwrap: each checkout counts as its own session
		}
		return connection;
	}

	@Override
	public void close() {
		try {
			this.release.run();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not release telemetry of data source " + this.target.dataSourceName(), ex);
		}
	}

}
