package io.github.dbtelemetry.e2e.fidelity;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.e2e.fidelity.WireComparison.Labelled;
import io.github.dbtelemetry.e2e.fidelity.WireComparison.Pair;
import io.github.dbtelemetry.support.ProtoConformance;
import io.github.dbtelemetry.support.StandInWarehouse;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's events beside the Databricks JDBC driver's own, for one workload through the
 * real driver (see {@link SideBySideRun}). The tests assert the equalities the starter promises;
 * everything else is written to {@code docs/wire-fidelity.md}, which the last test keeps in step
 * with the run.
 */
class DriverFidelityTests {

	private static final Path DOCUMENT = Path.of("docs", "wire-fidelity.md");

	private static final boolean WRITE = Boolean.getBoolean("fidelity.write");

	private static final FidelityWorkload WORKLOAD = FidelityWorkload.standIn();

	private static final Set<WorkloadStep> CLOSING = Set.of(WorkloadStep.CLOSE_FIRST, WorkloadStep.CLOSE_SECOND);

	private static WireComparison comparison;

	@BeforeAll
	static void runBothSides() {
		comparison = SideBySideRun.run(WORKLOAD);
	}

	@Test
	void bothSidesReportExactlyTheSessionsTheWarehouseOpened() {
		assertThat(comparison.driver().sessionIds()).hasSize(2);
		assertThat(comparison.starter().sessionIds()).hasSize(2);
		assertThat(WireComparison.sessionRefs(comparison.driverEvents(), comparison.driver()))
			.containsExactly("session 1", "session 2");
		assertThat(WireComparison.sessionRefs(comparison.starterEvents(), comparison.starter()))
			.containsExactly("session 1", "session 2");
	}

	@Test
	void theStarterReportsEveryStepTheDriverReportsBeforeTheConnectionsClose() {
		Set<WorkloadStep> closing = Set.of(WorkloadStep.CLOSE_FIRST, WorkloadStep.CLOSE_SECOND, WorkloadStep.OUTSIDE);
		Set<WorkloadStep> driverSteps = steps(comparison.driverEvents());
		Set<WorkloadStep> starterSteps = steps(comparison.starterEvents());
		assertThat(driverSteps).as("the driver reports the whole workload")
			.containsAll(Set.of(WorkloadStep.values()).stream().filter((step) -> !closing.contains(step)).toList());
		assertThat(starterSteps).containsAll(driverSteps.stream().filter((step) -> !closing.contains(step)).toList());
		assertThat(starterSteps).as("nothing the starter sends is outside the workload")
			.doesNotContain(WorkloadStep.OUTSIDE);
	}

	@Test
	void aServerStatementIdTheStarterSendsNamesTheStatementTheDriverNames() {
		List<Pair> withServerIds = comparison.matched()
			.stream()
			.filter((pair) -> comparison.starter().statementText(statementId(pair.starter())) != null)
			.toList();
		assertThat(withServerIds).as("queries carry the server's statement id").isNotEmpty();
		assertThat(withServerIds).allSatisfy((pair) -> assertThat(FieldValues.same("sql_statement_id",
				pair.driver().log().get("sql_statement_id"), comparison.driver(),
				pair.starter().log().get("sql_statement_id"), comparison.starter()))
			.as(pair.step().label())
			.isTrue());
		List<String> starterIds = comparison.starterEvents()
			.stream()
			.map(DriverFidelityTests::statementId)
			.filter((id) -> !id.isEmpty())
			.toList();
		assertThat(starterIds).as("one id per operation").doesNotHaveDuplicates();
	}

	/**
	 * Over the steps up to closing the connections: what the starter sends when a session ends is
	 * reported in the document, not held to the driver's yet.
	 */
	@Test
	void pairedEventsAgreeOnOperationAndConnection() {
		List<Pair> pairs = comparison.matched().stream().filter((pair) -> !CLOSING.contains(pair.step())).toList();
		assertThat(pairs).isNotEmpty().allSatisfy((pair) -> {
			String step = pair.step().label();
			if (!pair.driver().operationType().equals("TYPE_UNSPECIFIED")) {
				assertThat(pair.starter().operationType()).as(step).isEqualTo(pair.driver().operationType());
			}
			for (String field : List.of("sql_operation.operation_detail.is_internal_call",
					"driver_connection_params.host_info.host_url", "driver_connection_params.host_info.port",
					"driver_connection_params.http_path", "driver_connection_params.mode",
					"driver_connection_params.auth_mech", "driver_connection_params.auth_flow")) {
				JsonNode driverValue = FieldValues.flatten(pair.driver().event()).get(field);
				JsonNode starterValue = FieldValues.flatten(pair.starter().event()).get(field);
				assertThat(driverValue).as(step + ": the driver's " + field).isNotNull();
				assertThat(starterValue).as(step + ": the starter's " + field).isNotNull();
				assertThat(FieldValues.same(field, driverValue, comparison.driver(), starterValue, comparison.starter()))
					.as(step + ": " + field + " " + driverValue + " vs " + starterValue)
					.isTrue();
			}
		});
	}

	@Test
	void theFailingStatementHasTheDriversErrorNameAndNothingElseOfTheError() {
		FidelityWorkload.Outcome outcome = comparison.starter().outcome();
		assertThat(outcome.failureSqlState()).isEqualTo("42P01");
		Pair failing = comparison.matched()
			.stream()
			.filter((pair) -> pair.step() == WorkloadStep.FAILING && pair.driver().log().has("error_info"))
			.findFirst()
			.orElseThrow();
		assertThat(failing.starter().log().at("/error_info/error_name").asString())
			.isEqualTo(failing.driver().log().at("/error_info/error_name").asString())
			.isEqualTo(outcome.failureSqlState());
		assertThat(comparison.starterEvents()).allSatisfy((event) -> {
			assertThat(event.log().at("/error_info/stack_trace").isMissingNode()).as("no stack_trace").isTrue();
			assertThat(event.event().toString()).doesNotContain(WORKLOAD.failing())
				.doesNotContain("TABLE_OR_VIEW_NOT_FOUND")
				.doesNotContain(outcome.failureClassName())
				.doesNotContain(outcome.failureMessage());
		});
	}

	@Test
	void everythingTheStarterSentIsDeclaredInTheDriversSchema() {
		List<JsonNode> sent = comparison.starterEvents().stream().map(Labelled::event).toList();
		assertThat(ProtoConformance.unknown(ProtoConformance.ofResource().problemsOfLogs(sent)))
			.as("fields or values the starter sent that the drivers' schema (src/test/resources/proto) lacks")
			.isEmpty();
	}

	@Test
	void theRealWorkspaceReportHoldsTheStartersSide() {
		String report = RealWorkspaceReport.render("127.0.0.1", WORKLOAD, 0, comparison.starter());
		assertThat(report).contains("Sessions the events name: session 1, session 2 (the driver's API named 2)")
			.contains("| update | `EXECUTE_STATEMENT` | `<generated id>` |")
			.contains("`error_name` sent: `42P01`")
			.contains("| `driver_connection_params.http_path` | `" + StandInWarehouse.HTTP_PATH + "` |");
	}

	@Test
	void theDocumentIsInStepWithTheRun() throws IOException {
		String generated = WireFidelityDocument.render(comparison);
		Path target = Path.of("target", "wire-fidelity.md");
		Files.createDirectories(target.getParent());
		Files.writeString(target, generated, StandardCharsets.UTF_8);
		Path committed = repositoryRoot().resolve(DOCUMENT);
		if (WRITE) {
			Files.writeString(committed, generated, StandardCharsets.UTF_8);
		}
		assertThat(Files.exists(committed)).as(committed + " exists; write it with: " + WireFidelityDocument.REGENERATE)
			.isTrue();
		String difference = firstDifference(Files.readString(committed, StandardCharsets.UTF_8), generated);
		assertThat(difference)
			.as("%s differs from what this run produces (all of it is in %s). If the change is intended, regenerate "
					+ "it with%n  %s%nand commit it; the reasons it shows live in FieldNotes.", DOCUMENT,
					target.toAbsolutePath(), WireFidelityDocument.REGENERATE)
			.isEmpty();
	}

	/** The first line where the two texts differ, both ways, or an empty string when they are equal. */
	private static String firstDifference(String committed, String generated) {
		List<String> was = committed.lines().toList();
		List<String> now = generated.lines().toList();
		for (int line = 0; line < Math.max(was.size(), now.size()); line++) {
			String before = (line < was.size()) ? was.get(line) : "<end of file>";
			String after = (line < now.size()) ? now.get(line) : "<end of file>";
			if (!before.equals(after)) {
				return "line " + (line + 1) + ":\n  committed: " + before + "\n  this run:  " + after;
			}
		}
		return committed.equals(generated) ? "" : "line endings differ";
	}

	private static Set<WorkloadStep> steps(List<Labelled> events) {
		return events.stream()
			.map(Labelled::step)
			.collect(java.util.stream.Collectors.toCollection(() -> java.util.EnumSet.noneOf(WorkloadStep.class)));
	}

	private static String statementId(Labelled event) {
		return event.log().path("sql_statement_id").asString("");
	}

	private static Path repositoryRoot() {
		Path dir = Path.of("").toAbsolutePath();
		while (dir != null && !Files.exists(dir.resolve("mvnw"))) {
			dir = dir.getParent();
		}
		assertThat(dir).as("repository root (the folder with mvnw)").isNotNull();
		return dir;
	}

}
