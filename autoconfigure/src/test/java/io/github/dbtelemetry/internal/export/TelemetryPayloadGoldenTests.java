package io.github.dbtelemetry.internal.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import java.util.stream.Stream;

import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.dbtelemetry.model.TelemetryFrontendLog;
import io.github.dbtelemetry.support.TelemetryPayloadSamples;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The serialized payload compared byte for byte with checked-in files: any change to names,
 * order, null handling or enum writing shows up as a diff to review. After a deliberate
 * change, regenerate with {@code -Dgolden.update=true} and review the diff of the files.
 */
class TelemetryPayloadGoldenTests {

	private static final Path GOLDEN_DIR = Path.of("src/test/resources/golden");

	/** Every field name of the protocol's §2, at every level of a frontend log. */
	private static final List<String> PROTOCOL_FIELDS = List.of("workspace_id", "frontend_log_event_id", "context",
			"client_context", "timestamp_millis", "user_agent", "entry", "sql_driver_log", "session_id",
			"sql_statement_id", "system_configuration", "driver_connection_params", "auth_type", "vol_operation",
			"volume_operation_type", "volume_path", "sql_operation", "error_info", "error_name", "stack_trace",
			"operation_latency_ms", "driver_version", "os_name", "os_version", "os_arch", "runtime_name",
			"runtime_version", "runtime_vendor", "client_app_name", "locale_name", "driver_name", "char_set_encoding",
			"process_name", "http_path", "mode", "host_info", "proxy_host_info", "cf_proxy_host_info", "host_url",
			"port", "proxy_auth_type", "non_proxy_hosts", "auth_mech", "auth_flow", "auth_scope", "use_proxy",
			"use_system_proxy", "use_cf_proxy", "enable_arrow", "enable_direct_results", "socket_timeout",
			"string_column_length", "http_connection_pool_size", "rows_fetched_per_block",
			"async_poll_interval_millis", "ssl_trust_store_type", "check_certificate_revocation",
			"allow_self_signed_support", "use_system_trust_store", "accept_undetermined_certificate_revocation",
			"discovery_mode_enabled", "use_empty_metadata", "support_many_parameters",
			"enable_complex_datatype_support", "enable_geospatial_support", "enable_token_cache",
			"enable_sea_hybrid_results", "enable_metric_view_metadata", "statement_type", "is_compressed",
			"execution_result", "chunk_id", "retry_count", "chunk_details", "initial_chunk_latency_millis",
			"slowest_chunk_latency_millis", "total_chunks_present", "total_chunks_iterated",
			"sum_chunks_download_time_millis", "result_latency", "result_set_ready_latency_millis",
			"result_set_consumption_latency_millis", "operation_detail", "n_operation_status_calls",
			"operation_status_latency_millis", "operation_type", "is_internal_call");

	private final TelemetryPayloadSerializer serializer = new TelemetryPayloadSerializer();

	private final JsonMapper mapper = JsonMapper.builder().build();

	static Stream<Arguments> goldenPayloads() {
		TelemetryPayloadSerializer serializer = new TelemetryPayloadSerializer();
		return Stream.of(
				golden("full-frontend-log.json", () -> serializer.serializeLog(TelemetryPayloadSamples.full())),
				golden("minimal-frontend-log.json", () -> serializer.serializeLog(TelemetryPayloadSamples.minimal())),
				golden("request.json", () -> new String(serializer.serializeRequest(TelemetryPayloadSamples.UPLOAD_TIME,
						TelemetryPayloadSamples.requestLogs()), StandardCharsets.UTF_8)));
	}

	private static Arguments golden(String file, Supplier<String> payload) {
		return Arguments.of(file, payload);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("goldenPayloads")
	void theSerializedPayloadMatchesItsGoldenFile(String file, Supplier<String> payload) throws IOException {
		assertGolden(file, payload.get());
	}

	@Test
	void fullFrontendLogHasEveryProtocolField() {
		Set<String> names = new TreeSet<>();
		collectNames(this.mapper.readTree(this.serializer.serializeLog(TelemetryPayloadSamples.full())), names);
		assertThat(names).containsAll(PROTOCOL_FIELDS);
	}

	@Test
	void requestSerializationProducesUploadTimeAndProtoLogs() {
		JsonNode request = this.mapper.readTree(this.serializer.serializeRequest(TelemetryPayloadSamples.UPLOAD_TIME,
				TelemetryPayloadSamples.requestLogs()));
		assertThat(request.get("uploadTime").isIntegralNumber()).isTrue();
		assertThat(request.get("uploadTime").asLong()).isEqualTo(TelemetryPayloadSamples.UPLOAD_TIME);
		assertThat(request.get("protoLogs").isArray()).isTrue();
		assertThat(request.get("protoLogs").size()).isEqualTo(2);
		assertThat(propertyNames(request)).containsExactly("uploadTime", "items", "protoLogs");
	}

	static Stream<Arguments> batches() {
		return Stream.of(Arguments.of(Named.of("no logs", List.<TelemetryFrontendLog>of())),
				Arguments.of(Named.of("the sample logs", TelemetryPayloadSamples.requestLogs())));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("batches")
	void itemsAreAlwaysPresentAndEmpty(List<TelemetryFrontendLog> logs) {
		JsonNode items = this.mapper.readTree(this.serializer.serializeRequest(1L, logs)).get("items");
		assertThat(items).isNotNull();
		assertThat(items.isArray()).isTrue();
		assertThat(items.size()).isZero();
	}

	@Test
	void aFrontendLogIsWrittenInTheJdbcDriversFormat() {
		JsonNode log = this.mapper.readTree(this.serializer.serializeLog(TelemetryPayloadSamples.full()));
		Set<String> names = new TreeSet<>();
		collectNames(log, names);
		assertThat(names).allSatisfy((name) -> assertThat(name).matches("[a-z][a-z_]*"));
		JsonNode event = log.at("/entry/sql_driver_log");
		assertThat(event.at("/sql_operation/statement_type").asString()).isEqualTo("QUERY");
		assertThat(event.at("/sql_operation/execution_result").asString()).isEqualTo("EXTERNAL_LINKS");
		assertThat(event.at("/sql_operation/operation_detail/operation_type").asString()).isEqualTo("EXECUTE_STATEMENT");
		assertThat(event.at("/driver_connection_params/mode").asString()).isEqualTo("SEA");
		assertThat(event.at("/driver_connection_params/auth_mech").asString()).isEqualTo("OAUTH");
		assertThat(event.at("/driver_connection_params/proxy_host_info/proxy_auth_type").asString()).isEqualTo("BASIC");
		assertThat(event.at("/vol_operation/volume_operation_type").asString()).isEqualTo("PUT");
		assertThat(event.at("/driver_connection_params/host_info/host_url").asString())
			.isEqualTo("https://adb-1234567890123456.7.azuredatabricks.net:443");
		assertThat(event.at("/driver_connection_params/host_info/port").asInt()).isZero();
		assertThat(log.get("workspace_id").isIntegralNumber()).isTrue();
	}

	@Test
	void eventSerializationOmitsNullFields() {
		String minimal = this.serializer.serializeLog(TelemetryPayloadSamples.minimal());
		assertThat(minimal).doesNotContain("null").doesNotContain("workspace_id").doesNotContain("user_agent");
		JsonNode log = this.mapper.readTree(minimal);
		assertThat(log.at("/entry/sql_driver_log").isObject()).isTrue();
		assertThat(log.at("/entry/sql_driver_log").size()).isZero();
		assertThat(this.serializer.serializeLog(TelemetryPayloadSamples.full())).doesNotContain("null");
	}

	@Test
	void protoLogsContainSerializedStrings() {
		List<TelemetryFrontendLog> logs = TelemetryPayloadSamples.requestLogs();
		JsonNode protoLogs = this.mapper.readTree(this.serializer.serializeRequest(1L, logs)).get("protoLogs");
		assertThat(protoLogs.size()).isEqualTo(logs.size());
		for (int i = 0; i < logs.size(); i++) {
			JsonNode element = protoLogs.get(i);
			assertThat(element.isString()).isTrue();
			assertThat(element.asString()).isEqualTo(this.serializer.serializeLog(logs.get(i)));
			assertThat(this.mapper.readTree(element.asString()).isObject()).isTrue();
		}
	}

	private void assertGolden(String name, String actual) throws IOException {
		if (Boolean.getBoolean("golden.update")) {
			Files.createDirectories(GOLDEN_DIR);
			Files.writeString(GOLDEN_DIR.resolve(name), actual, StandardCharsets.UTF_8);
			return;
		}
		byte[] expected;
		try (InputStream in = getClass().getResourceAsStream("/golden/" + name)) {
			assertThat(in).as("golden file %s", name).isNotNull();
			expected = in.readAllBytes();
		}
		// Compared as bytes: a reformatted file or a changed escape is a real difference.
		assertThat(new String(actual.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8)).as("golden file %s", name)
			.isEqualTo(new String(expected, StandardCharsets.UTF_8));
		assertThat(actual.getBytes(StandardCharsets.UTF_8)).isEqualTo(expected);
	}

	private static List<String> propertyNames(JsonNode node) {
		return node.properties().stream().map(Map.Entry::getKey).toList();
	}

	private static void collectNames(JsonNode node, Set<String> names) {
		if (node.isObject()) {
			for (Map.Entry<String, JsonNode> property : node.properties()) {
				names.add(property.getKey());
				collectNames(property.getValue(), names);
			}
		}
		else if (node.isArray()) {
			for (JsonNode element : node) {
				collectNames(element, names);
			}
		}
	}

}
