package io.github.dbtelemetry.e2e;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.context.ApplicationContext;

import io.github.dbtelemetry.autoconfigure.DatabricksTelemetryAutoConfiguration;
import io.github.dbtelemetry.pipeline.DropReason;
import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.pipeline.FeatureFlagState;
import io.github.dbtelemetry.pipeline.HostSnapshot;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.support.TelemetrySchemaValidator;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What the export end-to-end tests share: WireMock as the workspace with telemetry enabled by
 * its feature flag, a Spring application with the starter over H2 through a one-connection Hikari
 * pool (so exactly one session is opened), and a listener that counts what became of each event.
 */
final class ExportTestWorkspace implements AutoCloseable {

	static final String EXPORT_PATHS = "/telemetry-(ext|unauth)";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	final WireMockServer server;

	final CountingListener listener = new CountingListener();

	ExportTestWorkspace() {
		this.server = new WireMockServer(WireMockConfiguration.options().dynamicPort());
		this.server.start();
		this.server.stubFor(get(urlPathMatching("/api/2.0/connector-service/feature-flags/.*"))
			.willReturn(aResponse().withStatus(200)
				.withBody("{\"flags\":[{\"name\":\"databricks.partnerplatform.clientConfigsFeatureFlags.enableTelemetryForJdbc\",\"value\":\"true\"}],\"ttl_seconds\":300}")));
	}

	/**
	 * One batch holds everything and nothing is flushed on a timer, so that only the test (or
	 * closing the context) decides when a batch leaves; retries wait milliseconds.
	 */
	ApplicationContextRunner application() {
		return new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class,
					JdbcTemplateAutoConfiguration.class, ObservationAutoConfiguration.class,
					HttpClientAutoConfiguration.class, DatabricksTelemetryAutoConfiguration.class))
			.withBean(CountingListener.class, () -> this.listener)
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:export" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
					"spring.datasource.username=token", "spring.datasource.password=dapi-export-tests",
					"spring.datasource.hikari.maximum-pool-size=1", "spring.datasource.hikari.minimum-idle=1",
					"databricks.telemetry.datasource.url-prefixes=jdbc:h2:",
					"databricks.telemetry.endpoint=" + this.server.baseUrl(),
					"databricks.telemetry.allow-insecure-endpoint=true", "databricks.telemetry.batch-size=1000",
					"databricks.telemetry.flush-interval=1h", "databricks.telemetry.retry-delay=10ms",
					"databricks.telemetry.retry-max-delay=2s", "databricks.telemetry.max-retries=2",
					"databricks.telemetry.response-timeout=5s", "databricks.telemetry.shutdown-timeout=20s");
	}

	/** The application's telemetry, once the workspace has enabled it for the only host in use. */
	static DatabricksTelemetry enabledTelemetry(ApplicationContext context) {
		DatabricksTelemetry telemetry = context.getBean(DatabricksTelemetry.class);
		await().until(() -> telemetry.hosts().size() == 1
				&& telemetry.hosts().get(0).featureFlag() == FeatureFlagState.ENABLED);
		return telemetry;
	}

	/** The only host in use. */
	static HostSnapshot onlyHost(DatabricksTelemetry telemetry) {
		List<HostSnapshot> hosts = telemetry.hosts();
		assertThat(hosts).hasSize(1);
		return hosts.get(0);
	}

	List<LoggedRequest> exportRequests() {
		return this.server.findAll(postRequestedFor(urlPathMatching(EXPORT_PATHS)));
	}

	/** The events of one request body, checked against the protocol's schema. */
	static List<JsonNode> events(LoggedRequest request) {
		TelemetrySchemaValidator.assertValidRequest(request.getBodyAsString());
		List<JsonNode> events = new ArrayList<>();
		for (JsonNode protoLog : JSON.readTree(request.getBodyAsString()).get("protoLogs")) {
			events.add(JSON.readTree(protoLog.asString()));
		}
		return events;
	}

	static List<JsonNode> events(List<LoggedRequest> requests) {
		return requests.stream().flatMap((request) -> events(request).stream()).toList();
	}

	static List<String> statementIds(List<JsonNode> events) {
		return events.stream()
			.filter((event) -> !"CREATE_SESSION"
				.equals(event.at("/entry/sql_driver_log/sql_operation/operation_detail/operation_type").asString()))
			.map((event) -> event.at("/entry/sql_driver_log/sql_statement_id").asString())
			.toList();
	}

	static List<String> eventIds(List<JsonNode> events) {
		return events.stream().map((event) -> event.get("frontend_log_event_id").asString()).toList();
	}

	@Override
	public void close() {
		this.server.stop();
	}

	/** Counts exported and dropped events, and keeps every export result. */
	static final class CountingListener implements TelemetryPipelineListener {

		private final AtomicLong exported = new AtomicLong();

		private final Map<DropReason, AtomicLong> dropped = new EnumMap<>(DropReason.class);

		final List<ExportResult> results = new CopyOnWriteArrayList<>();

		CountingListener() {
			for (DropReason reason : DropReason.values()) {
				this.dropped.put(reason, new AtomicLong());
			}
		}

		@Override
		public void onEventsExported(String host, int count) {
			this.exported.addAndGet(count);
		}

		@Override
		public void onEventsDropped(String host, DropReason reason, int count) {
			this.dropped.get(reason).addAndGet(count);
		}

		@Override
		public void onExport(String host, ExportResult result, long durationNanos) {
			this.results.add(result);
		}

		long exported() {
			return this.exported.get();
		}

		long dropped(DropReason reason) {
			return this.dropped.get(reason).get();
		}

		long droppedTotal() {
			return this.dropped.values().stream().mapToLong(AtomicLong::get).sum();
		}

		/** Dropped counts of every reason but the given ones, which must all be zero. */
		void assertNoDropsExcept(DropReason... allowed) {
			List<DropReason> permitted = List.of(allowed);
			this.dropped.forEach((reason, count) -> {
				if (!permitted.contains(reason)) {
					assertThat(count.get()).as("events dropped as " + reason.tagValue()).isZero();
				}
			});
		}

	}

}
