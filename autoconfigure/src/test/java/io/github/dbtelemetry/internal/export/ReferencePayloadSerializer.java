package io.github.dbtelemetry.internal.export;

import java.util.ArrayList;
import java.util.List;

import io.github.dbtelemetry.model.TelemetryFrontendLog;
import io.github.dbtelemetry.model.TelemetryRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The request body as Jackson's data binding writes it, in two plain steps: each log to a JSON
 * string, then a {@link TelemetryRequest} holding those strings. It is the straightforward
 * reading of the wire format, kept as the reference that the streaming
 * {@link TelemetryPayloadSerializer} must match byte for byte.
 */
final class ReferencePayloadSerializer {

	private final JsonMapper mapper = JsonMapper.builder().build();

	String serializeLog(TelemetryFrontendLog log) {
		return this.mapper.writeValueAsString(log);
	}

	byte[] serializeRequest(long uploadTime, List<TelemetryFrontendLog> logs) {
		List<String> protoLogs = new ArrayList<>(logs.size());
		for (TelemetryFrontendLog log : logs) {
			protoLogs.add(serializeLog(log));
		}
		return this.mapper.writeValueAsBytes(new TelemetryRequest(uploadTime, protoLogs));
	}

}
