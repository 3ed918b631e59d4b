package io.github.dbtelemetry.model;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.support.ProtoConformance;
import io.github.dbtelemetry.support.ProtoSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * The wire model and the golden payloads against the telemetry schema the Databricks drivers
 * share ({@code src/test/resources/proto}): whatever the starter can send must be declared
 * there, with the same JSON name and a compatible type. What it lacks and the starter still
 * sends is listed, with why, in {@link ProtoConformance#KNOWN_DEVIATIONS}; anything else fails.
 * {@code DriverFidelityTests} holds a live run's events against the same schema.
 */
class ProtoConformanceTests {

	private static final Path GOLDEN = Path.of("src/test/resources/golden");

	private final JsonMapper json = JsonMapper.builder().build();

	private final ProtoSchema schema = ProtoSchema.read(ProtoConformance.RESOURCE);

	private final ProtoConformance conformance = new ProtoConformance(this.schema);

	@Test
	void theKeptSchemaIsReadWhole() {
		assertThat(this.schema.message(ProtoConformance.ROOT)).hasValueSatisfying((root) -> assertThat(
				root.fields().keySet()).containsExactly("session_id", "sql_statement_id", "system_configuration",
						"driver_connection_params", "auth_type", "vol_operation", "sql_operation", "error_info",
						"operation_latency_ms"));
		assertThat(this.schema.message("DriverConnectionParameters").orElseThrow().fields()).hasSize(46)
			.containsKey("enable_geospatial_support");
		assertThat(this.schema.message("DriverConnectionParameters").orElseThrow().fields().get("mode").type())
			.isEqualTo("DriverMode.Type");
		assertThat(this.schema.enums().get("Operation.Type")).hasSize(18).startsWith("TYPE_UNSPECIFIED")
			.endsWith("LIST_CROSS_REFERENCES");
		assertThat(this.schema.message("DriverConnectionParameters").orElseThrow().fields().get("non_proxy_hosts"))
			.satisfies((field) -> assertThat(field.repeated()).isTrue());
	}

	@Test
	void goldenPayloadsCarryOnlyWhatTheSchemaDeclares() throws IOException {
		Set<String> problems = goldenProblems();
		assertThat(ProtoConformance.unknown(problems))
			.as("fields or values of the golden payloads that the drivers' schema lacks")
			.isEmpty();
	}

	@Test
	void theWireModelDeclaresOnlyWhatTheSchemaDeclares() {
		assertThat(ProtoConformance.unknown(this.conformance.problemsOfModel()))
			.as("fields, types or enum values of the wire model that the drivers' schema lacks")
			.isEmpty();
	}

	@Test
	void everyKnownDeviationStillOccurs() throws IOException {
		Set<String> problems = new TreeSet<>(goldenProblems());
		problems.addAll(this.conformance.problemsOfModel());
		assertThat(problems).as("a deviation that no longer occurs is to be removed from KNOWN_DEVIATIONS")
			.containsAll(ProtoConformance.KNOWN_DEVIATIONS.keySet());
	}

	@Test
	void aFieldValueOrTypeTheSchemaLacksIsReported() {
		JsonNode log = this.json.readTree("""
				{"session_id":"s","favourite_colour":"blue","operation_latency_ms":"12",
				 "driver_connection_params":{"mode":"SEA","auth_mech":"TOKEN","host_info":{"port":0,"zone":"x"}},
				 "sql_operation":{"statement_type":"QUERY","retry_count":1,"chunk_details":[]}}""");
		assertThat(this.conformance.problems(log)).containsExactlyInAnyOrder("favourite_colour",
				"operation_latency_ms: int64 sent as STRING", "driver_connection_params.auth_mech = TOKEN",
				"driver_connection_params.host_info.zone", "sql_operation.chunk_details: message ChunkDetails sent as ARRAY");
	}

	@Test
	void theParserRefusesWhatItCannotRead() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> ProtoSchema.parse("syntax = \"proto3\";\nmessage A {\n  map<string, string> tags = 1;\n}"))
			.withMessageContaining("line 3");
		assertThatIllegalArgumentException().isThrownBy(() -> ProtoSchema.parse("message A { optional B b = 1; }"))
			.withMessageContaining("type B");
	}

	@Test
	void nestedTypesResolveFromTheInnermostScope() {
		ProtoSchema nested = ProtoSchema.parse("""
				message Kind { enum Type { A = 0; } }
				message Outer {
				  message Kind { enum Type { B = 0; } }
				  optional Kind.Type inner = 1;
				  oneof choice { string text = 2; }
				}
				message Other { optional Kind.Type outer = 1; repeated Outer items = 2 [packed = false]; }""");
		assertThat(nested.message("Outer").orElseThrow().fields().get("inner").type()).isEqualTo("Outer.Kind.Type");
		assertThat(nested.message("Outer").orElseThrow().fields()).containsKey("text");
		assertThat(nested.message("Other").orElseThrow().fields().get("outer").type()).isEqualTo("Kind.Type");
		assertThat(nested.message("Other").orElseThrow().fields().get("items").repeated()).isTrue();
	}

	/**
	 * With {@code -Dproto.upstream=<file>}: a newer upstream schema declares what the kept one
	 * does. Without it there is nothing to compare.
	 */
	@Test
	void theKeptSchemaDeclaresWhatTheUpstreamFileDeclares() throws IOException {
		String upstream = System.getProperty("proto.upstream", "");
		assumeThat(upstream).as("-Dproto.upstream=<path of an upstream sql_driver_telemetry.proto>").isNotEmpty();
		ProtoSchema other = ProtoSchema.parse(Files.readString(Path.of(upstream), StandardCharsets.UTF_8));
		assertThat(this.schema.canonical()).isEqualTo(other.canonical());
	}

	private Set<String> goldenProblems() throws IOException {
		List<JsonNode> logs = new ArrayList<>();
		logs.add(this.json.readTree(Files.readString(GOLDEN.resolve("full-frontend-log.json"))));
		logs.add(this.json.readTree(Files.readString(GOLDEN.resolve("minimal-frontend-log.json"))));
		for (JsonNode protoLog : this.json.readTree(Files.readString(GOLDEN.resolve("request.json"))).get("protoLogs")) {
			logs.add(this.json.readTree(protoLog.asString()));
		}
		return this.conformance.problemsOfLogs(logs);
	}

}
