package io.github.dbtelemetry.internal.export;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.model.ChunkDetails;
import io.github.dbtelemetry.model.DriverErrorInfo;
import io.github.dbtelemetry.model.DriverVolumeOperation;
import io.github.dbtelemetry.model.FrontendLogContext;
import io.github.dbtelemetry.model.FrontendLogEntry;
import io.github.dbtelemetry.model.OperationDetail;
import io.github.dbtelemetry.model.ResultLatency;
import io.github.dbtelemetry.model.SqlExecutionEvent;
import io.github.dbtelemetry.model.TelemetryClientContext;
import io.github.dbtelemetry.model.TelemetryEvent;
import io.github.dbtelemetry.model.TelemetryFrontendLog;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes one log as the content of its {@code protoLogs} element: the log's JSON, escaped once
 * more to be a JSON string of the request, in one pass and without an intermediate string.
 * <p>
 * The request carries each log as a string, so every quote of the log's JSON becomes {@code \"}
 * and every backslash {@code \\}. Writing the log with Jackson and then escaping that text again
 * made two copies of every event, most of it the same {@code system_configuration} and
 * {@code driver_connection_params} repeated in every event. Here:
 * <ul>
 * <li>those two are written by Jackson once per instance (they are shared by every event of a
 * data source), escaped twice and kept, keyed by identity; so are the strings that repeat from
 * one event to the next, the user agent and the session id, in a cache of their own so that
 * many sessions never push the configurations out;</li>
 * <li>the rest, a few small records per event, is written field by field with names that are
 * escaped constants, in the order and with the omission of nulls that the model's annotations
 * give Jackson;</li>
 * <li>a string that is printable ASCII without quote or backslash, as ids, names and enum
 * constants are, is copied as it is, since neither level escapes it. Any other string is
 * escaped by Jackson itself, through both levels: then no rule of Jackson's (control
 * characters, surrogates, non-ASCII) has to be repeated here.</li>
 * </ul>
 * The request bytes equal those of Jackson's data binding in two steps; tests hold them equal
 * byte for byte over every field of the model. Thread-safe: the only state is the caches of
 * fragments, whose entries are immutable.
 */
final class ProtoLogWriter {

	private static final byte[] NULL = ascii("null");

	private static final byte[] QUOTE = ascii("\\\"");

	private static final byte[] TRUE = ascii("true");

	private static final byte[] FALSE = ascii("false");

	private static final byte[] FRONTEND_LOG_EVENT_ID = name("frontend_log_event_id");

	private static final byte[] WORKSPACE_ID = name("workspace_id");

	private static final byte[] CONTEXT = name("context");

	private static final byte[] CLIENT_CONTEXT = name("client_context");

	private static final byte[] TIMESTAMP_MILLIS = name("timestamp_millis");

	private static final byte[] USER_AGENT = name("user_agent");

	private static final byte[] ENTRY = name("entry");

	private static final byte[] SQL_DRIVER_LOG = name("sql_driver_log");

	private static final byte[] SESSION_ID = name("session_id");

	private static final byte[] SQL_STATEMENT_ID = name("sql_statement_id");

	private static final byte[] SYSTEM_CONFIGURATION = name("system_configuration");

	private static final byte[] DRIVER_CONNECTION_PARAMS = name("driver_connection_params");

	private static final byte[] AUTH_TYPE = name("auth_type");

	private static final byte[] VOL_OPERATION = name("vol_operation");

	private static final byte[] VOLUME_OPERATION_TYPE = name("volume_operation_type");

	private static final byte[] VOLUME_PATH = name("volume_path");

	private static final byte[] SQL_OPERATION = name("sql_operation");

	private static final byte[] STATEMENT_TYPE = name("statement_type");

	private static final byte[] IS_COMPRESSED = name("is_compressed");

	private static final byte[] EXECUTION_RESULT = name("execution_result");

	private static final byte[] CHUNK_ID = name("chunk_id");

	private static final byte[] RETRY_COUNT = name("retry_count");

	private static final byte[] CHUNK_DETAILS = name("chunk_details");

	private static final byte[] INITIAL_CHUNK_LATENCY_MILLIS = name("initial_chunk_latency_millis");

	private static final byte[] SLOWEST_CHUNK_LATENCY_MILLIS = name("slowest_chunk_latency_millis");

	private static final byte[] TOTAL_CHUNKS_PRESENT = name("total_chunks_present");

	private static final byte[] TOTAL_CHUNKS_ITERATED = name("total_chunks_iterated");

	private static final byte[] SUM_CHUNKS_DOWNLOAD_TIME_MILLIS = name("sum_chunks_download_time_millis");

	private static final byte[] RESULT_LATENCY = name("result_latency");

	private static final byte[] RESULT_SET_READY_LATENCY_MILLIS = name("result_set_ready_latency_millis");

	private static final byte[] RESULT_SET_CONSUMPTION_LATENCY_MILLIS = name("result_set_consumption_latency_millis");

	private static final byte[] OPERATION_DETAIL = name("operation_detail");

	private static final byte[] N_OPERATION_STATUS_CALLS = name("n_operation_status_calls");

	private static final byte[] OPERATION_STATUS_LATENCY_MILLIS = name("operation_status_latency_millis");

	private static final byte[] OPERATION_TYPE = name("operation_type");

	private static final byte[] IS_INTERNAL_CALL = name("is_internal_call");

	private static final byte[] ERROR_INFO = name("error_info");

	private static final byte[] ERROR_NAME = name("error_name");

	private static final byte[] STACK_TRACE = name("stack_trace");

	private static final byte[] OPERATION_LATENCY_MS = name("operation_latency_ms");

	private final JsonMapper mapper;

	private final Fragments fragments = new Fragments();

	private final Fragments repeatedStrings = new Fragments();

	ProtoLogWriter(JsonMapper mapper) {
		this.mapper = mapper;
	}

	/** Appends the escaped JSON of {@code log}, without the quotes around it. */
	void write(@Nullable TelemetryFrontendLog log, ByteSink out) {
		if (log == null) {
			out.append(NULL);
			return;
		}
		out.write('{');
		boolean more = string(out, false, FRONTEND_LOG_EVENT_ID, log.frontendLogEventId());
		more = number(out, more, WORKSPACE_ID, log.workspaceId());
		FrontendLogContext context = log.context();
		if (context != null) {
			more = name(out, more, CONTEXT);
			writeContext(context, out);
		}
		FrontendLogEntry entry = log.entry();
		if (entry != null) {
			name(out, more, ENTRY);
			writeEntry(entry, out);
		}
		out.write('}');
	}

	private void writeContext(FrontendLogContext context, ByteSink out) {
		out.write('{');
		TelemetryClientContext client = context.clientContext();
		if (client != null) {
			name(out, false, CLIENT_CONTEXT);
			out.write('{');
			name(out, false, TIMESTAMP_MILLIS);
			out.appendLong(client.timestampMillis());
			fragment(out, true, USER_AGENT, client.userAgent(), this.repeatedStrings);
			out.write('}');
		}
		out.write('}');
	}

	private void writeEntry(FrontendLogEntry entry, ByteSink out) {
		out.write('{');
		TelemetryEvent event = entry.sqlDriverLog();
		if (event != null) {
			name(out, false, SQL_DRIVER_LOG);
			writeEvent(event, out);
		}
		out.write('}');
	}

	private void writeEvent(TelemetryEvent event, ByteSink out) {
		out.write('{');
		boolean more = fragment(out, false, SESSION_ID, event.sessionId(), this.repeatedStrings);
		more = string(out, more, SQL_STATEMENT_ID, event.sqlStatementId());
		more = fragment(out, more, SYSTEM_CONFIGURATION, event.systemConfiguration(), this.fragments);
		more = fragment(out, more, DRIVER_CONNECTION_PARAMS, event.driverConnectionParams(), this.fragments);
		more = string(out, more, AUTH_TYPE, event.authType());
		DriverVolumeOperation volume = event.volOperation();
		if (volume != null) {
			more = name(out, more, VOL_OPERATION);
			out.write('{');
			boolean inner = constant(out, false, VOLUME_OPERATION_TYPE, volume.volumeOperationType());
			string(out, inner, VOLUME_PATH, volume.volumePath());
			out.write('}');
		}
		SqlExecutionEvent operation = event.sqlOperation();
		if (operation != null) {
			more = name(out, more, SQL_OPERATION);
			writeOperation(operation, out);
		}
		DriverErrorInfo error = event.errorInfo();
		if (error != null) {
			more = name(out, more, ERROR_INFO);
			out.write('{');
			boolean inner = string(out, false, ERROR_NAME, error.errorName());
			string(out, inner, STACK_TRACE, error.stackTrace());
			out.write('}');
		}
		number(out, more, OPERATION_LATENCY_MS, event.operationLatencyMs());
		out.write('}');
	}

	private void writeOperation(SqlExecutionEvent operation, ByteSink out) {
		out.write('{');
		boolean more = constant(out, false, STATEMENT_TYPE, operation.statementType());
		more = bool(out, more, IS_COMPRESSED, operation.isCompressed());
		more = constant(out, more, EXECUTION_RESULT, operation.executionResult());
		more = number(out, more, CHUNK_ID, operation.chunkId());
		more = number(out, more, RETRY_COUNT, operation.retryCount());
		ChunkDetails chunks = operation.chunkDetails();
		if (chunks != null) {
			more = name(out, more, CHUNK_DETAILS);
			out.write('{');
			boolean inner = number(out, false, INITIAL_CHUNK_LATENCY_MILLIS, chunks.initialChunkLatencyMillis());
			inner = number(out, inner, SLOWEST_CHUNK_LATENCY_MILLIS, chunks.slowestChunkLatencyMillis());
			inner = number(out, inner, TOTAL_CHUNKS_PRESENT, chunks.totalChunksPresent());
			inner = number(out, inner, TOTAL_CHUNKS_ITERATED, chunks.totalChunksIterated());
			number(out, inner, SUM_CHUNKS_DOWNLOAD_TIME_MILLIS, chunks.sumChunksDownloadTimeMillis());
			out.write('}');
		}
		ResultLatency latency = operation.resultLatency();
		if (latency != null) {
			more = name(out, more, RESULT_LATENCY);
			out.write('{');
			boolean inner = number(out, false, RESULT_SET_READY_LATENCY_MILLIS, latency.resultSetReadyLatencyMillis());
			number(out, inner, RESULT_SET_CONSUMPTION_LATENCY_MILLIS, latency.resultSetConsumptionLatencyMillis());
			out.write('}');
		}
		OperationDetail detail = operation.operationDetail();
		if (detail != null) {
			name(out, more, OPERATION_DETAIL);
			out.write('{');
			boolean inner = number(out, false, N_OPERATION_STATUS_CALLS, detail.nOperationStatusCalls());
			inner = number(out, inner, OPERATION_STATUS_LATENCY_MILLIS, detail.operationStatusLatencyMillis());
			inner = constant(out, inner, OPERATION_TYPE, detail.operationType());
			bool(out, inner, IS_INTERNAL_CALL, detail.isInternalCall());
			out.write('}');
		}
		out.write('}');
	}

	// Each field writer returns whether the object now has a field, so the next one knows
	// whether a comma goes before it; a null value writes nothing, as NON_NULL says.

	private static boolean name(ByteSink out, boolean more, byte[] name) {
		if (more) {
			out.write(',');
		}
		out.append(name);
		return true;
	}

	private static boolean number(ByteSink out, boolean more, byte[] name, @Nullable Number value) {
		if (value == null) {
			return more;
		}
		name(out, more, name);
		out.appendLong(value.longValue());
		return true;
	}

	private static boolean bool(ByteSink out, boolean more, byte[] name, @Nullable Boolean value) {
		if (value == null) {
			return more;
		}
		name(out, more, name);
		out.append(value ? TRUE : FALSE);
		return true;
	}

	private boolean string(ByteSink out, boolean more, byte[] name, @Nullable String value) {
		if (value == null) {
			return more;
		}
		name(out, more, name);
		writeString(value, out);
		return true;
	}

	// Jackson 3 writes an enum constant as its toString(), by default the constant's name.
	private boolean constant(ByteSink out, boolean more, byte[] name, @Nullable Enum<?> value) {
		return string(out, more, name, (value != null) ? value.toString() : null);
	}

	// A string's fragment is its escaped JSON with its quotes, as writeString writes it.
	private boolean fragment(ByteSink out, boolean more, byte[] name, @Nullable Object value, Fragments cache) {
		if (value == null) {
			return more;
		}
		name(out, more, name);
		out.append(cache.of(value));
		return true;
	}

	private void writeString(String value, ByteSink out) {
		out.append(QUOTE);
		if (out.appendPlain(value)) {
			out.append(QUOTE);
			return;
		}
		// Rare: the string and both of its quotes, escaped by the same two writes as the
		// reference; cut out of the outer string's own quotes.
		byte[] escaped = this.mapper.writeValueAsBytes(this.mapper.writeValueAsString(value));
		out.write(escaped, 1 + QUOTE.length, escaped.length - 2 - 2 * QUOTE.length);
		out.append(QUOTE);
	}

	/** The JSON of {@code value} as Jackson writes it, escaped again as a string's content. */
	private byte[] escapedJson(Object value) {
		byte[] escaped = this.mapper.writeValueAsBytes(this.mapper.writeValueAsString(value));
		return Arrays.copyOfRange(escaped, 1, escaped.length - 1);
	}

	private static byte[] name(String name) {
		return ascii("\\\"" + name + "\\\":");
	}

	private static byte[] ascii(String text) {
		return text.getBytes(StandardCharsets.US_ASCII);
	}

	/**
	 * The escaped JSON of the shared configuration objects, by identity: a few instances (one
	 * system configuration per event type, one set of connection parameters per data source)
	 * occur in every event. Each instance may sit in one of a few slots picked by its identity
	 * hash; when all are taken, a random one of them is replaced. A miss only costs writing the
	 * object again, so the cache needs no lock, and it holds at most {@code SLOTS} objects
	 * however many are seen. Model records are immutable, so the written form of an instance
	 * never goes stale.
	 */
	private final class Fragments {

		private static final int SLOTS = 64;

		private static final int PROBES = 4;

		private final AtomicReferenceArray<Fragment> slots = new AtomicReferenceArray<>(SLOTS);

		byte[] of(Object value) {
			int hash = System.identityHashCode(value);
			int free = -1;
			for (int i = 0; i < PROBES; i++) {
				int slot = (hash + i) & (SLOTS - 1);
				Fragment fragment = this.slots.get(slot);
				if (fragment == null) {
					free = (free < 0) ? slot : free;
				}
				else if (fragment.value() == value) {
					return fragment.json();
				}
			}
			byte[] json = escapedJson(value);
			int slot = (free >= 0) ? free : (hash + ThreadLocalRandom.current().nextInt(PROBES)) & (SLOTS - 1);
			this.slots.set(slot, new Fragment(value, json));
			return json;
		}

	}

	private record Fragment(Object value, byte[] json) {
	}

}
