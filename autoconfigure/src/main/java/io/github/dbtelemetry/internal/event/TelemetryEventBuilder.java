package io.github.dbtelemetry.internal.event;

import java.time.Clock;
import java.time.Instant;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.internal.operation.ConnectionOperation;
import io.github.dbtelemetry.internal.operation.DatabricksOperation;
import io.github.dbtelemetry.internal.operation.SessionCloseOperation;
import io.github.dbtelemetry.internal.operation.StatementOperation;
import io.github.dbtelemetry.internal.operation.TelemetryTarget;
import io.github.dbtelemetry.model.DriverErrorInfo;
import io.github.dbtelemetry.model.DriverSystemConfiguration;
import io.github.dbtelemetry.model.FrontendLogContext;
import io.github.dbtelemetry.model.FrontendLogEntry;
import io.github.dbtelemetry.model.OperationDetail;
import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.ResultLatency;
import io.github.dbtelemetry.model.SqlExecutionEvent;
import io.github.dbtelemetry.model.TelemetryClientContext;
import io.github.dbtelemetry.model.TelemetryEvent;
import io.github.dbtelemetry.model.TelemetryFrontendLog;
import io.github.dbtelemetry.observation.TelemetryEventType;
import io.github.dbtelemetry.observation.TelemetryTag;
import io.github.dbtelemetry.observation.TelemetryTagRegistry;

/**
 * Builds wire events from finished operations. Two guards keep user data out:
 * <ul>
 * <li>it reads only typed fields that may be exported: SQL text, parameters, error messages and
 * resolved server addresses are not fields it knows how to write;</li>
 * <li>each optional field is written only when the {@link TelemetryTagRegistry} allows its key
 * for the event type. The answers are asked once, at construction, and kept as booleans: this
 * runs on the JDBC hot path, so an event costs no lookups.</li>
 * </ul>
 * Errors are exported as {@code error_name} only (the SQLSTATE, else the exception's simple
 * class name); {@code stack_trace} is always left out. Messages echo SQL text, literals and host
 * names, and even frames can carry user data (generated classes, lambdas named after queries),
 * while a SQLSTATE or class name is enough to count and group failures.
 */
public final class TelemetryEventBuilder {

	/**
	 * {@code operation_detail} as the starter fills it, one per operation type: it says nothing
	 * else, so every event of a type can share it.
	 */
	private static final OperationDetail[] OPERATION_DETAILS = Arrays.stream(OperationType.values())
		.map((type) -> new OperationDetail(null, null, type, false))
		.toArray(OperationDetail[]::new);

	/**
	 * {@code result_latency} for the consumption times most results take, shared as
	 * {@link Long#valueOf(long)} shares small values.
	 */
	private static final ResultLatency[] SHORT_RESULT_LATENCIES = LongStream.range(0, 128)
		.mapToObj((millis) -> new ResultLatency(null, millis))
		.toArray(ResultLatency[]::new);

	private static final long READING_VALID_NANOS = TimeUnit.SECONDS.toNanos(1);

	private final String userAgent;

	private final Clock clock;

	private final IdGenerator ids;

	private final DriverSystemConfiguration systemConfiguration;

	private final ExportRules connectionRules;

	private final ExportRules statementRules;

	private final ExportRules closeRules;

	// The context of the latest event; see clientContext(long, String).
	private @Nullable FrontendLogContext lastContext;

	// The wall clock against the monotonic one, as last read; see endedAtByWallClock.
	private @Nullable ClockReading lastReading;

	public TelemetryEventBuilder(DriverSystemConfiguration systemConfiguration, String userAgent, Clock clock,
			IdGenerator ids) {
		this(systemConfiguration, userAgent, clock, ids, TelemetryTagRegistry.defaults());
	}

	public TelemetryEventBuilder(DriverSystemConfiguration systemConfiguration, String userAgent, Clock clock,
			IdGenerator ids, TelemetryTagRegistry registry) {
		this.systemConfiguration = systemConfiguration;
		this.userAgent = userAgent;
		this.clock = clock;
		this.ids = ids;
		this.connectionRules = ExportRules.of(registry, TelemetryEventType.CONNECTION_OPEN, systemConfiguration);
		this.statementRules = ExportRules.of(registry, TelemetryEventType.STATEMENT_EXECUTION, systemConfiguration);
		this.closeRules = ExportRules.of(registry, TelemetryEventType.CONNECTION_CLOSE, systemConfiguration);
	}

	/**
	 * Whether the registry lets the workspace id be exported; the host stamps it on each batch
	 * when it is sent, since only then is it surely known.
	 */
	public boolean exportsWorkspaceId() {
		return this.statementRules.workspaceId;
	}

	public DriverSystemConfiguration getSystemConfiguration() {
		return this.systemConfiguration;
	}

	public TelemetryFrontendLog statementEvent(StatementOperation context) {
		ExportRules rules = this.statementRules;
		ResultLatency latency = rules.resultConsumption
				? resultLatency(TimeUnit.NANOSECONDS.toMillis(context.getResultConsumptionNanos())) : null;
		// execution_result, is_compressed and chunk_details stay empty: the Databricks driver's
		// public API does not tell how the server delivered a result, whether it was compressed or
		// in how many chunks, and a guessed value would be wrong data.
		SqlExecutionEvent operation = new SqlExecutionEvent(rules.statementType ? context.getStatementType() : null,
				null, null, null, null, null, latency,
				rules.operationType ? operationDetail(context.getOperationType()) : null);
		String statementId = null;
		if (rules.statementId) {
			statementId = (context.getStatementId() != null) ? context.getStatementId() : this.ids.next();
		}
		return wrap(context, rules, event(context, rules, statementId, operation));
	}

	public TelemetryFrontendLog connectionEvent(ConnectionOperation context) {
		ExportRules rules = this.connectionRules;
		// No statement type, as in the driver's own CREATE_SESSION (and the drivers' shared schema,
		// which has no NONE): a session is not a statement.
		SqlExecutionEvent operation = new SqlExecutionEvent(null, null, null, null, null, null, null,
				rules.operationType ? operationDetail(OperationType.CREATE_SESSION) : null);
		return wrap(context, rules, event(context, rules, null, operation));
	}

	/**
	 * A session's end, in the JDBC driver's {@code DELETE_SESSION} shape: the operation type and
	 * no statement type. Its latency is reported only when the close of this one session was
	 * timed; a pool closing all its connections at once does not tell each one's.
	 */
	public TelemetryFrontendLog sessionClosedEvent(SessionCloseOperation context) {
		ExportRules rules = this.closeRules;
		SqlExecutionEvent operation = new SqlExecutionEvent(null, null, null, null, null, null, null,
				rules.operationType ? operationDetail(OperationType.DELETE_SESSION) : null);
		return wrap(context, rules, event(context, rules, null, operation, context.isTimed()));
	}

	private TelemetryEvent event(DatabricksOperation context, ExportRules rules, String statementId,
			SqlExecutionEvent operation) {
		return event(context, rules, statementId, operation, true);
	}

	private TelemetryEvent event(DatabricksOperation context, ExportRules rules, String statementId,
			SqlExecutionEvent operation, boolean timed) {
		TelemetryTarget target = context.getTarget();
		return new TelemetryEvent(rules.sessionId ? context.getSessionId() : null, statementId,
				rules.systemConfiguration, rules.connectionParameters ? target.connectionParameters() : null,
				rules.authType ? target.authType() : null, null, operation,
				rules.errorName ? errorInfo(context) : null,
				(rules.operationLatency && timed) ? TimeUnit.NANOSECONDS.toMillis(context.getDurationNanos()) : null);
	}

	private TelemetryFrontendLog wrap(DatabricksOperation context, ExportRules rules, TelemetryEvent event) {
		// When the operation ended, though the event may be built later, when its batch is sent.
		long endedAt = (context.getStartEpochMillis() != DatabricksOperation.UNDATED)
				? context.getStartEpochMillis() + TimeUnit.NANOSECONDS.toMillis(context.getDurationNanos())
				: endedAtByWallClock(context);
		String userAgent = (context.getTarget().userAgent() != null) ? context.getTarget().userAgent()
				: this.userAgent;
		// The workspace id is stamped by the host when the batch is sent: only then is it surely known.
		return new TelemetryFrontendLog(null, this.ids.next(), clientContext(endedAt, userAgent),
				new FrontendLogEntry(event));
	}

	/**
	 * The wall-clock time of an undated operation's end, from its end on the monotonic clock and
	 * a reading of both clocks. A reading taken within a second of the end serves: the two clocks
	 * drift apart by far less than a millisecond in that time, and a batch of events that ended
	 * close together then costs two clock readings, not two per event. Otherwise both clocks are
	 * read again. The reading is kept in a plain field, as the latest context is (see
	 * {@link #clientContext}).
	 */
	private long endedAtByWallClock(DatabricksOperation context) {
		long end = context.getEndNanos();
		if (end == 0) {
			return this.clock.millis();
		}
		ClockReading reading = this.lastReading;
		if (reading == null || Math.abs(end - reading.nanoTime()) > READING_VALID_NANOS) {
			reading = ClockReading.now(this.clock);
			this.lastReading = reading;
		}
		return Math.floorDiv(reading.epochNanos() + (end - reading.nanoTime()), 1_000_000L);
	}

	/**
	 * The context of an event whose operation ended at {@code millis}. Events of operations that
	 * ended in the same millisecond for the same client share one: it is immutable, and where
	 * allocation matters, at thousands of statements a second, many operations end in each
	 * millisecond and follow each other in a batch. The last one is kept in a plain field that
	 * the threads building events read and write without synchronization: it holds records,
	 * whose final fields make them safe to share that way, and a stale or overwritten entry only
	 * costs a new context. The user agents are compared by identity: each data source's is one
	 * string.
	 */
	private FrontendLogContext clientContext(long millis, String userAgent) {
		FrontendLogContext last = this.lastContext;
		if (last != null && last.clientContext().timestampMillis() == millis
				&& last.clientContext().userAgent() == userAgent) {
			return last;
		}
		FrontendLogContext context = new FrontendLogContext(new TelemetryClientContext(millis, userAgent));
		this.lastContext = context;
		return context;
	}

	/** The wall clock, in nanoseconds since the epoch, at a value of {@link System#nanoTime()}. */
	private record ClockReading(long epochNanos, long nanoTime) {

		static ClockReading now(Clock clock) {
			Instant wall = clock.instant();
			long nanoTime = System.nanoTime();
			return new ClockReading(wall.getEpochSecond() * 1_000_000_000L + wall.getNano(), nanoTime);
		}

	}

	private static OperationDetail operationDetail(OperationType type) {
		return (type != null) ? OPERATION_DETAILS[type.ordinal()] : new OperationDetail(null, null, null, false);
	}

	private static ResultLatency resultLatency(long millis) {
		return (millis >= 0 && millis < SHORT_RESULT_LATENCIES.length) ? SHORT_RESULT_LATENCIES[(int) millis]
				: new ResultLatency(null, millis);
	}

	/**
	 * The exported error: the SQLSTATE, else the exception's simple class name. No message and
	 * no trace: both can carry SQL text, literals and host names.
	 */
	static DriverErrorInfo errorInfo(Throwable failure) {
		String name = DatabricksOperation.errorNameOf(failure);
		return (name != null) ? new DriverErrorInfo(name, null) : null;
	}

	private static DriverErrorInfo errorInfo(DatabricksOperation operation) {
		String name = operation.getErrorName();
		return (name != null) ? new DriverErrorInfo(name, null) : null;
	}

	/**
	 * The registry's answers for one event type, asked once. The system configuration is shared
	 * by every event, so its filtered copy is built here too rather than per event.
	 */
	private record ExportRules(boolean workspaceId, boolean sessionId, boolean statementId,
			DriverSystemConfiguration systemConfiguration, boolean connectionParameters, boolean authType,
			boolean statementType, boolean operationType, boolean operationLatency, boolean resultConsumption,
			boolean errorName) {

		static ExportRules of(TelemetryTagRegistry registry, TelemetryEventType type,
				DriverSystemConfiguration system) {
			return new ExportRules(allowed(registry, type, TelemetryTag.WORKSPACE_ID),
					allowed(registry, type, TelemetryTag.SESSION_ID), allowed(registry, type, TelemetryTag.STATEMENT_ID),
					systemConfiguration(registry, type, system),
					allowed(registry, type, TelemetryTag.CONNECTION_PARAMETERS),
					allowed(registry, type, TelemetryTag.AUTH_TYPE), allowed(registry, type, TelemetryTag.STATEMENT_TYPE),
					allowed(registry, type, TelemetryTag.OPERATION_TYPE),
					allowed(registry, type, TelemetryTag.LATENCY_OPERATION_MS),
					allowed(registry, type, TelemetryTag.LATENCY_RESULT_CONSUMPTION_MS),
					allowed(registry, type, TelemetryTag.ERROR_NAME));
		}

		private static boolean allowed(TelemetryTagRegistry registry, TelemetryEventType type, TelemetryTag tag) {
			return registry.shouldExportToDatabricks(type, tag.key());
		}

		// The same instance when everything is allowed, so the default costs nothing extra.
		private static DriverSystemConfiguration systemConfiguration(TelemetryTagRegistry registry,
				TelemetryEventType type, DriverSystemConfiguration system) {
			if (system == null) {
				return null;
			}
			boolean version = allowed(registry, type, TelemetryTag.DRIVER_VERSION);
			boolean name = allowed(registry, type, TelemetryTag.DRIVER_NAME);
			boolean rest = allowed(registry, type, TelemetryTag.SYSTEM_CONFIGURATION);
			if (version && name && rest) {
				return system;
			}
			if (!version && !name && !rest) {
				return null;
			}
			return new DriverSystemConfiguration(version ? system.driverVersion() : null,
					rest ? system.osName() : null, rest ? system.osVersion() : null, rest ? system.osArch() : null,
					rest ? system.runtimeName() : null, rest ? system.runtimeVersion() : null,
					rest ? system.runtimeVendor() : null, rest ? system.clientAppName() : null,
					rest ? system.localeName() : null, name ? system.driverName() : null,
					rest ? system.charSetEncoding() : null, rest ? system.processName() : null);
		}

	}

}
