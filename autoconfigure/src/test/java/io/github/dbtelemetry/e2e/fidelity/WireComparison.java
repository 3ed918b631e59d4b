package io.github.dbtelemetry.e2e.fidelity;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import tools.jackson.databind.JsonNode;

/**
 * The driver's events beside the starter's for one run of the {@link FidelityWorkload}: each
 * event is matched to the workload step it reports, events of one step are paired (same
 * operation type first, then the remaining executions in order), and every field is compared
 * over the pairs. Nothing here asserts: the test decides which equalities must hold, the
 * document shows the rest.
 */
final class WireComparison {

	/** The operation types in the order of the protocol's enum; an event without one counts as {@code (none)}. */
	static final List<String> OPERATION_ORDER = List.of("CREATE_SESSION", "DELETE_SESSION", "EXECUTE_STATEMENT",
			"EXECUTE_STATEMENT_ASYNC", "CLOSE_STATEMENT", "CANCEL_STATEMENT", "LIST_TYPE_INFO", "LIST_CATALOGS",
			"LIST_SCHEMAS", "LIST_TABLES", "LIST_TABLE_TYPES", "LIST_COLUMNS", "LIST_FUNCTIONS", "LIST_PRIMARY_KEYS",
			"LIST_IMPORTED_KEYS", "LIST_EXPORTED_KEYS", "LIST_CROSS_REFERENCES", "TYPE_UNSPECIFIED", "(none)");

	/** Events that close what another event opened: never paired with an execution. */
	private static final Set<String> LIFECYCLE = Set.of("CREATE_SESSION", "DELETE_SESSION", "CLOSE_STATEMENT");

	/** One event with the step it reports. */
	record Labelled(WorkloadStep step, JsonNode event) {

		JsonNode log() {
			return this.event.at("/entry/sql_driver_log");
		}

		String operationType() {
			String type = log().at("/sql_operation/operation_detail/operation_type").asString("");
			return type.isEmpty() ? "(none)" : type;
		}

	}

	/** A driver event and the starter's event for the same thing; either may be missing. */
	record Pair(WorkloadStep step, Labelled driver, Labelled starter) {
	}

	/**
	 * One field across the run.
	 *
	 * @param path the field's path (see {@link FieldValues#flatten})
	 * @param driverValues the driver's values as shown, sorted
	 * @param starterValues the starter's values as shown, sorted
	 * @param paired pairs whose driver event has the field
	 * @param same of those, pairs whose starter event has it with the same meaning
	 * @param different of those, pairs whose starter event has another value
	 * @param unpairedDriverTypes operation types of driver events with the field and no starter counterpart
	 */
	record FieldRow(String path, List<String> driverValues, List<String> starterValues, int paired, int same,
			int different, Set<String> unpairedDriverTypes) {

		int missing() {
			return this.paired - this.same - this.different;
		}

		boolean isSame() {
			return this.paired > 0 && this.same == this.paired;
		}

		Optional<FieldNotes.Note> note() {
			return FieldNotes.of(this.path);
		}

	}

	private final CapturedSide driver;

	private final CapturedSide starter;

	private final List<Labelled> driverEvents;

	private final List<Labelled> starterEvents;

	private final List<Pair> pairs;

	private WireComparison(CapturedSide driver, CapturedSide starter, List<Labelled> driverEvents,
			List<Labelled> starterEvents, List<Pair> pairs) {
		this.driver = driver;
		this.starter = starter;
		this.driverEvents = driverEvents;
		this.starterEvents = starterEvents;
		this.pairs = pairs;
	}

	static WireComparison of(FidelityWorkload workload, CapturedSide driver, CapturedSide starter) {
		List<Labelled> driverEvents = label(workload, driver);
		List<Labelled> starterEvents = label(workload, starter);
		List<Pair> pairs = new ArrayList<>();
		for (WorkloadStep step : WorkloadStep.values()) {
			pairs.addAll(pair(step, ofStep(driverEvents, step), ofStep(starterEvents, step)));
		}
		return new WireComparison(driver, starter, driverEvents, starterEvents, pairs);
	}

	private static List<Labelled> label(FidelityWorkload workload, CapturedSide side) {
		return side.events().stream().map((event) -> new Labelled(stepOf(workload, side, event), event)).toList();
	}

	/**
	 * The step an event reports. By its server statement id where the warehouse issued it (the
	 * text of that statement names the step); otherwise by what the event says, since the
	 * workload has exactly one update, one failing statement and one metadata call, the steps
	 * for which the starter cannot know the server's id.
	 */
	static WorkloadStep stepOf(FidelityWorkload workload, CapturedSide side, JsonNode event) {
		Labelled labelled = new Labelled(WorkloadStep.OUTSIDE, event);
		JsonNode log = labelled.log();
		String session = side.sessionRef(log.path("session_id").asString(""));
		String type = labelled.operationType();
		if (type.equals("CREATE_SESSION") || type.equals("DELETE_SESSION")) {
			boolean open = type.equals("CREATE_SESSION");
			if ("session 1".equals(session)) {
				return open ? WorkloadStep.OPEN_FIRST : WorkloadStep.CLOSE_FIRST;
			}
			if ("session 2".equals(session)) {
				return open ? WorkloadStep.OPEN_SECOND : WorkloadStep.CLOSE_SECOND;
			}
			return WorkloadStep.OUTSIDE;
		}
		if (session == null) {
			return WorkloadStep.OUTSIDE;
		}
		String statementId = log.path("sql_statement_id").asString("");
		String text = side.statementText(statementId);
		if (text != null) {
			return workload.stepOf(text, session, side.occurrence(statementId, text));
		}
		if (log.has("error_info")) {
			return WorkloadStep.FAILING;
		}
		if (log.at("/sql_operation/statement_type").asString("").equals("UPDATE")) {
			return WorkloadStep.UPDATE;
		}
		if (type.startsWith("LIST_") || log.at("/sql_operation/statement_type").asString("").equals("METADATA")) {
			return WorkloadStep.METADATA;
		}
		return WorkloadStep.OUTSIDE;
	}

	private static List<Labelled> ofStep(List<Labelled> events, WorkloadStep step) {
		return events.stream().filter((event) -> event.step() == step).toList();
	}

	private static List<Pair> pair(WorkloadStep step, List<Labelled> driver, List<Labelled> starter) {
		List<Pair> pairs = new ArrayList<>();
		List<Labelled> openDriver = new ArrayList<>(driver);
		List<Labelled> openStarter = new ArrayList<>(starter);
		for (Labelled event : driver) {
			openStarter.stream()
				.filter((candidate) -> candidate.operationType().equals(event.operationType()))
				.findFirst()
				.ifPresent((match) -> {
					pairs.add(new Pair(step, event, match));
					openDriver.remove(event);
					openStarter.remove(match);
				});
		}
		// What is left of the executions is paired in order: the driver reports a failed one as
		// TYPE_UNSPECIFIED where the starter keeps EXECUTE_STATEMENT.
		List<Labelled> driverExecutions = executions(openDriver);
		List<Labelled> starterExecutions = executions(openStarter);
		for (int i = 0; i < Math.min(driverExecutions.size(), starterExecutions.size()); i++) {
			pairs.add(new Pair(step, driverExecutions.get(i), starterExecutions.get(i)));
			openDriver.remove(driverExecutions.get(i));
			openStarter.remove(starterExecutions.get(i));
		}
		openDriver.forEach((event) -> pairs.add(new Pair(step, event, null)));
		openStarter.forEach((event) -> pairs.add(new Pair(step, null, event)));
		return pairs;
	}

	private static List<Labelled> executions(List<Labelled> events) {
		return events.stream().filter((event) -> !LIFECYCLE.contains(event.operationType())).toList();
	}

	CapturedSide driver() {
		return this.driver;
	}

	CapturedSide starter() {
		return this.starter;
	}

	List<Labelled> driverEvents() {
		return this.driverEvents;
	}

	List<Labelled> starterEvents() {
		return this.starterEvents;
	}

	List<Pair> pairs() {
		return this.pairs;
	}

	/** Pairs with both events. */
	List<Pair> matched() {
		return this.pairs.stream().filter((pair) -> pair.driver() != null && pair.starter() != null).toList();
	}

	/** Events per operation type: {driver, starter}, in the protocol's order. */
	Map<String, long[]> countsByOperation() {
		Map<String, long[]> counts = new LinkedHashMap<>();
		for (String type : OPERATION_ORDER) {
			long driverCount = this.driverEvents.stream().filter((event) -> event.operationType().equals(type)).count();
			long starterCount = this.starterEvents.stream().filter((event) -> event.operationType().equals(type)).count();
			if (driverCount + starterCount > 0) {
				counts.put(type, new long[] { driverCount, starterCount });
			}
		}
		return counts;
	}

	/** The operation types each side reported for each step: {driver, starter}. */
	Map<WorkloadStep, List<List<String>>> operationsByStep() {
		Map<WorkloadStep, List<List<String>>> steps = new EnumMap<>(WorkloadStep.class);
		for (WorkloadStep step : WorkloadStep.values()) {
			List<String> driverTypes = ofStep(this.driverEvents, step).stream().map(Labelled::operationType).toList();
			List<String> starterTypes = ofStep(this.starterEvents, step).stream().map(Labelled::operationType).toList();
			if (!driverTypes.isEmpty() || !starterTypes.isEmpty()) {
				steps.put(step, List.of(driverTypes, starterTypes));
			}
		}
		return steps;
	}

	/** The sessions a side's events name ({@code session 1}, ... or {@code <other id>}). */
	static Set<String> sessionRefs(List<Labelled> events, CapturedSide side) {
		return events.stream()
			.map((event) -> event.log().path("session_id"))
			.filter(JsonNode::isString)
			.map((id) -> Optional.ofNullable(side.sessionRef(id.asString())).orElse("<other id>"))
			.collect(Collectors.toCollection(TreeSet::new));
	}

	/**
	 * Every field the driver filled in, in the order it wrote them, over its events taken in the
	 * workload's order (not the order they arrived in, which the driver's threads decide).
	 */
	List<FieldRow> driverFields() {
		return paths(this.driverEvents).stream().map(this::row).toList();
	}

	/** The fields the starter filled in and the driver never did. */
	List<FieldRow> starterOnlyFields() {
		Set<String> paths = paths(this.starterEvents);
		paths.removeAll(paths(this.driverEvents));
		return paths.stream().map(this::row).toList();
	}

	private static Set<String> paths(List<Labelled> events) {
		Set<String> paths = new LinkedHashSet<>();
		events.stream()
			.sorted(Comparator.comparing(Labelled::step)
				.thenComparing((event) -> OPERATION_ORDER.indexOf(event.operationType())))
			.forEach((event) -> paths.addAll(FieldValues.flatten(event.event()).keySet()));
		return paths;
	}

	private FieldRow row(String path) {
		int paired = 0;
		int same = 0;
		int different = 0;
		Set<String> unpaired = new TreeSet<>(Comparator.comparingInt(OPERATION_ORDER::indexOf));
		for (Pair pair : this.pairs) {
			if (pair.driver() == null) {
				continue;
			}
			JsonNode driverValue = FieldValues.flatten(pair.driver().event()).get(path);
			if (driverValue == null) {
				continue;
			}
			if (pair.starter() == null) {
				unpaired.add(pair.driver().operationType());
				continue;
			}
			paired++;
			JsonNode starterValue = FieldValues.flatten(pair.starter().event()).get(path);
			if (starterValue != null) {
				if (FieldValues.same(path, driverValue, this.driver, starterValue, this.starter)) {
					same++;
				}
				else {
					different++;
				}
			}
		}
		return new FieldRow(path, shown(this.driverEvents, path, this.driver, false),
				shown(this.starterEvents, path, this.starter, true), paired, same, different, unpaired);
	}

	private static List<String> shown(List<Labelled> events, String path, CapturedSide side, boolean starter) {
		Set<String> values = new TreeSet<>();
		for (Labelled event : events) {
			JsonNode value = FieldValues.flatten(event.event()).get(path);
			if (value != null) {
				values.add(FieldValues.show(path, value, side, starter));
			}
		}
		return List.copyOf(values);
	}

}
