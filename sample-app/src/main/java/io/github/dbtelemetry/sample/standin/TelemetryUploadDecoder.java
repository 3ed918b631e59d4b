package io.github.dbtelemetry.sample.standin;

import java.util.ArrayList;
import java.util.List;

import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Turns an export request body into its decoded logs. Each {@code protoLogs} element is a JSON
 * string holding a JSON object (JSON inside JSON), so it is parsed a second time; an element that
 * does not parse is reported as an error, as a workspace does, instead of failing the whole upload.
 */
@Component
@Profile("!databricks")
public class TelemetryUploadDecoder {

	private final JsonMapper jsonMapper;

	public TelemetryUploadDecoder(JsonMapper jsonMapper) {
		this.jsonMapper = jsonMapper;
	}

	/**
	 * @throws MalformedUploadException when the body is not a telemetry request at all
	 */
	public DecodedUpload decode(String body) {
		JsonNode request;
		try {
			request = this.jsonMapper.readTree(body);
		}
		catch (JacksonException ex) {
			// The parser message can quote the body; keep it out of the response.
			throw new MalformedUploadException("request body is not JSON");
		}
		JsonNode protoLogs = (request != null) ? request.path("protoLogs") : null;
		if (protoLogs == null || !protoLogs.isArray()) {
			throw new MalformedUploadException("request body has no protoLogs array");
		}
		List<JsonNode> logs = new ArrayList<>();
		List<String> errors = new ArrayList<>();
		for (int i = 0; i < protoLogs.size(); i++) {
			JsonNode element = protoLogs.get(i);
			JsonNode log = parseElement(element);
			if (log != null) {
				logs.add(log);
			}
			else {
				errors.add("protoLogs[" + i + "] is not a JSON string holding a JSON object");
			}
		}
		return new DecodedUpload(logs, errors);
	}

	private JsonNode parseElement(JsonNode element) {
		if (!element.isString()) {
			return null;
		}
		try {
			JsonNode log = this.jsonMapper.readTree(element.stringValue());
			return (log != null && log.isObject()) ? log : null;
		}
		catch (JacksonException ex) {
			return null;
		}
	}

	/** The logs that parsed, in order, and one message per element that did not. */
	public record DecodedUpload(List<JsonNode> logs, List<String> errors) {

		public DecodedUpload {
			logs = List.copyOf(logs);
			errors = List.copyOf(errors);
		}

	}

	/** The body is not shaped like {@code {"uploadTime":..,"items":[],"protoLogs":[..]}}. */
	public static class MalformedUploadException extends RuntimeException {

		public MalformedUploadException(String message) {
			super(message);
		}

	}

}
