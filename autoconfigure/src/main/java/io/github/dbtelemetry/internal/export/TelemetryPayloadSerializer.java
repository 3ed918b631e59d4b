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
 * again. The buffers are kept from one batch to the next, the body's too: a {@link RequestBody}
 * gives its array back when its export no longer needs it, so a steady export allocates nothing
 * in proportion to the batch. The bytes are exactly those of Jackson's data binding writing each
 * log to a string and then the request.
 * <p>
 * Thread-safe: exports to different hosts may run at the same time. One log buffer and a few
 * body arrays are kept for reuse; a call that finds them taken uses its own.
 */
public final class TelemetryPayloadSerializer {

	private static final int MAX_RETAINED_LOG = 64 << 10;

	// Bodies in flight at once: one per export running; exports to more hosts at the same time
	// than this allocate their own.
	private static final int KEPT_BODIES = 4;

	private final JsonMapper mapper = JsonMapper.builder().build();

	private final ProtoLogWriter writer = new ProtoLogWriter(this.mapper);

	private final AtomicReference<@Nullable ByteSink> spareLog = new AtomicReference<>();

	private final BodyArrays bodies = new BodyArrays(KEPT_BODIES);

	/** One log's JSON, as it appears (escaped) inside a request's {@code protoLogs}. */
	public String serializeLog(TelemetryFrontendLog log) {
		return this.mapper.writeValueAsString(log);
	}

	/**
	 * The request body for {@code logs}. The caller must {@link RequestBody#release() release} it
	 * when its export has ended, so that its array can serve a later batch.
	 */
	public RequestBody serializeRequestBody(long uploadTime, List<TelemetryFrontendLog> logs) {
		ByteSink log = this.spareLog.getAndSet(null);
		if (log == null) {
			log = new ByteSink(2 << 10);
		}
		ByteSink body = new ByteSink(this.bodies.take());
		write(uploadTime, logs, body, log);
		if (log.capacity() <= MAX_RETAINED_LOG) {
			this.spareLog.set(log);
		}
		return new RequestBody(body.array(), body.size(), this.bodies);
	}

	/** The request body for {@code logs} as an array of its own. */
	public byte[] serializeRequest(long uploadTime, List<TelemetryFrontendLog> logs) {
		RequestBody body = serializeRequestBody(uploadTime, logs);
		try {
			return body.toByteArray();
		}
		finally {
			body.release();
		}
	}

	private void write(long uploadTime, List<TelemetryFrontendLog> logs, ByteSink body, ByteSink log) {
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
	}

	/** How many body arrays are kept for reuse now. */
	int keptBodies() {
		return this.bodies.kept();
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

}
