package io.github.dbtelemetry.internal.export;

import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.model.TelemetryFrontendLog;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a batch of logs into the request body,
 * {@code {"uploadTime":..,"items":[],"protoLogs":["<log's JSON as a string>",..]}}, in one pass.
 * <p>
 * This runs for every event the starter exports, so it is written for that: Jackson's
 * streaming generator writes the request, and each log goes straight into it in its escaped
 * form (see {@link ProtoLogWriter}), rather than as a string that would then be escaped
 * again. The buffers are kept from one batch to the next; the only allocation proportional to
 * the batch is the body itself, which the HTTP client is handed and may send more than once.
 * The bytes are exactly those of Jackson's data binding writing each log to a string and then
 * the request.
 * <p>
 * Thread-safe: exports to different hosts may run at the same time. One set of buffers is kept
 * for reuse; a call that finds it taken uses its own.
 */
public final class TelemetryPayloadSerializer {

	// A batch of 100 typical events is about 130 KB; a much larger body is not worth keeping.
	private static final int MAX_RETAINED_BODY = 1 << 20;

	private static final int MAX_RETAINED_LOG = 64 << 10;

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final ProtoLogWriter writer = new ProtoLogWriter(this.mapper);

	private final AtomicReference<@Nullable Buffers> spare = new AtomicReference<>();

	/** One log's JSON, as it appears (escaped) inside a request's {@code protoLogs}. */
	public String serializeLog(TelemetryFrontendLog log) {
		return this.mapper.writeValueAsString(log);
	}

	public byte[] serializeRequest(long uploadTime, List<TelemetryFrontendLog> logs) {
		Buffers buffers = this.spare.getAndSet(null);
		if (buffers == null) {
			buffers = new Buffers();
		}
		byte[] body = write(uploadTime, logs, buffers);
		if (buffers.body.capacity() <= MAX_RETAINED_BODY && buffers.log.capacity() <= MAX_RETAINED_LOG) {
			this.spare.set(buffers);
		}
		return body;
	}

	private byte[] write(long uploadTime, List<TelemetryFrontendLog> logs, Buffers buffers) {
		ByteSink body = buffers.body;
		ByteSink log = buffers.log;
		body.reset();
		try (JsonGenerator generator = this.mapper.createGenerator(body)) {
			generator.writeStartObject();
			generator.writeNumberProperty("uploadTime", uploadTime);
			generator.writeArrayPropertyStart("items");
			generator.writeEndArray();
			generator.writeArrayPropertyStart("protoLogs");
			for (TelemetryFrontendLog each : logs) {
				log.reset();
				this.writer.write(each, log);
				// Already escaped: the generator only adds the quotes.
				generator.writeRawUTF8String(log.array(), 0, log.size());
			}
			generator.writeEndArray();
			generator.writeEndObject();
		}
		return body.toByteArray();
	}

	/** Reads {@code numProtoSuccess} from a response body; -1 when absent or unreadable. */
	public long readNumProtoSuccess(byte[] body) {
		if (body == null || body.length == 0) {
			return -1;
		}
		try {
			var node = this.mapper.readTree(body);
			var value = node.get("numProtoSuccess");
			return (value != null && value.isNumber()) ? value.asLong() : -1;
		}
		catch (RuntimeException ex) {
			return -1;
		}
	}

	/** The request being written and the log being escaped into it. */
	private static final class Buffers {

		final ByteSink body = new ByteSink(16 << 10);

		final ByteSink log = new ByteSink(2 << 10);

	}

}
