package io.github.dbtelemetry.internal.export;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.export.ExportOutcome;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryEndpoint;
import io.github.dbtelemetry.model.TelemetryFrontendLog;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.exactly;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The exporter against a real HTTP server that misbehaves in every way the endpoint might:
 * the fault matrix of one batch, from success to a response that never ends.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabricksTelemetryExporterTests {

	private static final String TOKEN = "dapi-secret-token-0123456789";

	private static final String USER_AGENT = "databricks-telemetry-spring-boot/test";

	private static final long UPLOAD_TIME = 1_767_773_999_871L;

	private static final String EXT = "/telemetry-ext";

	private static final String UNAUTH = "/telemetry-unauth";

	/** Two retries with millisecond waits keep the matrix fast. */
	private static final ExportRetrySettings FAST = new ExportRetrySettings(2, Duration.ofMillis(5),
			Duration.ofMillis(20), Duration.ofSeconds(2), Duration.ofSeconds(5));

	private WireMockServer server;

	// An HTTP client of its own per exporter: no connection of an earlier test's server is reused.
	private final List<TelemetryHttpClient> clients = new ArrayList<>();

	@BeforeEach
	void startServer() {
		this.server = new WireMockServer(options().dynamicPort());
		this.server.start();
	}

	@AfterEach
	void stopServer() {
		this.clients.forEach(TelemetryHttpClient::close);
		this.server.stop();
	}

	@Test
	void aSuccessfulExportSendsTheProtocolsRequest() {
		this.server.stubFor(post(EXT).willReturn(okJson("{\"errors\":[],\"numSuccess\":3,\"numProtoSuccess\":3}")));

		ExportResult result = export(exporter(FAST), authenticatedEndpoint(), logs(3));

		assertThat(result).isEqualTo(new ExportResult(ExportOutcome.SUCCESS, 3, 3, 200, null));
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(EXT))
			.withHeader("Authorization", equalTo("Bearer " + TOKEN))
			.withHeader("Content-Type", equalTo("application/json"))
			.withHeader("Accept", equalTo("application/json"))
			.withHeader("User-Agent", equalTo(USER_AGENT))
			.withRequestBody(matchingJsonPath("$.uploadTime", equalTo(Long.toString(UPLOAD_TIME))))
			.withRequestBody(matchingJsonPath("$.items", equalToJson("[]")))
			.withRequestBody(matchingJsonPath("$.protoLogs.length()", equalTo("3")))
			.withRequestBody(matchingJsonPath("$.protoLogs[0]", equalTo("{\"frontend_log_event_id\":\"log-0\"}"))));
	}

	@Test
	void anExportWithCredentialsGoesToTelemetryExt() {
		this.server.stubFor(post(EXT).willReturn(okJson("{\"numProtoSuccess\":1}")));

		ExportResult result = export(exporter(FAST), authenticatedEndpoint(), logs(1));

		assertThat(result.outcome()).isEqualTo(ExportOutcome.SUCCESS);
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(EXT)));
		this.server.verify(exactly(0), postRequestedFor(urlPathEqualTo(UNAUTH)));
	}

	@Test
	void anExportWithoutCredentialsGoesToTelemetryUnauthWithoutAuthorization() {
		this.server.stubFor(post(UNAUTH).willReturn(okJson("{\"numProtoSuccess\":2}")));

		ExportResult result = export(exporter(FAST), endpoint(TokenSource.NONE, true), logs(2));

		assertThat(result.outcome()).isEqualTo(ExportOutcome.SUCCESS);
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(UNAUTH)).withoutHeader("Authorization")
			.withHeader("User-Agent", equalTo(USER_AGENT)));
		this.server.verify(exactly(0), postRequestedFor(urlPathEqualTo(EXT)));
	}

	@Test
	void aPlainHttpEndpointNeverGetsTheTokenWithoutTheOptIn() {
		this.server.stubFor(post(UNAUTH).willReturn(okJson("{\"numProtoSuccess\":1}")));

		ExportResult result = export(exporter(FAST), endpoint(() -> Optional.of(TOKEN), false), logs(1));

		assertThat(result.outcome()).isEqualTo(ExportOutcome.SUCCESS);
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(UNAUTH)).withoutHeader("Authorization"));
		this.server.verify(exactly(0), postRequestedFor(urlPathEqualTo(EXT)));
	}

	@Test
	void aFailingCredentialsProviderFallsBackToTelemetryUnauth() {
		this.server.stubFor(post(UNAUTH).willReturn(okJson("{\"numProtoSuccess\":1}")));
		TokenSource failing = () -> {
			throw new IllegalStateException("token refresh failed");
		};

		ExportResult result = export(exporter(FAST), endpoint(failing, true), logs(1));

		assertThat(result.outcome()).isEqualTo(ExportOutcome.SUCCESS);
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(UNAUTH)).withoutHeader("Authorization"));
	}

	@Test
	void anExportIsRetriedAfterA503AndSucceeds() {
		this.server.stubFor(post(EXT).inScenario("flaky").whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(503)).willSetStateTo("recovered"));
		this.server.stubFor(post(EXT).inScenario("flaky").whenScenarioStateIs("recovered")
			.willReturn(okJson("{\"numProtoSuccess\":4}")));

		ExportResult result = export(exporter(FAST), authenticatedEndpoint(), logs(4));

		assertThat(result).isEqualTo(ExportResult.success(4, 200));
		this.server.verify(exactly(2), postRequestedFor(urlPathEqualTo(EXT)));
	}

	@Test
	void a503ForeverEndsAsRetriesExhaustedWithoutThrowing() {
		this.server.stubFor(post(EXT).willReturn(aResponse().withStatus(503)
			.withHeader("x-request-id", "req-503")
			.withBody("{\"error\":\"server text that must not leak\"}")));

		CompletableFuture<ExportResult> future = exporter(FAST).export(authenticatedEndpoint(), logs(5));
		ExportResult result = await(future);

		assertThat(future).isCompletedWithValue(result);
		assertThat(result).isEqualTo(ExportResult.retriesExhausted(5, 503, "http_503"));
		assertThat(result.rejected()).isEqualTo(5);
		this.server.verify(exactly(1 + FAST.maxRetries()), postRequestedFor(urlPathEqualTo(EXT)));
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 400, 401, 403, 404 })
	void aRefusingStatusIsNotRetried(int status) {
		this.server.stubFor(post(EXT).willReturn(aResponse().withStatus(status)));

		ExportResult result = export(exporter(FAST), authenticatedEndpoint(), logs(2));

		assertThat(result).isEqualTo(ExportResult.terminalFailure(2, status, "http_" + status));
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(EXT)));
	}

	@Test
	void aThrottledExportWaitsForRetryAfterAndThenSucceeds() {
		// retryMaxDelay above the server's 1 s so that the cap does not shorten the wait.
		ExportRetrySettings settings = new ExportRetrySettings(2, Duration.ofMillis(5), Duration.ofSeconds(2),
				Duration.ofSeconds(2), Duration.ofSeconds(5));
		this.server.stubFor(post(EXT).inScenario("throttled").whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("allowed"));
		this.server.stubFor(post(EXT).inScenario("throttled").whenScenarioStateIs("allowed")
			.willReturn(okJson("{\"numProtoSuccess\":1}")));

		ExportResult result = export(exporter(settings), authenticatedEndpoint(), logs(1));

		assertThat(result.outcome()).isEqualTo(ExportOutcome.SUCCESS);
		this.server.verify(exactly(2), postRequestedFor(urlPathEqualTo(EXT)));
	}

	@Test
	void anExportThrottledForeverExhaustsItsRetries() {
		this.server.stubFor(post(EXT).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")));

		// FAST caps every wait at 20 ms, the server's Retry-After included.
		ExportResult result = export(exporter(FAST), authenticatedEndpoint(), logs(1));

		assertThat(result).isEqualTo(ExportResult.retriesExhausted(1, 429, "http_429"));
		this.server.verify(exactly(1 + FAST.maxRetries()), postRequestedFor(urlPathEqualTo(EXT)));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "CONNECTION_RESET_BY_PEER", "EMPTY_RESPONSE" })
	void aConnectionLostAfterTheRequestWasSentIsAnUnknownOutcomeAndNotResent(Fault fault) {
		this.server.stubFor(post(EXT).inScenario("lost").whenScenarioStateIs(STARTED)
			.willReturn(aResponse().withFault(fault)).willSetStateTo("fine"));
		this.server.stubFor(post(EXT).inScenario("lost").whenScenarioStateIs("fine")
			.willReturn(okJson("{\"numProtoSuccess\":1}")));

		ExportResult result = export(exporter(FAST), authenticatedEndpoint(), logs(1));

		assertThat(result.outcome()).isEqualTo(ExportOutcome.OUTCOME_UNKNOWN);
		assertThat(result.httpStatus()).isZero();
		assertThat(result.failureKind()).isEqualTo("io");
		assertThat(result.rejected()).isEqualTo(1);
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(EXT)));
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 500, 502, 504 })
	void aServerErrorOtherThan503IsAnUnknownOutcomeAndNotResent(int status) {
		this.server.stubFor(post(EXT).willReturn(aResponse().withStatus(status)));

		ExportResult result = export(exporter(FAST), authenticatedEndpoint(), logs(3));

		assertThat(result).isEqualTo(ExportResult.outcomeUnknown(3, status, "http_" + status));
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(EXT)));
	}

	@Test
	void aBatchTheWorkspaceAcceptsSlowlyIsSentOnceAndCountedAsUnknown() {
		ExportRetrySettings impatient = new ExportRetrySettings(2, Duration.ofMillis(5), Duration.ofMillis(20),
				Duration.ofSeconds(2), Duration.ofMillis(500));
		this.server.stubFor(post(EXT).willReturn(okJson("{\"numProtoSuccess\":4}").withFixedDelay(1_500)));

		ExportResult result = export(exporter(impatient), authenticatedEndpoint(), logs(4));

		assertThat(result).isEqualTo(ExportResult.outcomeUnknown(4, 0, "timeout"));
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(EXT)));
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 301, 302, 307, 308 })
	void aRedirectIsNeverFollowedAndIsATerminalFailure(int status) {
		this.server.stubFor(post(EXT).willReturn(aResponse().withStatus(status)
			.withHeader("Location", this.server.baseUrl() + "/elsewhere")));
		this.server.stubFor(post("/elsewhere").willReturn(okJson("{\"numProtoSuccess\":2}")));

		ExportResult result = export(exporter(FAST), authenticatedEndpoint(), logs(2));

		assertThat(result).isEqualTo(ExportResult.terminalFailure(2, status, "http_" + status));
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(EXT)));
		this.server.verify(exactly(0), postRequestedFor(urlPathEqualTo("/elsewhere")));
	}

	@Test
	void aClosedHttpClientStartsNoRequest() {
		this.server.stubFor(post(EXT).willReturn(okJson("{\"numProtoSuccess\":1}")));
		DatabricksTelemetryExporter exporter = exporter(FAST);
		this.clients.forEach(TelemetryHttpClient::close);

		ExportResult result = export(exporter, authenticatedEndpoint(), logs(1));

		assertThat(result.isSuccess()).isFalse();
		assertThat(this.server.getAllServeEvents()).isEmpty();
	}

	@Test
	void cancellingAnExportStopsTheRetriesStillPending() {
		ExportRetrySettings patient = new ExportRetrySettings(5, Duration.ofMillis(100), Duration.ofMillis(100),
				Duration.ofSeconds(2), Duration.ofSeconds(5));
		this.server.stubFor(post(EXT).willReturn(aResponse().withStatus(503).withFixedDelay(300)));

		CompletableFuture<ExportResult> export = exporter(patient).export(authenticatedEndpoint(), logs(1));
		Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> this.server.getAllServeEvents().size() >= 1);
		export.cancel(true);
		int afterCancel = this.server.getAllServeEvents().size();

		Awaitility.await().during(Duration.ofMillis(1_500)).atMost(Duration.ofSeconds(3))
			.until(() -> this.server.getAllServeEvents().size() == afterCancel);
		assertThat(afterCancel).isLessThan(1 + patient.maxRetries());
	}

	@Test
	void aRefusedConnectionIsRetriedThenExhausted() {
		URI closedPort = URI.create(this.server.baseUrl());
		this.server.stop();

		ExportResult result = export(exporter(FAST), new TelemetryEndpoint("workspace.example", closedPort,
				() -> Optional.of(TOKEN), true), logs(1));

		assertThat(result.outcome()).isEqualTo(ExportOutcome.RETRIES_EXHAUSTED);
		assertThat(result.failureKind()).isEqualTo("connect");
	}

	@Test
	void aMalformedBodyOfA200CountsAsSuccess() {
		this.server.stubFor(post(EXT).willReturn(aResponse().withStatus(200).withBody("<html>not json")));

		ExportResult result = export(exporter(FAST), authenticatedEndpoint(), logs(3));

		assertThat(result).isEqualTo(ExportResult.success(3, 200));
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(EXT)));
	}

	@Test
	void anEmptyBodyOfA204CountsAsSuccess() {
		this.server.stubFor(post(EXT).willReturn(aResponse().withStatus(204)));

		ExportResult result = export(exporter(FAST), authenticatedEndpoint(), logs(2));

		assertThat(result).isEqualTo(ExportResult.success(2, 204));
	}

	@Test
	void aResponseThatNeverEndsTimesOutOnceAndIsNotResent() {
		ExportRetrySettings shortTimeout = new ExportRetrySettings(1, Duration.ofMillis(5), Duration.ofMillis(20),
				Duration.ofSeconds(2), Duration.ofMillis(200));
		// Far longer than the response timeout: the exporter must give up first.
		this.server.stubFor(post(EXT).willReturn(okJson("{\"numProtoSuccess\":1}").withFixedDelay(5_000)));

		ExportResult result = export(exporter(shortTimeout), authenticatedEndpoint(), logs(1));

		assertThat(result).isEqualTo(ExportResult.outcomeUnknown(1, 0, "timeout"));
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(EXT)));
	}

	@Test
	void aPartialSuccessIsReportedAndNotResent() {
		this.server.stubFor(post(EXT).willReturn(okJson("{\"errors\":[\"bad log\"],\"numSuccess\":7,\"numProtoSuccess\":7}")));

		ExportResult result = export(exporter(FAST), authenticatedEndpoint(), logs(10));

		assertThat(result.outcome()).isEqualTo(ExportOutcome.PARTIAL_SUCCESS);
		assertThat(result.sent()).isEqualTo(10);
		assertThat(result.accepted()).isEqualTo(7);
		assertThat(result.rejected()).isEqualTo(3);
		this.server.verify(exactly(1), postRequestedFor(urlPathEqualTo(EXT)));
	}

	@Test
	void failureLogsCarryTheRequestIdButNeverTheTokenOrServerText(CapturedOutput output) {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel("io.github.dbtelemetry.internal.export", LogLevel.DEBUG);
		try {
			this.server.stubFor(post(EXT).willReturn(aResponse().withStatus(503)
				.withHeader("x-request-id", "req-7f3a")
				.withBody("{\"error\":\"server text that must not leak\"}")));

			ExportResult result = export(exporter(FAST), authenticatedEndpoint(), logs(1));

			assertThat(result.outcome()).isEqualTo(ExportOutcome.RETRIES_EXHAUSTED);
			assertThat(output).contains("x-request-id req-7f3a").contains("http_503");
			assertThat(output).doesNotContain(TOKEN).doesNotContain("server text that must not leak");
		}
		finally {
			logging.setLogLevel("io.github.dbtelemetry.internal.export", null);
		}
	}

	@Test
	void aBrokenWebClientFilterStillCompletesWithAResult() {
		WebClient broken = WebClient.builder().filter((request, next) -> {
			throw new IllegalStateException("customizer bug");
		}).build();
		TelemetryHttpClient http = TelemetryHttpClient.of(broken, Duration.ofSeconds(2), Duration.ofSeconds(5));
		this.clients.add(http);
		DatabricksTelemetryExporter exporter = new DatabricksTelemetryExporter(http, new TelemetryPayloadSerializer(),
				FAST, USER_AGENT);

		CompletableFuture<ExportResult> future = exporter.export(authenticatedEndpoint(), logs(2));

		assertThat(await(future)).isEqualTo(ExportResult.outcomeUnknown(2, 0, "unknown"));
		assertThat(future).isCompletedWithValue(ExportResult.outcomeUnknown(2, 0, "unknown"));
		assertThat(this.server.getAllServeEvents()).isEmpty();
	}

	@Test
	void anEmptyBatchSendsNothing() {
		ExportResult result = export(exporter(FAST), authenticatedEndpoint(), List.of());

		assertThat(result).isEqualTo(ExportResult.success(0, 0));
		assertThat(this.server.getAllServeEvents()).isEmpty();
	}

	@Test
	void anExportHoldsItsBodyArrayUntilItEndsAndThenTheNextBatchReusesIt() {
		// The array comes back only once the HTTP client has copied the body out of the
		// attempt's buffer and the export has ended; the exporter keeps no copy of its own.
		this.server.stubFor(post(EXT).willReturn(okJson("{}").withFixedDelay(1_000)));
		TelemetryPayloadSerializer serializer = new TelemetryPayloadSerializer();
		DatabricksTelemetryExporter exporter = exporter(FAST, serializer);
		List<List<TelemetryFrontendLog>> batches = List.of(logs(5), logs(1), logs(3));

		for (List<TelemetryFrontendLog> batch : batches) {
			CompletableFuture<ExportResult> export = exporter.export(authenticatedEndpoint(), batch);
			assertThat(export).isNotDone();
			assertThat(serializer.keptBodies()).isZero();
			assertThat(await(export).outcome()).isEqualTo(ExportOutcome.SUCCESS);
			assertThat(serializer.keptBodies()).isEqualTo(1);
		}

		// Each request carried exactly its own batch, the shorter ones after the longer too.
		List<String> received = new ArrayList<>();
		this.server.getAllServeEvents().forEach((event) -> received.add(0, event.getRequest().getBodyAsString()));
		assertThat(received).containsExactlyElementsOf(batches.stream()
			.map((batch) -> new String(new TelemetryPayloadSerializer().serializeRequest(UPLOAD_TIME, batch),
					StandardCharsets.UTF_8))
			.toList());
	}

	@Test
	void aBaseUrlWithATrailingSlashOrAPathIsJoinedWithoutADoubleSlash() {
		assertThat(DatabricksTelemetryExporter.exportUri(URI.create("https://host.example:443/"), EXT))
			.isEqualTo(URI.create("https://host.example:443/telemetry-ext"));
		assertThat(DatabricksTelemetryExporter.exportUri(URI.create("https://proxy.example/databricks"), UNAUTH))
			.isEqualTo(URI.create("https://proxy.example/databricks/telemetry-unauth"));
	}

	private DatabricksTelemetryExporter exporter(ExportRetrySettings settings) {
		return exporter(settings, new TelemetryPayloadSerializer());
	}

	private DatabricksTelemetryExporter exporter(ExportRetrySettings settings, TelemetryPayloadSerializer serializer) {
		TelemetryHttpClient http = TelemetryHttpClient.create(null, settings.connectTimeout(),
				settings.responseTimeout());
		this.clients.add(http);
		return new DatabricksTelemetryExporter(http, serializer, settings, USER_AGENT,
				new ExceptionClassifier(), Clock.fixed(Instant.ofEpochMilli(UPLOAD_TIME), ZoneOffset.UTC));
	}

	private TelemetryEndpoint authenticatedEndpoint() {
		// WireMock speaks plain HTTP; allowInsecure lets the token travel to it.
		return endpoint(() -> Optional.of(TOKEN), true);
	}

	private TelemetryEndpoint endpoint(TokenSource credentials, boolean allowInsecure) {
		return new TelemetryEndpoint("workspace.example", URI.create(this.server.baseUrl()), credentials,
				allowInsecure);
	}

	private static List<TelemetryFrontendLog> logs(int count) {
		List<TelemetryFrontendLog> logs = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			logs.add(new TelemetryFrontendLog(null, "log-" + i, null, null));
		}
		return logs;
	}

	private static ExportResult export(DatabricksTelemetryExporter exporter, TelemetryEndpoint endpoint,
			List<TelemetryFrontendLog> logs) {
		return await(exporter.export(endpoint, logs));
	}

	// A bound on the wait so that a broken exporter fails the test instead of hanging the build.
	private static ExportResult await(CompletableFuture<ExportResult> future) {
		return future.orTimeout(30, TimeUnit.SECONDS).join();
	}

}
