package io.github.dbtelemetry.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates telemetry payloads against the JSON Schemas under {@code schema/} (draft 2020-12,
 * written from the protocol's §2 with {@code additionalProperties: false}). A request is valid
 * when its envelope is and when every {@code protoLogs} string decodes to a valid frontend log.
 */
public final class TelemetrySchemaValidator {

	private static final JsonMapper MAPPER = JsonMapper.builder().build();

	private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

	private static final Schema REQUEST = load("/schema/telemetry-request.schema.json");

	private static final Schema FRONTEND_LOG = load("/schema/telemetry-frontend-log.schema.json");

	private TelemetrySchemaValidator() {
	}

	/** Fails with every violation when the request body, or any log inside it, is invalid. */
	public static void assertValidRequest(String json) {
		failOn("request", requestErrors(json));
	}

	/** The same for a body as sent (UTF-8 bytes). */
	public static void assertValidRequest(byte[] body) {
		assertValidRequest(new String(body, StandardCharsets.UTF_8));
	}

	/** Fails with every violation when one decoded {@code protoLogs} element is invalid. */
	public static void assertValidFrontendLog(String json) {
		failOn("frontend log", frontendLogErrors(json));
	}

	/** The violations of a request body, each log's prefixed with its {@code protoLogs} index. */
	public static List<String> requestErrors(String json) {
		List<String> errors = new ArrayList<>(messages(REQUEST, json));
		if (!errors.isEmpty()) {
			return errors;
		}
		JsonNode protoLogs = MAPPER.readTree(json).get("protoLogs");
		for (int i = 0; i < protoLogs.size(); i++) {
			for (String error : frontendLogErrors(protoLogs.get(i).asString())) {
				errors.add("protoLogs[" + i + "]: " + error);
			}
		}
		return errors;
	}

	/** The violations of one decoded frontend log. */
	public static List<String> frontendLogErrors(String json) {
		return messages(FRONTEND_LOG, json);
	}

	private static List<String> messages(Schema schema, String json) {
		try {
			return schema.validate(json, InputFormat.JSON).stream().map(TelemetrySchemaValidator::describe).toList();
		}
		catch (RuntimeException ex) {
			// Not JSON at all: report it as a violation rather than an error of the helper.
			return List.of("unreadable JSON: " + ex.getMessage());
		}
	}

	private static String describe(Error error) {
		// The message starts with the offending property; the location says where it sits.
		return "at " + error.getInstanceLocation() + " [" + error.getKeyword() + "] " + error.getMessage();
	}

	private static void failOn(String what, List<String> errors) {
		if (!errors.isEmpty()) {
			throw new AssertionError("Invalid telemetry " + what + ":\n  " + String.join("\n  ", errors));
		}
	}

	private static Schema load(String resource) {
		try (InputStream in = TelemetrySchemaValidator.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalStateException("Missing schema " + resource);
			}
			return REGISTRY.getSchema(in);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
