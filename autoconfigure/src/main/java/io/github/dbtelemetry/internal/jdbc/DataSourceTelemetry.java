package io.github.dbtelemetry.internal.jdbc;

import java.sql.Connection;
import java.sql.SQLException;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.dbtelemetry.internal.event.DatabricksTelemetryObservationHandler;
import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.StatementType;
import io.github.dbtelemetry.internal.operation.ConnectionFacts;
import io.github.dbtelemetry.observation.ConnectionObservationContext;
import io.github.dbtelemetry.internal.operation.ConnectionOperation;
import io.github.dbtelemetry.observation.ConnectionObservationConvention;
import io.github.dbtelemetry.internal.operation.DatabricksOperation;
import io.github.dbtelemetry.observation.DatabricksObservationDocumentation;
import io.github.dbtelemetry.observation.DefaultConnectionObservationConvention;
import io.github.dbtelemetry.observation.DefaultStatementObservationConvention;
import io.github.dbtelemetry.observation.StatementObservationContext;
import io.github.dbtelemetry.internal.operation.StatementOperation;
import io.github.dbtelemetry.observation.StatementObservationConvention;
import io.github.dbtelemetry.internal.operation.TelemetryTarget;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

/**
 * The instrumentation of one data source: it wraps the connections it hands out, recognises new
 * sessions behind a pool, and starts the observations of statements. Closing it releases the
 * data source's share of the host's telemetry client.
 */
public final class DataSourceTelemetry implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(DataSourceTelemetry.class);

	private static final StatementObservationConvention DEFAULT_STATEMENT_CONVENTION = new DefaultStatementObservationConvention();

	private static final ConnectionObservationConvention DEFAULT_CONNECTION_CONVENTION = new DefaultConnectionObservationConvention();

	private final TelemetryTarget target;

	private final ObservationRegistry registry;

	private final StatementObservationConvention statementConvention;

	private final ConnectionObservationConvention connectionConvention;

	private final SessionIdResolver sessionIds;

	private final DatabricksTelemetryObservationHandler telemetryHandler;

	private final ConnectionFacts connectionFacts;

	private final StatementIdResolver statementIds;

	private final boolean recordSqlText;

	private final Runnable onClose;

	private final SessionTracker sessions = new SessionTracker();

	/**
	 * @param target what this data source reports to
	 * @param registry the application's registry: observations are made only when it has
	 * handlers (metrics, tracing)
	 * @param telemetryHandler turns finished contexts into events; invoked directly, not through
	 * the registry, so export neither depends on how the application configures observations nor
	 * costs an observation when nobody else listens
	 * @param statementConvention custom statement convention, or {@code null}
	 * @param connectionConvention custom connection convention, or {@code null}
	 * @param sessionIds session ids of new physical connections
	 * @param recordSqlText whether SQL text is put on observations (local only)
	 * @param onClose releases the data source's share of the host's client
	 */
	public DataSourceTelemetry(TelemetryTarget target, ObservationRegistry registry,
			DatabricksTelemetryObservationHandler telemetryHandler,
			StatementObservationConvention statementConvention, ConnectionObservationConvention connectionConvention,
			SessionIdResolver sessionIds, boolean recordSqlText, Runnable onClose) {
		this(target, registry, telemetryHandler, statementConvention, connectionConvention, sessionIds, recordSqlText,
				onClose, ConnectionFacts.UNKNOWN);
	}

	/**
	 * As {@link #DataSourceTelemetry(TelemetryTarget, ObservationRegistry, ObservationHandler,
	 * StatementObservationConvention, ConnectionObservationConvention, SessionIdResolver, boolean, Runnable)},
	 * with what is known of the driver for the observations of new sessions.
	 */
	public DataSourceTelemetry(TelemetryTarget target, ObservationRegistry registry,
			DatabricksTelemetryObservationHandler telemetryHandler,
			StatementObservationConvention statementConvention, ConnectionObservationConvention connectionConvention,
			SessionIdResolver sessionIds, boolean recordSqlText, Runnable onClose, ConnectionFacts connectionFacts) {
		this(target, registry, telemetryHandler, statementConvention, connectionConvention, sessionIds,
				StatementIdResolver.NONE, recordSqlText, onClose, connectionFacts);
	}

	/**
	 * As above, with where the server's statement ids come from (the Databricks driver tells
	 * them; other drivers are not asked).
	 */
	public DataSourceTelemetry(TelemetryTarget target, ObservationRegistry registry,
			DatabricksTelemetryObservationHandler telemetryHandler, StatementObservationConvention statementConvention,
			ConnectionObservationConvention connectionConvention, SessionIdResolver sessionIds,
			StatementIdResolver statementIds, boolean recordSqlText, Runnable onClose, ConnectionFacts connectionFacts) {
		this.statementIds = statementIds;
		this.connectionFacts = connectionFacts;
		this.telemetryHandler = telemetryHandler;
		this.target = target;
		this.registry = registry;
		this.statementConvention = statementConvention;
		this.connectionConvention = connectionConvention;
		this.sessionIds = sessionIds;
		this.recordSqlText = recordSqlText;
		this.onClose = onClose;
	}

	public TelemetryTarget getTarget() {
		return this.target;
	}

	/**
	 * Wraps a connection just obtained from the data source. The first time its physical
	 * connection is seen, a connection observation covering the acquisition is recorded.
	 */
	public Connection wrap(Connection connection, long acquireStartNanos, long acquireStartMillis) {
		if (this.registry.isNoop() && !this.target.recorder().isRecording()) {
			// Nobody listens (the workspace said no, and no metrics or tracing): the application
			// gets the driver's own connection and pays nothing. Decided per checkout, so a flag
			// that turns on later is honoured by the next one.
			return connection;
		}
		String sessionId;
		try {
			Connection physical = physicalConnection(connection);
			SessionTracker.Session session = this.sessions.sessionOf(physical,
					(key) -> this.sessionIds.sessionId((Connection) key));
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
		if (this.registry.isNoop()) {
			operation.setEndNanos(System.nanoTime());
		}
		else {
			ConnectionObservationContext context = new ConnectionObservationContext(operation);
			Observation observation = DatabricksObservationDocumentation.CONNECTION
				.observation(this.connectionConvention, DEFAULT_CONNECTION_CONVENTION, () -> context, this.registry);
			observation.start();
			operation.setEndNanos(System.nanoTime());
			observation.stop();
		}
		completed(operation);
	}

	StatementIdResolver statementIds() {
		return this.statementIds;
	}

	/** Hands a finished operation to telemetry; never throws. */
	void completed(DatabricksOperation operation) {
		this.telemetryHandler.complete(operation);
	}

	/** Starts the observation of one statement execution; never throws. */
	StatementExecution startStatement(TelemetryConnection connection, StatementType statementType,
			OperationType operationType, String sql) {
		StatementOperation operation = new StatementOperation(this.target, connection.sessionId(), statementType,
				operationType, System.nanoTime(), System.currentTimeMillis());
		Observation observation = null;
		if (!this.registry.isNoop()) {
			try {
				if (this.recordSqlText && sql != null) {
					operation.setSqlText(sql);
				}
				StatementObservationContext context = new StatementObservationContext(operation);
				observation = DatabricksObservationDocumentation.STATEMENT
					.observation(this.statementConvention, DEFAULT_STATEMENT_CONVENTION, () -> context, this.registry)
					.start();
			}
			catch (RuntimeException ex) {
				logger.debug("Could not start a statement observation", ex);
			}
		}
		return new StatementExecution(connection, operation, observation);
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
			this.onClose.run();
		}
		catch (RuntimeException ex) {
			logger.debug("Could not release telemetry of data source " + this.target.dataSourceName(), ex);
		}
	}

}
