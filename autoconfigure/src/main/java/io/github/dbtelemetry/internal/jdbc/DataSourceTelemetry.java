package io.github.dbtelemetry.internal.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.internal.databricks.DatabricksDriverIds;
import io.github.dbtelemetry.internal.databricks.SessionIdResolver;
import io.github.dbtelemetry.internal.databricks.StatementIdResolver;
import io.github.dbtelemetry.internal.operation.ConnectionFacts;
import io.github.dbtelemetry.internal.operation.ConnectionOperation;
import io.github.dbtelemetry.internal.operation.DatabricksOperation;
import io.github.dbtelemetry.internal.operation.OperationSink;
import io.github.dbtelemetry.internal.operation.SessionCloseOperation;
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
 * sessions behind a pool, sees the sessions that end where it can (a physical connection the
 * application closes itself, or one its pool closes while the data source closes), reports
 * failed attempts to open one, and starts the observations of statements. Finished operations
 * go straight to the data source's lease on its workspace host; closing releases the lease.
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

	// What connections are unwrapped to for their physical connection, learnt at the first one:
	// the Databricks driver's own type where its connections answer to it, else Connection.
	private volatile @Nullable Class<? extends Connection> physicalType;

	// Whether the data source hands out the driver's own connections (no pool in between), as
	// its latest connection showed: then closing one ends its session.
	private volatile boolean handsOutSessions;

	// Whether a connection has shown yet whether there is a pool in between.
	private volatile boolean poolKnown;

	// The sessions open when the pool began closing; null when it is not closing.
	private volatile @Nullable List<SessionTracker.Tracked> closingSessions;

	/**
	 * How every data source makes observations, shared by all of them.
	 *
	 * @param registry the application's registry: observations are made only when it has
	 * handlers (metrics, tracing); export never depends on it
	 * @param statementConvention custom statement convention, or {@code null}
	 * @param connectionConvention custom connection convention, or {@code null}
	 * @param sessionIds session ids of new physical connections
	 * @param recordSqlText whether SQL text is put on observations (local only)
	 * @param observeCheckouts whether every checkout from a pool is observed, rather than only
	 * those that hand out a new session
	 */
	public record Observations(ObservationRegistry registry, @Nullable StatementObservationConvention statementConvention,
			@Nullable ConnectionObservationConvention connectionConvention, SessionIdResolver sessionIds,
			boolean recordSqlText, boolean observeCheckouts) {

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

	/**
	 * Whether getting a connection is observed as a whole ({@link #checkOut}): when metrics or
	 * tracing observe and getting one may open a session, because the data source hands out the
	 * driver's own connections or has not shown yet whether it does, or when every checkout is to
	 * be observed. A pool's checkouts are otherwise left to the pool's own metrics: only one that
	 * hands out a new session is observed, once it has ({@link #wrap}). That keeps the
	 * observation (and its timer and long-task timer) off the path of every statement a pooled
	 * application runs.
	 */
	public boolean observesCheckouts() {
		if (this.registry.isNoop()) {
			return false;
		}
		return this.observations.observeCheckouts() || !this.poolKnown || this.handsOutSessions;
	}

	/**
	 * Gets a connection from the pool inside the {@code databricks.connection} observation, so
	 * that the observation covers the real acquisition: started before the pool is asked,
	 * stopped when it answers. A new session (a physical connection not seen before) is also
	 * reported as such; a failure reaches the caller as the pool threw it.
	 */
	public Connection checkOut(ConnectionSource pool) throws SQLException {
		ConnectionOperation operation = new ConnectionOperation(this.target, null, System.nanoTime(),
				DatabricksOperation.UNDATED, this.connectionFacts);
		Observation observation = startConnectionObservation(operation);
		Connection connection;
		try {
			connection = pool.getConnection();
		}
		catch (SQLException | RuntimeException | Error ex) {
			operation.setFailure(ex);
			stop(observation, operation, ex);
			reportSessionFailure(operation, ex);
			throw ex;
		}
		String sessionId = null;
		boolean isNew = false;
		boolean endsSession = false;
		try {
			Connection physical = physicalConnection(connection);
			SessionTracker.Session session = this.sessions.sessionOf(physical, this.newSessionId);
			sessionId = session.id();
			isNew = session.isNew();
			endsSession = physical == connection;
			operation.setSessionId(sessionId);
		}
		catch (RuntimeException ex) {
			logger.debug("Could not identify the session of a connection", ex);
		}
		stop(observation, operation, null);
		if (isNew) {
			completed(operation);
		}
		noteWhetherSessionsAreHandedOut(endsSession);
		return new TelemetryConnection(connection, this, sessionId);
	}

	// Written only when it changes: a write per checkout would be contended by every thread.
	private void noteWhetherSessionsAreHandedOut(boolean handsOut) {
		if (this.handsOutSessions != handsOut) {
			this.handsOutSessions = handsOut;
		}
		if (!this.poolKnown) {
			this.poolKnown = true;
		}
	}

	/** Whether closing one of the data source's connections ends its session (no pool in between). */
	boolean handsOutSessions() {
		return this.handsOutSessions;
	}

	/**
	 * Reports that getting a connection failed, as a {@code CREATE_SESSION} with the failure's
	 * name and the time the attempt took, unless the pool only gave up waiting for a connection
	 * of its own (see {@link ConnectionAttempts}). Never throws.
	 * @param startNanos when the application asked for the connection
	 */
	public void attemptFailed(long startNanos, Throwable failure) {
		try {
			if (ConnectionAttempts.isPoolWait(failure)) {
				return;
			}
			ConnectionOperation operation = new ConnectionOperation(this.target, null, startNanos,
					DatabricksOperation.UNDATED, this.connectionFacts);
			operation.setEndNanos(System.nanoTime());
			observeEnded(operation, failure);
			sessionFailed(operation, failure);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not record a failed connection attempt", ex);
		}
	}

	// A failed attempt that was a session's, not a wait for the pool's own connections.
	private void sessionFailed(ConnectionOperation operation, Throwable failure) {
		operation.setFailure(ConnectionAttempts.sessionFailure(failure));
		completed(operation);
	}

	// As attemptFailed, for a checkout observed as a whole, whose observation has already ended.
	private void reportSessionFailure(ConnectionOperation operation, Throwable failure) {
		try {
			if (!ConnectionAttempts.isPoolWait(failure)) {
				sessionFailed(operation, failure);
			}
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not record a failed connection attempt", ex);
		}
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
	public Connection wrap(Connection connection, long acquireStartNanos) {
		String sessionId;
		boolean endsSession;
		try {
			Connection physical = physicalConnection(connection);
			SessionTracker.Session session = this.sessions.sessionOf(physical, this.newSessionId);
			sessionId = session.id();
			// No pool between the application and the driver: closing it ends the session.
			endsSession = physical == connection;
			if (session.isNew()) {
				recordConnectionOpen(sessionId, acquireStartNanos);
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not identify the session of a connection", ex);
			sessionId = null;
			endsSession = false;
		}
		noteWhetherSessionsAreHandedOut(endsSession);
		return new TelemetryConnection(connection, this, sessionId);
	}

	/**
	 * The application closed a connection that is its session (no pool in between): reports the
	 * session's end with the time the close took, once. Never throws.
	 * @param physical the driver's connection that was closed
	 * @param startNanos when the close began
	 * @param failure what the close threw, or {@code null}
	 */
	void sessionClosed(Connection physical, long startNanos, @Nullable Throwable failure) {
		try {
			String sessionId = this.sessions.end(physical);
			if (sessionId == null) {
				return;
			}
			SessionCloseOperation operation = new SessionCloseOperation(this.target, sessionId, startNanos,
					DatabricksOperation.UNDATED, true);
			operation.setEndNanos(System.nanoTime());
			if (failure != null) {
				operation.setFailure(failure);
			}
			completed(operation);
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not record the end of a session", ex);
		}
	}

	/**
	 * The pool is about to close: remembers the sessions still open, so that those its closing
	 * ends can be reported after it ({@link #poolClosed()}). Never throws.
	 */
	public void poolClosing() {
		try {
			List<SessionTracker.Tracked> open = new ArrayList<>();
			for (SessionTracker.Tracked tracked : this.sessions.tracked()) {
				if (!isClosed(tracked.physical())) {
					open.add(tracked);
				}
			}
			this.closingSessions = open;
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not list the open sessions", ex);
		}
	}

	/**
	 * Reports the end of every session that was open when the pool began closing and is closed
	 * now. The pool closes them all at once, so no session's own latency is known: none is
	 * reported. A session the pool leaves open, or closes later in the background, is not
	 * reported. Does nothing unless {@link #poolClosing()} was called; never throws.
	 */
	public void poolClosed() {
		List<SessionTracker.Tracked> open = this.closingSessions;
		this.closingSessions = null;
		if (open == null) {
			return;
		}
		try {
			long nanos = System.nanoTime();
			for (SessionTracker.Tracked tracked : open) {
				if (isClosed(tracked.physical()) && this.sessions.end(tracked.physical()) != null) {
					SessionCloseOperation operation = new SessionCloseOperation(this.target, tracked.id(), nanos,
							DatabricksOperation.UNDATED, false);
					operation.setEndNanos(nanos);
					completed(operation);
				}
			}
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not record the end of the sessions of a closed pool", ex);
		}
	}

	// Connection#isClosed is local state (no server call); a connection that cannot tell is
	// taken as open, so that nothing is reported for it.
	private static boolean isClosed(Object physical) {
		try {
			return (physical instanceof Connection connection) && connection.isClosed();
		}
		catch (SQLException | RuntimeException ex) {
			return false;
		}
	}

	private void recordConnectionOpen(String sessionId, long startNanos) {
		ConnectionOperation operation = new ConnectionOperation(this.target, sessionId, startNanos,
				DatabricksOperation.UNDATED, this.connectionFacts);
		operation.setEndNanos(System.nanoTime());
		observeEnded(operation, null);
		completed(operation);
	}

	/**
	 * Observes an acquisition that has already ended, when metrics or tracing observe: a pool's
	 * checkout that handed out a new session, or failed to open one. The starter's meter handler
	 * takes the duration from the operation, so the timer holds the whole acquisition; a tracing
	 * span, which starts when the observation does, marks the moment the pool answered.
	 */
	private void observeEnded(ConnectionOperation operation, @Nullable Throwable failure) {
		if (this.registry.isNoop()) {
			return;
		}
		try {
			ConnectionObservationContext context = new ConnectionObservationContext(operation);
			Observation observation = DatabricksObservationDocumentation.CONNECTION
				.observation(this.observations.connectionConvention(), DEFAULT_CONNECTION_CONVENTION, () -> context,
						this.registry)
				.start();
			if (failure != null) {
				observation.error(failure);
			}
			observation.stop();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not record a connection observation", ex);
		}
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
				operationType, System.nanoTime(), DatabricksOperation.UNDATED);
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

	/**
	 * The driver's connection behind what the data source handed out. A pool's proxy unwraps to
	 * it; some pools answer {@code unwrap(Connection.class)} with their own proxy, but hand over
	 * the driver's connection when asked for the driver's type, so that type is asked for where
	 * the connections are the Databricks driver's.
	 */
	private Connection physicalConnection(Connection connection) {
		try {
			Class<? extends Connection> type = this.physicalType;
			if (type == null) {
				Class<? extends Connection> driverType = DatabricksDriverIds.CONNECTION_TYPE;
				type = (driverType != null && connection.isWrapperFor(driverType)) ? driverType : Connection.class;
				this.physicalType = type;
			}
			if (connection.isWrapperFor(type)) {
				Connection inner = connection.unwrap(type);
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
