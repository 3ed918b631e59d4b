package io.github.dbtelemetry.e2e.fidelity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;

import tools.jackson.databind.JsonNode;

/**
 * The fields of an event, flattened to paths, and how each is shown and compared so that the
 * document is the same on every run and machine: ids, times and latencies vary per run, the
 * operating system and runtime per machine, the stand-in's port per run. Such values are
 * compared (an id by the warehouse call it names, a time by its presence) but shown as a
 * placeholder.
 */
final class FieldValues {

	/** How a field is compared and shown. */
	enum Kind {

		/** Compared and shown as it is, after {@link #mask}. */
		VALUE,

		/** A server session id: compared by the session it names, never shown. */
		SESSION,

		/** A server statement id: compared by the statement it names, never shown. */
		STATEMENT,

		/** Random for each event: present on both sides is all there is to compare. */
		PER_EVENT,

		/** A time or a duration: present on both sides is all there is to compare. */
		TIME,

		/** Read from the machine (OS, runtime): compared, not shown. */
		MACHINE,

		/** Text that is never shown, because it can carry SQL (an exception's message). */
		HIDDEN

	}

	private record Rule(Pattern path, Kind kind, UnaryOperator<String> mask) {
	}

	private static final List<Rule> RULES = List.of(rule("session_id", Kind.SESSION),
			rule("sql_statement_id", Kind.STATEMENT), rule("frontend_log_event_id", Kind.PER_EVENT),
			rule("context\\.client_context\\.timestamp_millis|operation_latency_ms|.*_(latency|time)_millis", Kind.TIME),
			rule("system_configuration\\.(os_name|os_version|os_arch|runtime_name|runtime_version|runtime_vendor"
					+ "|char_set_encoding)", Kind.MACHINE),
			rule("error_info\\.stack_trace", Kind.HIDDEN),
			masked("driver_connection_params\\.(.+\\.)?host_url", (value) -> value.replaceAll(":\\d+$", ":<port>")),
			masked("context\\.client_context\\.user_agent",
					(value) -> value.replaceAll("DatabricksTelemetrySpringBoot/\\S+", "DatabricksTelemetrySpringBoot/<version>")
						.replaceAll("jvm/\\S+", "jvm/<java version>")
						.replaceAll("os/\\S+", "os/<os>")),
			masked("system_configuration\\.process_name", (value) -> value.replaceAll("\\d+", "<n>")),
			masked("system_configuration\\.locale_name", (value) -> value.replaceFirst("^[a-z]{2,3}", "<language>")));

	private FieldValues() {
	}

	private static Rule rule(String path, Kind kind) {
		return new Rule(Pattern.compile(path), kind, UnaryOperator.identity());
	}

	private static Rule masked(String path, UnaryOperator<String> mask) {
		return new Rule(Pattern.compile(path), Kind.VALUE, mask);
	}

	static Kind kindOf(String path) {
		return ruleOf(path).kind();
	}

	private static Rule ruleOf(String path) {
		return RULES.stream()
			.filter((rule) -> rule.path().matcher(path).matches())
			.findFirst()
			.orElse(new Rule(Pattern.compile(".*"), Kind.VALUE, UnaryOperator.identity()));
	}

	/**
	 * Every leaf of an event, by path: fields of {@code sql_driver_log} by their path inside it
	 * ({@code driver_connection_params.mode}), the others by their path from the top
	 * ({@code context.client_context.user_agent}). Arrays are leaves; empty objects have none.
	 */
	static Map<String, JsonNode> flatten(JsonNode event) {
		Map<String, JsonNode> leaves = new LinkedHashMap<>();
		for (Map.Entry<String, JsonNode> field : event.properties()) {
			if (field.getKey().equals("entry")) {
				flatten("", field.getValue().path("sql_driver_log"), leaves);
			}
			else {
				flatten(field.getKey() + ".", field.getValue(), leaves);
			}
		}
		return leaves;
	}

	private static void flatten(String prefix, JsonNode node, Map<String, JsonNode> leaves) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> field : node.properties()) {
				flatten(prefix + field.getKey() + ".", field.getValue(), leaves);
			}
		}
		else if (!node.isMissingNode()) {
			leaves.put(prefix.substring(0, prefix.length() - 1), node);
		}
	}

	/** How {@code value} of {@code path} is shown in the document. */
	static String show(String path, JsonNode value, CapturedSide side, boolean starter) {
		Rule rule = ruleOf(path);
		return switch (rule.kind()) {
			case SESSION -> (side.sessionRef(value.asString()) != null) ? "<server session id>" : "<other id>";
			case STATEMENT -> (side.statementText(value.asString()) != null) ? "<server statement id>" : "<generated id>";
			case PER_EVENT -> "<random per event>";
			case TIME -> "<millis>";
			case MACHINE -> "<this machine's>";
			case HIDDEN -> "<exception message>";
			case VALUE -> (starter && path.equals("system_configuration.driver_version")) ? "<starter version>"
					: rule.mask().apply(value.isString() ? value.asString() : value.toString());
		};
	}

	/** Whether the starter's {@code value} of {@code path} says what the driver's does. */
	static boolean same(String path, JsonNode driverValue, CapturedSide driver, JsonNode starterValue,
			CapturedSide starter) {
		Rule rule = ruleOf(path);
		return switch (rule.kind()) {
			case SESSION -> {
				String ref = driver.sessionRef(driverValue.asString());
				yield ref != null && ref.equals(starter.sessionRef(starterValue.asString()));
			}
			case STATEMENT -> {
				int index = indexOf(driver, driverValue.asString());
				yield index >= 0 && index == indexOf(starter, starterValue.asString());
			}
			case PER_EVENT, TIME -> true;
			case MACHINE, HIDDEN -> driverValue.equals(starterValue);
			case VALUE -> rule.mask().apply(text(driverValue)).equals(rule.mask().apply(text(starterValue)));
		};
	}

	private static String text(JsonNode value) {
		return value.isString() ? value.asString() : value.toString();
	}

	// Both runs issue their statements in the same order, so equal positions are the same call.
	private static int indexOf(CapturedSide side, String statementId) {
		return List.copyOf(side.statementTexts().keySet()).indexOf(statementId);
	}

}
