package io.github.dbtelemetry.observation;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.model.StatementType;
import io.github.dbtelemetry.observation.DatabricksObservationDocumentation.HighCardinalityKeys;
import io.github.dbtelemetry.observation.DatabricksObservationDocumentation.LowCardinalityKeys;
import io.micrometer.common.KeyValues;

/**
 * The key values of one data source's observations that repeat, made once. A convention is
 * asked for its key values twice per observation (at start and at stop) and there are two
 * observations per statement (the checkout and the statement), so making them anew would be
 * most of what an observation allocates. The low-cardinality ones depend only on the host, the
 * data source, the statement type and the outcome; the high-cardinality ones of a statement
 * that has nothing else to tell only on its session, and those of a checkout on its session and
 * the driver. Handing out the same instance also lets the context see at stop that nothing
 * changed, and a meter handler find its meters by it.
 * <p>
 * Everything here is bounded: data sources beyond {@value #MAX_DATA_SOURCES} and sessions beyond
 * {@value #MAX_SESSIONS} per data source (when the sessions kept are dropped) have their key
 * values made on each call, as before.
 */
final class DataSourceKeyValues {

	static final int MAX_DATA_SOURCES = 256;

	static final int MAX_SESSIONS = 64;

	private static final StatementType[] STATEMENT_TYPES = StatementType.values();

	// by host, then by data source name: no key object to allocate for a lookup
	private static final Map<String, Map<String, DataSourceKeyValues>> CACHE = new ConcurrentHashMap<>();

	private static final AtomicInteger CACHED_COUNT = new AtomicInteger();

	// [statement type ordinal * 2 + (error ? 1 : 0)]
	private final KeyValues[] statements;

	// [error ? 1 : 0]
	private final KeyValues[] connections;

	private final Map<String, Session> sessions = new ConcurrentHashMap<>();

	// the key values of a checkout before the pool has answered: the driver only
	private volatile @Nullable KeyValues driver;

	private DataSourceKeyValues(String host, String dataSourceName) {
		this.statements = new KeyValues[STATEMENT_TYPES.length * 2];
		for (StatementType type : STATEMENT_TYPES) {
			this.statements[type.ordinal() * 2] = statement(type, ObservationOutcome.SUCCESS, host, dataSourceName);
			this.statements[type.ordinal() * 2 + 1] = statement(type, ObservationOutcome.ERROR, host, dataSourceName);
		}
		this.connections = new KeyValues[] { connection(ObservationOutcome.SUCCESS, host, dataSourceName),
				connection(ObservationOutcome.ERROR, host, dataSourceName) };
	}

	/** The key values kept for a data source; its contexts keep the answer, see {@link DatabricksObservationContext#keyValues()}. */
	static DataSourceKeyValues of(String host, String dataSourceName) {
		Map<String, DataSourceKeyValues> ofHost = CACHE.get(host);
		DataSourceKeyValues found = (ofHost != null) ? ofHost.get(dataSourceName) : null;
		if (found != null) {
			return found;
		}
		DataSourceKeyValues made = new DataSourceKeyValues(host, dataSourceName);
		if (CACHED_COUNT.get() >= MAX_DATA_SOURCES) {
			return made;
		}
		DataSourceKeyValues kept = CACHE.computeIfAbsent(host, (key) -> new ConcurrentHashMap<>())
			.putIfAbsent(dataSourceName, made);
		if (kept != null) {
			return kept;
		}
		CACHED_COUNT.incrementAndGet();
		return made;
	}

	KeyValues statement(StatementType type, boolean error) {
		return this.statements[type.ordinal() * 2 + (error ? 1 : 0)];
	}

	KeyValues connection(boolean error) {
		return this.connections[error ? 1 : 0];
	}

	/** The high-cardinality key values of a statement that tells only its session. */
	KeyValues statementSession(String sessionId) {
		return session(sessionId).statement;
	}

	/**
	 * The high-cardinality key values of a checkout kept for its session ({@code null}: before
	 * the pool answered), or {@code null}; the caller checks that they still describe the driver.
	 */
	@Nullable KeyValues connectionSession(@Nullable String sessionId) {
		if (sessionId == null) {
			return this.driver;
		}
		Session session = this.sessions.get(sessionId);
		return (session != null) ? session.connection : null;
	}

	void keepConnectionSession(@Nullable String sessionId, KeyValues keyValues) {
		if (sessionId == null) {
			this.driver = keyValues;
		}
		else {
			session(sessionId).connection = keyValues;
		}
	}

	private Session session(String sessionId) {
		Session session = this.sessions.get(sessionId);
		if (session == null) {
			if (this.sessions.size() >= MAX_SESSIONS) {
				// sessions end without telling; those of a long-gone pool go with the others
				this.sessions.clear();
			}
			session = this.sessions.computeIfAbsent(sessionId, Session::new);
		}
		return session;
	}

	private static KeyValues statement(StatementType type, String outcome, String host, String dataSourceName) {
		return KeyValues.of(LowCardinalityKeys.STATEMENT_TYPE.withValue(type.name()),
				LowCardinalityKeys.OUTCOME.withValue(outcome), LowCardinalityKeys.HOST.withValue(host),
				LowCardinalityKeys.DATASOURCE.withValue(dataSourceName));
	}

	private static KeyValues connection(String outcome, String host, String dataSourceName) {
		return KeyValues.of(LowCardinalityKeys.OUTCOME.withValue(outcome), LowCardinalityKeys.HOST.withValue(host),
				LowCardinalityKeys.DATASOURCE.withValue(dataSourceName));
	}

	/** What is kept of one session. */
	private static final class Session {

		final KeyValues statement;

		volatile @Nullable KeyValues connection;

		Session(String sessionId) {
			this.statement = KeyValues.of(HighCardinalityKeys.SESSION_ID.withValue(sessionId));
		}

	}

}
