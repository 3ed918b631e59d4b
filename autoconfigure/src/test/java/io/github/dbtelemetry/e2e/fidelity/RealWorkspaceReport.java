package io.github.dbtelemetry.e2e.fidelity;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

import io.github.dbtelemetry.e2e.fidelity.WireComparison.Labelled;
import io.github.dbtelemetry.support.ProtoConformance;
import tools.jackson.databind.JsonNode;

/**
 * What {@link RealWorkspaceFidelityTests} found, as Markdown. Against a real workspace only the
 * starter's side can be captured (the driver sends its own telemetry to the workspace, over TLS,
 * from inside the driver), so the report holds the starter's events against what the driver's
 * public API said in the same run, and says what it cannot compare.
 */
final class RealWorkspaceReport {

	private RealWorkspaceReport() {
	}

	static String render(String host, FidelityWorkload workload, int driverRunStarterEvents, CapturedSide starter) {
		List<Labelled> events = starter.events()
			.stream()
			.map((event) -> new Labelled(WireComparison.stepOf(workload, starter, event), event))
			.toList();
		StringBuilder out = new StringBuilder();
		out.append("# Wire fidelity against a real workspace\n\n");
		out.append("Workspace host: `").append(host).append("`. Written by `RealWorkspaceFidelityTests`.\n\n");
		out.append("""
				## What this run can and cannot compare

				- **Cannot**: the driver's own events. With its telemetry on, the driver posts them to the
				  workspace over TLS from inside the driver; nothing in the process or on loopback sees them.
				  Compare them with the starter's in the workspace's own telemetry, if you can read it, or
				  read `docs/wire-fidelity.md`, where both sides run against the stand-in warehouse.
				- **Can**: that with the driver's telemetry on the starter leaves export to it (it recorded
				  nothing then); and the starter's events of the run with `EnableTelemetry=0`, recorded by an
				  exporter in the test instead of being sent, held against what the driver's public API said
				  in that run (the session of each connection, the statement id of each query's result set,
				  the failure's SQLSTATE) and against the drivers' shared schema. The starter's feature-flag
				  request went to the workspace, so `workspace_id` is the one the workspace names.

				""");
		out.append("With the driver's own telemetry on, the starter recorded ").append(driverRunStarterEvents)
			.append(" events.\n\n");
		out.append("## The starter's events per workload step (`EnableTelemetry=0`)\n\n");
		out.append("| step | operation types | statement id |\n| --- | --- | --- |\n");
		for (WorkloadStep step : WorkloadStep.values()) {
			List<Labelled> ofStep = events.stream().filter((event) -> event.step() == step).toList();
			if (ofStep.isEmpty()) {
				continue;
			}
			Set<String> ids = ofStep.stream()
				.filter((event) -> event.log().path("sql_statement_id").isString())
				.map((event) -> FieldValues.show("sql_statement_id", event.log().get("sql_statement_id"), starter, true))
				.collect(Collectors.toCollection(TreeSet::new));
			out.append("| ").append(step.label()).append(" | ")
				.append(ofStep.stream().map((event) -> "`" + event.operationType() + "`").collect(Collectors.joining(", ")))
				.append(" | ").append(ids.isEmpty() ? "–" : ids.stream().map((id) -> "`" + id + "`")
					.collect(Collectors.joining(", ")))
				.append(" |\n");
		}
		out.append("\nSessions the events name: ").append(String.join(", ", WireComparison.sessionRefs(events, starter)))
			.append(" (the driver's API named ").append(starter.sessionIds().size()).append(").\n");
		out.append("The failing statement's SQLSTATE as the application got it: `")
			.append(starter.outcome().failureSqlState()).append("`; `error_name` sent: ")
			.append(events.stream()
				.filter((event) -> event.step() == WorkloadStep.FAILING)
				.map((event) -> "`" + event.log().at("/error_info/error_name").asString("") + "`")
				.collect(Collectors.joining(", ")))
			.append(".\n\n");
		out.append("## The starter's fields\n\n| field | values |\n| --- | --- |\n");
		Map<String, Set<String>> fields = new TreeMap<>();
		Set<String> order = new LinkedHashSet<>();
		for (Labelled event : events) {
			FieldValues.flatten(event.event()).forEach((path, value) -> {
				order.add(path);
				fields.computeIfAbsent(path, (key) -> new TreeSet<>()).add(show(path, value, starter));
			});
		}
		for (String path : order) {
			out.append("| `").append(path).append("` | ")
				.append(fields.get(path).stream().limit(6).map((value) -> "`" + value.replace("|", "\\|") + "`")
					.collect(Collectors.joining(", ")))
				.append(" |\n");
		}
		Set<String> problems = ProtoConformance.ofResource()
			.problemsOfLogs(events.stream().map(Labelled::event).toList());
		out.append("\n## Against the drivers' shared schema\n\n")
			.append(problems.isEmpty() ? "Nothing undeclared."
					: problems.stream().map((problem) -> "- `" + problem + "`").collect(Collectors.joining("\n")))
			.append('\n');
		return out.toString();
	}

	// The workspace's own values (host, path, workspace id) are the point here, so only what
	// varies per event or machine is masked.
	private static String show(String path, JsonNode value, CapturedSide side) {
		return switch (FieldValues.kindOf(path)) {
			case VALUE -> value.isString() ? value.asString() : value.toString();
			default -> FieldValues.show(path, value, side, true);
		};
	}

}
