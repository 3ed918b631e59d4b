package io.github.dbtelemetry.internal.export;

import java.util.ArrayList;
import java.util.List;

import io.github.dbtelemetry.model.TelemetryFrontendLog;
import io.github.dbtelemetry.model.TelemetryRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns a batch of logs into the request body: each log becomes a compact JSON string inside
 * {@code protoLogs}. One mapper is shared; Jackson mappers are thread-safe once built.
 */
public final class TelemetryPayloadSerializer {

	private final JsonMapper mapper;

	public TelemetryPayloadSerializer() {
		this(JsonMapper.builder().build());
	}

	public TelemetryPayloadSerializer(JsonMapper mapper) {
		this.mapper = mapper;
	}

	public String serializeLog(TelemetryFrontendLog log) {
		return this.mapper.writeValueAsString(log);
	}

	public TelemetryRequest toRequest(long uploadTime, List<TelemetryFrontendLog> logs) {
		List<String> protoLogs = new ArrayList<>(logs.size());
		for (TelemetryFrontendLog log : logs) {
			protoLogs.add(serializeLog(log));
		}
		return new TelemetryRequest(uploadTime, protoLogs);
	}

	public byte[] serializeRequest(long uploadTime, List<TelemetryFrontendLog> logs) {
		return this.mapper.writeValueAsBytes(toRequest(uploadTime, logs));
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
