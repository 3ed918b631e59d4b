package io.github.dbtelemetry.internal.host;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Sinks;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.internal.export.TelemetryHttpClient;
import io.github.dbtelemetry.pipeline.FeatureFlagState;
import io.github.dbtelemetry.support.MutableClock;
import io.github.dbtelemetry.support.SelfSignedTls;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static io.github.dbtelemetry.internal.host.HostFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * One host's feature flag: the protocol's request, caching and failure rules against a WireMock
 * workspace, and its state transitions against responses the test releases by hand, so that
 * "in flight" is a state and not a race.
 */
class FeatureFlagTests {

	private static final String HOST = "host1.databricks.com";

	private static final String FLAG_PATH = "/api/2.0/connector-service/feature-flags/OSS_JDBC/1.2.3";

	private static final String FLAG = FeatureFlagSettings.DEFAULT_FLAG_NAME;

	private static final TokenSource TOKEN = token("dapi-secret-token");

	private static final Duration TTL = FeatureFlagSettings.DEFAULT_CACHE_TTL;

	private static final Duration WAIT = Duration.ofSeconds(10);

	// One server per test: a fetch still in flight when a test ends must not land in the next
	// test's request journal.
	@RegisterExtension
	WireMockExtension server = WireMockExtension.newInstance().options(SelfSignedTls.serverOptions()).build();

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final List<FeatureFlag> flags = new ArrayList<>();

	private final List<TelemetryHttpClient> clients = new ArrayList<>();

	// Requests of the hand-released transport, oldest first.
	private final ConcurrentLinkedQueue<Sinks.One<ClientResponse>> pending = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean cancelled = new AtomicBoolean();

	@AfterEach
	void close() {
		this.flags.forEach(FeatureFlag::close);
		this.clients.forEach(TelemetryHttpClient::close);
	}

	private URI baseUrl() {
		return URI.create(this.server.getRuntimeInfo().getHttpBaseUrl());
	}

	private TelemetryHttpClient http() {
		TelemetryHttpClient created = TelemetryHttpClient.create(null, Duration.ofSeconds(2), Duration.ofSeconds(5));
		this.clients.add(created);
		return created;
	}

	/** A client whose every request waits for the test to {@link #respond} to it. */
	private TelemetryHttpClient handReleased() {
		TelemetryHttpClient created = TelemetryHttpClient.of(WebClient.builder().exchangeFunction((request) -> {
			Sinks.One<ClientResponse> response = Sinks.one();
			this.pending.add(response);
			return response.asMono().doOnCancel(() -> this.cancelled.set(true));
		}).build(), Duration.ofSeconds(2), Duration.ofSeconds(5));
		this.clients.add(created);
		return created;
	}

	private FeatureFlag flag(FeatureFlagSettings settings, boolean allowInsecure, TelemetryHttpClient http, URI baseUrl,
			TokenSource credentials) {
		FeatureFlag flag = new FeatureFlag(HOST, baseUrl,
				credentials, new FeatureFlagFetcher(http, JsonMapper.builder().build(), settings, allowInsecure),
				this.clock);
		this.flags.add(flag);
		return flag;
	}

	/** The flag of a workspace at the WireMock server, with the default settings, not yet asked. */
	private FeatureFlag flag(TokenSource credentials) {
		return flag(FeatureFlagSettings.defaults("1.2.3"), false, http(), baseUrl(), credentials);
	}

	/** Asks the workspace at once, on the test's thread. */
	private FeatureFlag started(FeatureFlag flag) {
		flag.start(Runnable::run);
		return flag;
	}

	/** The flag of a workspace that answers only when the test responds. */
	private FeatureFlag handReleasedFlag() {
		return flag(FeatureFlagSettings.defaults("1.2.3"), false, handReleased(), URI.create("https://" + HOST),
				TokenSource.NONE);
	}

	// Asking

	@Test
	void theFirstRequestRunsOnTheExecutorItIsStartedWithOnly() {
		stubFlag("true");
		List<Runnable> telemetryThread = new ArrayList<>();
		FeatureFlag flag = flag(TokenSource.NONE);
		flag.start(telemetryThread::add);
		assertThat(flag.state()).isEqualTo(FeatureFlagState.UNKNOWN);
		assertThat(telemetryThread).hasSize(1);
		this.server.verify(0, getRequestedFor(urlEqualTo(FLAG_PATH)));
		telemetryThread.forEach(Runnable::run);
		awaitState(flag, FeatureFlagState.ENABLED);
		this.server.verify(1, getRequestedFor(urlEqualTo(FLAG_PATH)));
	}

	@Test
	void anAnswerWithinItsTtlIsNotAskedForAgain() {
		stubFlag("true");
		FeatureFlag flag = started(flag(TokenSource.NONE));
		awaitState(flag, FeatureFlagState.ENABLED);
		flag.refreshIfExpired();
		this.clock.advance(TTL.minusSeconds(1));
		flag.refreshIfExpired();
		this.server.verify(1, getRequestedFor(urlEqualTo(FLAG_PATH)));
	}

	@Test
	void anExpiredAnswerIsAskedForAgainAndReplaced() {
		stubFlag("true");
		FeatureFlag flag = started(flag(TokenSource.NONE));
		awaitState(flag, FeatureFlagState.ENABLED);
		stubFlag("false");
		this.clock.advance(TTL);
		flag.refreshIfExpired();
		awaitState(flag, FeatureFlagState.DISABLED);
		this.server.verify(2, getRequestedFor(urlEqualTo(FLAG_PATH)));
		assertThat(flag.answeredAt()).isEqualTo(this.clock.instant());
	}

	@Test
	void theTokenIsAskedForAgainAtEachRequest() {
		AtomicReference<String> rotating = new AtomicReference<>("token-one");
		FeatureFlag flag = flag(FeatureFlagSettings.defaults("1.2.3"), true, http(), baseUrl(),
				() -> Optional.of(rotating.get()));
		stubFlag("true");
		started(flag);
		awaitState(flag, FeatureFlagState.ENABLED);
		rotating.set("token-two");
		this.clock.advance(TTL);
		flag.refreshIfExpired();
		await().atMost(WAIT).until(() -> flagRequestCount() == 2 && !flag.isFetching());
		assertThat(this.server.findAll(getRequestedFor(urlEqualTo(FLAG_PATH))))
			.extracting((request) -> request.getHeader("Authorization"))
			.containsExactly("Bearer token-one", "Bearer token-two");
	}

	// The server's TTL

	@ParameterizedTest
	@ValueSource(strings = { "ttl_seconds", "ttlSeconds" })
	void theServersTtlReplacesTheConfiguredOne(String ttlField) {
		this.server.stubFor(get(FLAG_PATH).willReturn(okJson("""
				{"flags":[{"name":"%s","value":"true"}],"%s":60}""".formatted(FLAG, ttlField))));
		FeatureFlag flag = started(flag(TokenSource.NONE));
		awaitState(flag, FeatureFlagState.ENABLED);
		assertThat(flag.isExpired(flag.answeredAt().plusSeconds(60).minusNanos(1))).isFalse();
		assertThat(flag.isExpired(flag.answeredAt().plusSeconds(60))).isTrue();
		this.clock.advance(Duration.ofSeconds(59));
		flag.refreshIfExpired();
		this.server.verify(1, getRequestedFor(urlEqualTo(FLAG_PATH)));
		this.clock.advance(Duration.ofSeconds(1));
		flag.refreshIfExpired();
		await().atMost(WAIT).until(() -> flagRequestCount() == 2);
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "0 | PT15M", "-5 | PT15M", "'\"soon\"' | PT15M", "86401 | PT24H",
			"31536000000 | PT24H", "9223372036854775807 | PT24H" })
	void anUnusableServerTtlFallsBackToTheConfiguredOneAndOneBeyondADayIsCapped(String ttl, Duration expected) {
		this.server.stubFor(get(FLAG_PATH).willReturn(okJson("""
				{"flags":[{"name":"%s","value":"true"}],"ttl_seconds":%s}""".formatted(FLAG, ttl))));
		FeatureFlag flag = started(flag(TokenSource.NONE));
		awaitState(flag, FeatureFlagState.ENABLED);
		assertThat(flag.isExpired(flag.answeredAt().plus(expected).minusNanos(1))).isFalse();
		assertThat(flag.isExpired(flag.answeredAt().plus(expected))).isTrue();
	}

	// Failures

	@Test
	void aRedirectIsNotFollowedAndCountsAsAFailedRequest() {
		this.server.stubFor(get(FLAG_PATH).willReturn(aResponse().withStatus(302)
			.withHeader("Location", this.server.getRuntimeInfo().getHttpBaseUrl() + "/elsewhere")));
		this.server.stubFor(get("/elsewhere").willReturn(okJson(flagsBody("true"))));
		FeatureFlag flag = started(flag(TOKEN));
		assertThat(flag.firstAnswer()).succeedsWithin(WAIT).isEqualTo(FeatureFlagState.DISABLED);
		this.server.verify(0, getRequestedFor(urlEqualTo("/elsewhere")));
	}

	@Test
	void aFailedRefreshKeepsTheLastKnownAnswer() {
		stubFlag("true");
		FeatureFlag flag = started(flag(TokenSource.NONE));
		awaitState(flag, FeatureFlagState.ENABLED);
		Instant answeredAt = flag.answeredAt();
		this.server.stubFor(get(FLAG_PATH).willReturn(serverError()));
		this.clock.advance(TTL.plusMinutes(1));
		flag.refreshIfExpired();
		await().atMost(WAIT).until(() -> flagRequestCount() == 2 && !flag.isFetching());
		assertThat(flag.state()).isEqualTo(FeatureFlagState.ENABLED);
		assertThat(flag.answeredAt()).isEqualTo(answeredAt);
	}

	@Test
	void aFailedRefreshIsNotRetriedBeforeAFullTtl() {
		stubFlag("true");
		FeatureFlag flag = started(flag(TokenSource.NONE));
		awaitState(flag, FeatureFlagState.ENABLED);
		this.server.stubFor(get(FLAG_PATH).willReturn(serverError()));
		this.clock.advance(TTL.plusMinutes(1));
		flag.refreshIfExpired();
		await().atMost(WAIT).until(() -> flagRequestCount() == 2 && !flag.isFetching());
		flag.refreshIfExpired();
		this.clock.advance(TTL.minusSeconds(1));
		flag.refreshIfExpired();
		this.server.verify(2, getRequestedFor(urlEqualTo(FLAG_PATH)));
		this.clock.advance(Duration.ofSeconds(1));
		flag.refreshIfExpired();
		await().atMost(WAIT).until(() -> flagRequestCount() == 3);
	}

	@Test
	void aFailedFirstRequestMeansDisabled() {
		this.server.stubFor(get(FLAG_PATH).willReturn(serverError()));
		FeatureFlag flag = started(flag(TokenSource.NONE));
		assertThat(flag.firstAnswer()).succeedsWithin(WAIT).isEqualTo(FeatureFlagState.DISABLED);
		assertThat(flag.state()).isEqualTo(FeatureFlagState.DISABLED);
		assertThat(flag.answeredAt()).isNull();
	}

	@Test
	void itsHostHearsAfterEachRequestWhetherTheWorkspaceAnswered() {
		this.server.stubFor(get(FLAG_PATH).willReturn(serverError()));
		java.util.List<Boolean> answered = new java.util.concurrent.CopyOnWriteArrayList<>();
		FeatureFlag flag = new FeatureFlag(HOST, baseUrl(), TokenSource.NONE,
				new FeatureFlagFetcher(http(), JsonMapper.builder().build(), FeatureFlagSettings.defaults("1.2.3"), false),
				this.clock, answered::add);
		this.flags.add(flag);
		started(flag);
		assertThat(flag.firstAnswer()).succeedsWithin(WAIT);
		this.server.stubFor(get(FLAG_PATH).willReturn(okJson(
				"{\"flags\":[{\"name\":\"" + FeatureFlagSettings.DEFAULT_FLAG_NAME + "\",\"value\":\"true\"}]}")));
		assertThat(flag.refresh()).succeedsWithin(WAIT).isEqualTo(true);
		assertThat(answered).containsExactly(false, true);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{not json", "[]", "\"true\"", "" })
	void aMalformedResponseCountsAsNoAnswer(String body) {
		this.server.stubFor(get(FLAG_PATH).willReturn(
				aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body)));
		FeatureFlag flag = started(flag(TokenSource.NONE));
		assertThat(flag.firstAnswer()).succeedsWithin(WAIT).isEqualTo(FeatureFlagState.DISABLED);
		assertThat(flag.answeredAt()).isNull();
	}

	@Test
	void anUnreachableWorkspaceMeansDisabled() throws IOException {
		URI closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort());
		}
		FeatureFlag flag = started(flag(FeatureFlagSettings.defaults("1.2.3"), false, http(), closedPort, TOKEN));
		assertThat(flag.firstAnswer()).succeedsWithin(WAIT).isEqualTo(FeatureFlagState.DISABLED);
		assertThat(flag.answeredAt()).isNull();
	}

	@Test
	void aRequestOutlastingTheFetchTimeoutMeansDisabled() {
		this.server.stubFor(get(FLAG_PATH).willReturn(okJson(flagsBody("true")).withFixedDelay(3000)));
		FeatureFlag flag = started(flag(new FeatureFlagSettings(null, "1.2.3", null, null, Duration.ofMillis(200)),
				false, http(), baseUrl(), TokenSource.NONE));
		assertThat(flag.firstAnswer()).succeedsWithin(WAIT).isEqualTo(FeatureFlagState.DISABLED);
		assertThat(flag.answeredAt()).isNull();
	}

	@Test
	void throwingCredentialsMeanDisabledWithoutARequest() {
		FeatureFlag flag = started(flag(FeatureFlagSettings.defaults("1.2.3"), true, http(), baseUrl(), () -> {
			throw new IllegalStateException("token refresh failed");
		}));
		assertThat(flag.state()).isEqualTo(FeatureFlagState.DISABLED);
		this.server.verify(0, getRequestedFor(urlEqualTo(FLAG_PATH)));
	}

	// The flag's value

	@ParameterizedTest
	@ValueSource(strings = { "\"true\"", "\"TRUE\"", "\" true \"", "\"True\"", "true" })
	void trueValuesEnable(String value) {
		this.server.stubFor(get(FLAG_PATH).willReturn(okJson("""
				{"flags":[{"name":"other","value":"false"},{"name":"%s","value":%s}]}""".formatted(FLAG, value))));
		FeatureFlag flag = started(flag(TokenSource.NONE));
		assertThat(flag.firstAnswer()).succeedsWithin(WAIT).isEqualTo(FeatureFlagState.ENABLED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"false\"", "\"1\"", "\"yes\"", "\"\"", "null", "false" })
	void otherValuesAreAnAnswerThatDisables(String value) {
		this.server.stubFor(get(FLAG_PATH).willReturn(okJson("""
				{"flags":[{"name":"%s","value":%s}]}""".formatted(FLAG, value))));
		FeatureFlag flag = started(flag(TokenSource.NONE));
		assertThat(flag.firstAnswer()).succeedsWithin(WAIT).isEqualTo(FeatureFlagState.DISABLED);
		assertThat(flag.answeredAt()).as("an answer, not a failure").isNotNull();
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"flags\":[{\"name\":\"other\",\"value\":\"true\"}]}", "{\"flags\":[]}", "{}" })
	void aMissingFlagIsAnAnswerThatDisables(String body) {
		this.server.stubFor(get(FLAG_PATH).willReturn(okJson(body)));
		FeatureFlag flag = started(flag(TokenSource.NONE));
		assertThat(flag.firstAnswer()).succeedsWithin(WAIT).isEqualTo(FeatureFlagState.DISABLED);
		assertThat(flag.answeredAt()).as("an answer, not a failure").isNotNull();
	}

	@Test
	void theWorkspaceIdIsTakenFromTheOrgIdHeader() {
		this.server.stubFor(get(FLAG_PATH)
			.willReturn(okJson(flagsBody("true")).withHeader("x-databricks-org-id", "1234567890123456")));
		FeatureFlag flag = started(flag(TokenSource.NONE));
		awaitState(flag, FeatureFlagState.ENABLED);
		assertThat(flag.workspaceId()).isEqualTo(1234567890123456L);
	}

	@Test
	void theWorkspaceIdIsUnknownWithoutTheOrgIdHeader() {
		stubFlag("true");
		FeatureFlag flag = started(flag(TokenSource.NONE));
		awaitState(flag, FeatureFlagState.ENABLED);
		assertThat(flag.workspaceId()).isNull();
	}

	// The request

	@Test
	void theTokenIsSentOverHttpsWithAnAcceptHeader() {
		// The trust comes the way an application's would: an SSL bundle in its HTTP client settings.
		TelemetryHttpClient trusting = TelemetryHttpClient.create(
				HttpClientSettings.ofSslBundle(SelfSignedTls.trustingBundle()), Duration.ofSeconds(2),
				Duration.ofSeconds(5));
		this.clients.add(trusting);
		stubFlag("true");
		FeatureFlag flag = started(flag(FeatureFlagSettings.defaults("1.2.3"), false, trusting,
				URI.create(this.server.getRuntimeInfo().getHttpsBaseUrl()), TOKEN));
		awaitState(flag, FeatureFlagState.ENABLED);
		this.server.verify(1,
				getRequestedFor(urlEqualTo(FLAG_PATH)).withHeader("Authorization", equalTo("Bearer dapi-secret-token"))
					.withHeader("Accept", equalTo("application/json")));
	}

	@Test
	void theTokenIsSentOverHttpWhenInsecureEndpointsAreAllowed() {
		stubFlag("true");
		FeatureFlag flag = started(flag(FeatureFlagSettings.defaults("1.2.3"), true, http(), baseUrl(), TOKEN));
		awaitState(flag, FeatureFlagState.ENABLED);
		this.server.verify(1, getRequestedFor(urlEqualTo(FLAG_PATH)).withHeader("Authorization",
				equalTo("Bearer dapi-secret-token")));
	}

	@Test
	void theTokenIsNeitherAskedForNorSentOverHttpByDefault() {
		stubFlag("true");
		AtomicBoolean asked = new AtomicBoolean();
		FeatureFlag flag = started(flag(() -> {
			asked.set(true);
			return Optional.of("dapi-secret-token");
		}));
		awaitState(flag, FeatureFlagState.ENABLED);
		this.server.verify(1, getRequestedFor(urlEqualTo(FLAG_PATH)).withHeader("Authorization", absent()));
		assertThat(asked).isFalse();
	}

	@Test
	void noAuthorizationHeaderIsSentWithoutCredentials() {
		stubFlag("true");
		FeatureFlag flag = started(
				flag(FeatureFlagSettings.defaults("1.2.3"), true, http(), baseUrl(), TokenSource.NONE));
		awaitState(flag, FeatureFlagState.ENABLED);
		this.server.verify(1, getRequestedFor(urlEqualTo(FLAG_PATH)).withHeader("Authorization", absent()));
	}

	@Test
	void thePathNamesTheConfiguredDriverAndToleratesATrailingSlash() {
		String path = "/api/2.0/connector-service/feature-flags/ADBC/1.0.0-beta";
		this.server.stubFor(get(path).willReturn(okJson(flagsBody("true"))));
		FeatureFlag flag = started(flag(new FeatureFlagSettings("ADBC", "1.0.0-beta", null, null, null), false, http(),
				URI.create(this.server.getRuntimeInfo().getHttpBaseUrl() + "/"), TokenSource.NONE));
		awaitState(flag, FeatureFlagState.ENABLED);
		this.server.verify(1, getRequestedFor(urlEqualTo(path)));
	}

	// State transitions

	@Test
	void theStateIsUnknownUntilTheFirstAnswerArrives() {
		FeatureFlag flag = handReleasedFlag();
		CompletableFuture<FeatureFlagState> firstAnswer = flag.firstAnswer();
		started(flag);
		assertThat(flag.state()).isEqualTo(FeatureFlagState.UNKNOWN);
		assertThat(firstAnswer).isNotDone();
		respond(ok("true", null));
		assertThat(flag.state()).isEqualTo(FeatureFlagState.ENABLED);
		assertThat(firstAnswer).isCompletedWithValue(FeatureFlagState.ENABLED);
		assertThat(flag.answeredAt()).isEqualTo(this.clock.instant());
		assertThat(flag.isExpired(this.clock.instant().plus(TTL).minusNanos(1))).isFalse();
		assertThat(flag.isExpired(this.clock.instant().plus(TTL))).isTrue();
	}

	@ParameterizedTest
	@CsvSource({ "200, true, ENABLED", "200, false, DISABLED", "503, true, DISABLED" })
	void whoeverHearsOfTheFirstAnswerReadsTheStateItGives(int status, boolean value, FeatureFlagState expected) {
		FeatureFlag flag = handReleasedFlag();
		AtomicReference<FeatureFlagState> readByDependent = new AtomicReference<>();
		flag.firstAnswer().thenRun(() -> readByDependent.set(flag.state()));
		started(flag);
		respond((status == 200) ? ok(String.valueOf(value), null)
				: ClientResponse.create(HttpStatus.valueOf(status)).build());
		assertThat(readByDependent).hasValue(expected);
	}

	@Test
	void whoeverHearsOfTheClosingOfAnUnansweredFlagReadsDisabled() {
		FeatureFlag flag = handReleasedFlag();
		AtomicReference<FeatureFlagState> readByDependent = new AtomicReference<>();
		flag.firstAnswer().thenRun(() -> readByDependent.set(flag.state()));
		started(flag);
		flag.close();
		assertThat(readByDependent).hasValue(FeatureFlagState.DISABLED);
	}

	@Test
	void theFirstAnswerOfAFailedRequestIsDisabledAndNotAskedForAgainBeforeATtl() {
		FeatureFlag flag = handReleasedFlag();
		CompletableFuture<FeatureFlagState> firstAnswer = flag.firstAnswer();
		started(flag);
		respond(ClientResponse.create(HttpStatus.SERVICE_UNAVAILABLE).build());
		assertThat(flag.state()).isEqualTo(FeatureFlagState.DISABLED);
		assertThat(firstAnswer).isCompletedWithValue(FeatureFlagState.DISABLED);
		assertThat(flag.isExpired(this.clock.instant().plus(TTL).minusNanos(1))).isFalse();
		assertThat(flag.isExpired(this.clock.instant().plus(TTL))).isTrue();
	}

	@Test
	void requestsWhileOneIsInFlightJoinIt() {
		FeatureFlag flag = handReleasedFlag();
		started(flag);
		CompletableFuture<Boolean> first = flag.refresh();
		CompletableFuture<Boolean> second = flag.refresh();
		flag.refreshIfExpired();
		assertThat(this.pending).hasSize(1);
		assertThat(flag.isFetching()).isTrue();
		respond(ok("true", null));
		assertThat(first).isCompletedWithValue(true);
		assertThat(second).isCompletedWithValue(true);
		assertThat(flag.isFetching()).isFalse();
	}

	@Test
	void aFailedRefreshKeepsTheAnswerAndTheWorkspaceId() {
		FeatureFlag flag = handReleasedFlag();
		flag.refresh();
		respond(ok("true", "42"));
		Instant answeredAt = flag.answeredAt();
		this.clock.advance(TTL);
		assertThat(flag.isExpired(this.clock.instant())).isTrue();
		CompletableFuture<Boolean> refreshed = flag.refresh();
		respond(ClientResponse.create(HttpStatus.INTERNAL_SERVER_ERROR).build());
		assertThat(refreshed).isCompletedWithValue(true);
		assertThat(flag.state()).isEqualTo(FeatureFlagState.ENABLED);
		assertThat(flag.answeredAt()).isEqualTo(answeredAt);
		assertThat(flag.workspaceId()).isEqualTo(42L);
		assertThat(flag.isExpired(this.clock.instant())).isFalse();
	}

	@Test
	void aLaterAnswerReplacesTheValueAndKeepsTheKnownWorkspaceId() {
		FeatureFlag flag = handReleasedFlag();
		flag.refresh();
		respond(ok("true", "42"));
		this.clock.advance(TTL);
		flag.refresh();
		respond(ok("false", null));
		assertThat(flag.state()).isEqualTo(FeatureFlagState.DISABLED);
		assertThat(flag.answeredAt()).isEqualTo(this.clock.instant());
		assertThat(flag.workspaceId()).isEqualTo(42L);
	}

	@Test
	void anUnparsableOrgIdIsIgnored() {
		FeatureFlag flag = handReleasedFlag();
		flag.refresh();
		respond(ok("true", "not-a-number"));
		assertThat(flag.state()).isEqualTo(FeatureFlagState.ENABLED);
		assertThat(flag.workspaceId()).isNull();
	}

	@Test
	void aHugeServerTtlIsCappedAtOneDay() {
		FeatureFlag flag = handReleasedFlag();
		flag.refresh();
		respond(json("{\"flags\":[{\"name\":\"" + FLAG + "\",\"value\":\"true\"}],\"ttl_seconds\":" + Long.MAX_VALUE
				+ "}", null));
		assertThat(flag.isExpired(this.clock.instant().plus(Duration.ofDays(1)).minusNanos(1))).isFalse();
		assertThat(flag.isExpired(this.clock.instant().plus(Duration.ofDays(1)))).isTrue();
	}

	@Test
	void closingCancelsTheRequestInFlightAndAnUnansweredFlagBecomesDisabled() {
		FeatureFlag flag = handReleasedFlag();
		CompletableFuture<Boolean> outcome = flag.refresh();
		flag.close();
		assertThat(this.cancelled).isTrue();
		assertThat(outcome).isCompletedWithValue(false);
		assertThat(flag.state()).isEqualTo(FeatureFlagState.DISABLED);
		assertThat(flag.firstAnswer()).isCompletedWithValue(FeatureFlagState.DISABLED);
	}

	@Test
	void aClosedFlagAsksNoMore() {
		FeatureFlag flag = handReleasedFlag();
		flag.close();
		assertThat(flag.refresh()).isCompletedWithValue(false);
		started(flag);
		flag.refreshIfExpired();
		assertThat(this.pending).isEmpty();
	}

	@Test
	void aFlagFromTheWorkspaceIsNotForcedAndTheForcedGateNeverAsks() {
		assertThat(handReleasedFlag().isForced()).isFalse();
		FeatureFlagGate forced = FeatureFlagGate.FORCED;
		forced.start(Runnable::run);
		assertThat(forced.isForced()).isTrue();
		assertThat(forced.state()).isEqualTo(FeatureFlagState.ENABLED);
		assertThat(forced.firstAnswer()).isCompletedWithValue(FeatureFlagState.ENABLED);
		assertThat(forced.answeredAt()).isNull();
		assertThat(forced.workspaceId()).isNull();
		assertThat(this.pending).isEmpty();
	}

	private void stubFlag(String value) {
		this.server.stubFor(get(FLAG_PATH).willReturn(okJson(flagsBody(value))));
	}

	private int flagRequestCount() {
		return this.server.findAll(getRequestedFor(urlEqualTo(FLAG_PATH))).size();
	}

	private static String flagsBody(String value) {
		return """
				{"flags":[{"name":"%s","value":"%s"}],"ttl_seconds":900}""".formatted(FLAG, value);
	}

	private static void awaitState(FeatureFlag flag, FeatureFlagState expected) {
		await().atMost(WAIT).until(flag::state, (state) -> state == expected);
	}

	private void respond(ClientResponse response) {
		Sinks.One<ClientResponse> sink = this.pending.poll();
		assertThat(sink).as("a request in flight").isNotNull();
		sink.tryEmitValue(response);
	}

	private static ClientResponse ok(String value, @Nullable String orgId) {
		return json("{\"flags\":[{\"name\":\"" + FLAG + "\",\"value\":\"" + value + "\"}]}", orgId);
	}

	private static ClientResponse json(String body, @Nullable String orgId) {
		ClientResponse.Builder builder = ClientResponse.create(HttpStatus.OK)
			.header("Content-Type", "application/json")
			.body(body);
		if (orgId != null) {
			builder.header(FeatureFlagFetcher.ORG_ID_HEADER, orgId);
		}
		return builder.build();
	}

}
