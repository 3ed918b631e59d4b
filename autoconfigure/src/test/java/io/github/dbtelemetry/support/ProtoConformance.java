package io.github.dbtelemetry.support;

import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.fasterxml.jackson.annotation.JsonProperty;

import io.github.dbtelemetry.model.TelemetryEvent;
import tools.jackson.databind.JsonNode;

/**
 * Holds what the starter sends against the schema the Databricks drivers share
 * ({@code proto/sql_driver_telemetry.proto} among the test resources; see the README beside it):
 * every field of a {@code sql_driver_log} must be declared in {@code OssSqlDriverTelemetryLog}
 * (at any depth) under the same snake_case name, with a compatible type, and every enum value
 * must be one of the declared enum's. Fields the schema has and the starter does not send are
 * fine. The envelope around {@code sql_driver_log} ({@code frontend_log_event_id},
 * {@code workspace_id}, {@code context}) is not in that schema; the JSON schemas beside the
 * golden files cover it.
 * <p>
 * A problem is reported as {@code path = VALUE} for an enum value the schema lacks, as
 * {@code path} for a field it lacks, and as {@code path: ...} for a type that does not fit.
 */
public final class ProtoConformance {

	public static final String RESOURCE = "/proto/sql_driver_telemetry.proto";

	/** The message a {@code sql_driver_log} is. */
	public static final String ROOT = "OssSqlDriverTelemetryLog";

	/**
	 * What the starter sends or can send that the schema lacks, each with why it is still so;
	 * the tests fail on anything else. Kept here, once, for every test that holds payloads
	 * against the schema.
	 */
	public static final Map<String, String> KNOWN_DEVIATIONS = Map.of(
			"driver_connection_params.auth_flow = AZURE_MANAGED_IDENTITIES",
			"The JDBC driver's AuthFlow has it (Auth_Flow=3); the schema's DriverAuthFlow.Type does not.",
			"driver_connection_params.host_info.non_proxy_hosts",
			"The JDBC driver's HostDetails has non_proxy_hosts; the schema has it on DriverConnectionParameters. "
					+ "The starter never fills it.",
			"driver_connection_params.proxy_host_info.non_proxy_hosts", "As host_info.non_proxy_hosts.",
			"driver_connection_params.cf_proxy_host_info.non_proxy_hosts", "As host_info.non_proxy_hosts.");

	private final ProtoSchema schema;

	public ProtoConformance(ProtoSchema schema) {
		this.schema = schema;
	}

	/** Over the schema kept among the test resources. */
	public static ProtoConformance ofResource() {
		return new ProtoConformance(ProtoSchema.read(RESOURCE));
	}

	/** The problems of one {@code sql_driver_log} as sent. */
	public Set<String> problems(JsonNode sqlDriverLog) {
		Set<String> problems = new TreeSet<>();
		walk("", sqlDriverLog, ROOT, problems);
		return problems;
	}

	/** The problems of every {@code sql_driver_log} of these frontend logs. */
	public Set<String> problemsOfLogs(List<JsonNode> frontendLogs) {
		Set<String> problems = new TreeSet<>();
		frontendLogs.forEach((log) -> problems.addAll(problems(log.at("/entry/sql_driver_log"))));
		return problems;
	}

	private void walk(String prefix, JsonNode object, String messageName, Set<String> problems) {
		ProtoSchema.Message message = this.schema.message(messageName).orElseThrow();
		for (Map.Entry<String, JsonNode> property : object.properties()) {
			String path = prefix + property.getKey();
			ProtoSchema.Field field = message.fields().get(property.getKey());
			if (field == null) {
				problems.add(path);
				continue;
			}
			JsonNode value = property.getValue();
			if (field.repeated()) {
				if (!value.isArray()) {
					problems.add(path + ": a repeated " + field.type() + " sent as " + value.getNodeType());
					continue;
				}
				value.forEach((element) -> checkValue(path, element, field.type(), problems));
			}
			else {
				checkValue(path, value, field.type(), problems);
			}
		}
	}

	private void checkValue(String path, JsonNode value, String type, Set<String> problems) {
		if (this.schema.isEnum(type)) {
			if (!value.isString()) {
				problems.add(path + ": enum " + type + " sent as " + value.getNodeType());
			}
			else if (!this.schema.enums().get(type).contains(value.asString())) {
				problems.add(path + " = " + value.asString());
			}
		}
		else if (this.schema.message(type).isPresent()) {
			if (value.isObject()) {
				walk(path + ".", value, type, problems);
			}
			else {
				problems.add(path + ": message " + type + " sent as " + value.getNodeType());
			}
		}
		else if (!fits(type, value)) {
			problems.add(path + ": " + type + " sent as " + value.getNodeType());
		}
	}

	private static boolean fits(String scalar, JsonNode value) {
		return switch (scalar) {
			case "string", "bytes" -> value.isString();
			case "bool" -> value.isBoolean();
			case "double", "float" -> value.isNumber();
			default -> value.isIntegralNumber();
		};
	}

	/**
	 * The problems of the wire model itself: every record component under
	 * {@link TelemetryEvent}, by its JSON name, and every constant of every enum it uses, whether
	 * or not a payload has carried it yet.
	 */
	public Set<String> problemsOfModel() {
		Set<String> problems = new TreeSet<>();
		walkRecord("", TelemetryEvent.class, ROOT, problems);
		return problems;
	}

	private void walkRecord(String prefix, Class<?> type, String messageName, Set<String> problems) {
		ProtoSchema.Message message = this.schema.message(messageName).orElseThrow();
		for (RecordComponent component : type.getRecordComponents()) {
			// @JsonProperty does not target record components: Java puts it on the accessor.
			JsonProperty property = component.getAccessor().getAnnotation(JsonProperty.class);
			String name = (property != null) ? property.value() : component.getName();
			String path = prefix + name;
			ProtoSchema.Field field = message.fields().get(name);
			if (field == null) {
				problems.add(path);
				continue;
			}
			Type javaType = component.getGenericType();
			boolean list = javaType instanceof ParameterizedType parameterized
					&& parameterized.getRawType() == List.class;
			if (list != field.repeated()) {
				problems.add(path + ": " + (field.repeated() ? "repeated" : "single") + " in the schema, "
						+ (list ? "a list" : "single") + " in the model");
				continue;
			}
			Class<?> element = list ? (Class<?>) ((ParameterizedType) javaType).getActualTypeArguments()[0]
					: component.getType();
			checkType(path, element, field.type(), problems);
		}
	}

	private void checkType(String path, Class<?> type, String protoType, Set<String> problems) {
		if (this.schema.isEnum(protoType)) {
			if (!type.isEnum()) {
				problems.add(path + ": enum " + protoType + " is " + type.getSimpleName() + " in the model");
				return;
			}
			List<String> declared = this.schema.enums().get(protoType);
			for (Object constant : type.getEnumConstants()) {
				if (!declared.contains(((Enum<?>) constant).name())) {
					problems.add(path + " = " + ((Enum<?>) constant).name());
				}
			}
		}
		else if (this.schema.message(protoType).isPresent()) {
			if (type.isRecord()) {
				walkRecord(path + ".", type, protoType, problems);
			}
			else {
				problems.add(path + ": message " + protoType + " is " + type.getSimpleName() + " in the model");
			}
		}
		else if (!fits(protoType, type)) {
			problems.add(path + ": " + protoType + " is " + type.getSimpleName() + " in the model");
		}
	}

	private static boolean fits(String scalar, Class<?> type) {
		return switch (scalar) {
			case "string", "bytes" -> type == String.class;
			case "bool" -> type == Boolean.class || type == boolean.class;
			case "double", "float" -> Number.class.isAssignableFrom(type) || type.isPrimitive();
			// Integer for an int64 is narrower, not wrong: the JSON number is the same.
			default -> List.of(Integer.class, Long.class, int.class, long.class, Short.class).contains(type);
		};
	}

	/** Problems not among the {@link #KNOWN_DEVIATIONS}. */
	public static List<String> unknown(Set<String> problems) {
		List<String> unknown = new ArrayList<>(problems);
		unknown.removeAll(KNOWN_DEVIATIONS.keySet());
		return unknown;
	}

}
