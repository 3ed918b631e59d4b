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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;


import io.github.dbtelemetry.internal.host.FeatureFlagGate.State;
import org.springframework.boot.http.client.HttpClientSettings;

import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.internal.export.TelemetryHttpClient;
import io.github.dbtelemetry.support.SelfSignedTls;
import io.github.dbtelemetry.support.MutableClock;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.absent;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.serverError;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link FeatureFlagCache} against a WireMock workspace; the protocol's caching and
 * failure rules.
 */
class FeatureFlagCacheTests {

	// One server per test: a fetch still in flight when a test ends must not land in the next
	// test's request journal.
	@RegisterExtension
	WireMockExtension server = WireMockExtension.newInstance()
		.options(SelfSignedTls.serverOptions())
		.build();

	private static final String HOST = "host1.databricks.com";

	private static final String FLAG_PATH = "/api/2.0/connector-service/feature-flags/OSS_JDBC/1.2.3";

	private static final String FLAG = FeatureFlagSettings.DEFAULT_FLAG_NAME;

	private static final TokenSource TOKEN = () -> Optional.of("dapi-secret-token");

	private static final Duration WAIT = Duration.ofSeconds(10);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final List<FeatureFlagCache> caches = new ArrayList<>();

	private final List<TelemetryHttpClient> clients = new ArrayList<>();

	private FeatureFlagCache cache;

	private URI baseUrl;

	@BeforeEach
	void setUp() {
		this.baseUrl = URI.create(server.getRuntimeInfo().getHttpBaseUrl());
		this.cache = newCache(FeatureFlagSettings.defaults("1.2.3"), false, http());
	}

	@AfterEach
	void closeCaches() {
		this.caches.forEach(FeatureFlagCache::close);
		this.clients.forEach(TelemetryHttpClient::close);
	}


	@Test
	void getOrCreateContextNewHostCreatesContextWithRefCountOne() {
		stubFlag("true");
		FeatureFlagContext context = this.cache.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		assertThat(context.getHost()).isEqualTo(HOST);
		assertThat(context.getRefCount()).isEqualTo(1);
		assertThat(this.cache.getContext(HOST)).containsSame(context);
	}

	@Test
	void getOrCreateContextExistingHostIncrementsRefCount() {
		stubFlag("true");
		FeatureFlagContext first = this.cache.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		FeatureFlagContext second = this.cache.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		assertThat(second).isSameAs(first);
		assertThat(first.getRefCount()).isEqualTo(2);
		awaitState(first, State.ENABLED);
		server.verify(1, getRequestedFor(urlEqualTo(FLAG_PATH)));
	}

	@Test
	void releaseContextLastReferenceRemovesContext() {
		stubFlag("true");
		FeatureFlagContext context = this.cache.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		this.cache.releaseContext(HOST);
		assertThat(context.getRefCount()).isZero();
		assertThat(this.cache.getContext(HOST)).isEmpty();
	}

	@Test
	void releaseContextMultipleReferencesDecrementsOnly() {
		stubFlag("true");
		FeatureFlagContext context = this.cache.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		this.cache.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		this.cache.releaseContext(HOST);
		assertThat(context.getRefCount()).isEqualTo(1);
		assertThat(this.cache.getContext(HOST)).containsSame(context);
	}

	@Test
	void releaseContextUnknownHostIsIgnored() {
		this.cache.releaseContext("unknown.databricks.com");
		this.cache.releaseContext(null);
		assertThat(this.cache.getContext("unknown.databricks.com")).isEmpty();
	}

	@Test
	void isTelemetryEnabledCachedValueDoesNotFetch() {
		stubFlag("true");
		FeatureFlagContext context = this.cache.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		awaitState(context, State.ENABLED);
		assertThat(this.cache.isTelemetryEnabled(HOST)).isCompletedWithValue(true);
		assertThat(this.cache.isTelemetryEnabled(HOST)).isCompletedWithValue(true);
		server.verify(1, getRequestedFor(urlEqualTo(FLAG_PATH)));
	}

	@Test
	void isTelemetryEnabledExpiredCacheRefetchesValue() {
		stubFlag("true");
		FeatureFlagContext context = this.cache.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		awaitState(context, State.ENABLED);
		stubFlag("false");
		this.clock.advance(Duration.ofMinutes(15).plusSeconds(1));
		assertThat(this.cache.isTelemetryEnabled(HOST)).succeedsWithin(WAIT).isEqualTo(false);
		server.verify(2, getRequestedFor(urlEqualTo(FLAG_PATH)));
		assertThat(context.state()).isEqualTo(State.DISABLED);
		assertThat(context.getFetchedAt()).isEqualTo(this.clock.instant());
	}

	@Test
	void refreshExpiredRefetchesExpiredHostsOnly() {
		stubFlag("true");
		FeatureFlagContext context = this.cache.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		awaitState(context, State.ENABLED);
		this.clock.advance(Duration.ofMinutes(14));
		this.cache.refreshExpired();
		server.verify(1, getRequestedFor(urlEqualTo(FLAG_PATH)));
		stubFlag("false");
		this.clock.advance(Duration.ofMinutes(1));
		this.cache.refreshExpired();
		awaitState(context, State.DISABLED);
		server.verify(2, getRequestedFor(urlEqualTo(FLAG_PATH)));
	}

	@Test
	void isTelemetryEnabledUnknownHostIsFalseWithoutFetching() {
		assertThat(this.cache.isTelemetryEnabled("unknown.databricks.com")).isCompletedWithValue(false);
		assertThat(this.cache.isTelemetryEnabled(null)).isCompletedWithValue(false);
		server.verify(0, getRequestedFor(urlEqualTo(FLAG_PATH)));
	}

	@Test
	void isTelemetryEnabledDuringFirstFetchWaitsForIt() {
		server.stubFor(get(FLAG_PATH).willReturn(okJson(flagsBody("true")).withFixedDelay(500)));
		this.cache.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		assertThat(this.cache.isTelemetryEnabled(HOST)).succeedsWithin(WAIT).isEqualTo(true);
		server.verify(1, getRequestedFor(urlEqualTo(FLAG_PATH)));
	}

	// Server TTL

	@ParameterizedTest
	@ValueSource(strings = { "ttl_seconds", "ttlSeconds" })
	void serverTtlOverridesCacheTtl(String ttlField) {
		server.stubFor(get(FLAG_PATH).willReturn(okJson("""
				{"flags":[{"name":"%s","value":"true"}],"%s":60}""".formatted(FLAG, ttlField))));
		FeatureFlagContext context = this.cache.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		awaitState(context, State.ENABLED);
		assertThat(context.getExpiresAt()).isEqualTo(context.getFetchedAt().plusSeconds(60));
		this.clock.advance(Duration.ofSeconds(59));
		this.cache.refreshExpired();
		server.verify(1, getRequestedFor(urlEqualTo(FLAG_PATH)));
		this.clock.advance(Duration.ofSeconds(1));
		assertThat(this.cache.isTelemetryEnabled(HOST)).succeedsWithin(WAIT).isEqualTo(true);
		server.verify(2, getRequestedFor(urlEqualTo(FLAG_PATH)));
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "0 | PT15M", "-5 | PT15M", "'\"soon\"' | PT15M", "86401 | PT24H",
			"31536000000 | PT24H", "9223372036854775807 | PT24H" })
	void anUnusableServerTtlFallsBackToTheCacheTtlAndOneBeyondADayIsCapped(String ttl, Duration expected) {
		server.stubFor(get(FLAG_PATH).willReturn(okJson("""
				{"flags":[{"name":"%s","value":"true"}],"ttl_seconds":%s}""".formatted(FLAG, ttl))));
		FeatureFlagContext context = this.cache.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		awaitState(context, State.ENABLED);
		assertThat(context.getExpiresAt()).isEqualTo(context.getFetchedAt().plus(expected));
	}

	@Test
	void aRedirectIsNotFollowedAndCountsAsAFailedFetch() {
		server.stubFor(get(FLAG_PATH).willReturn(aResponse().withStatus(302)
			.withHeader("Location", server.getRuntimeInfo().getHttpBaseUrl() + "/elsewhere")));
		server.stubFor(get("/elsewhere").willReturn(okJson(flagsBody("true"))));
		FeatureFlagContext context = this.cache.getOrCreateContext(HOST, this.baseUrl, TOKEN);
		awaitState(context, State.DISABLED);
		server.verify(0, getRequestedFor(urlEqualTo("/elsewhere")));
	}

	// Failures

	@Test
	void failedRefreshKeepsLastKnownValue() {
		stubFlag("true");
		FeatureFlagContext context = this.cache.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		awaitState(context, State.ENABLED);
		Instant firstFetch = context.getFetchedAt();
		server.stubFor(get(FLAG_PATH).willReturn(serverError()));
		this.clock.advance(Duration.ofMinutes(16));
		assertThat(this.cache.isTelemetryEnabled(HOST)).succeedsWithin(WAIT).isEqualTo(true);
		server.verify(2, getRequestedFor(urlEqualTo(FLAG_PATH)));
		assertThat(context.state()).isEqualTo(State.ENABLED);
		assertThat(context.getFetchedAt()).isEqualTo(firstFetch);
	}

	@Test
	void failedRefreshIsNotRetriedOnEveryLookup() {
		stubFlag("true");
		FeatureFlagContext context = this.cache.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		awaitState(context, State.ENABLED);
		server.stubFor(get(FLAG_PATH).willReturn(serverError()));
		this.clock.advance(Duration.ofMinutes(16));
		assertThat(this.cache.isTelemetryEnabled(HOST)).succeedsWithin(WAIT).isEqualTo(true);
		assertThat(this.cache.isTelemetryEnabled(HOST)).isCompletedWithValue(true);
		this.cache.refreshExpired();
		server.verify(2, getRequestedFor(urlEqualTo(FLAG_PATH)));
	}

	@Test
	void failedFirstFetchMeansDisabled() {
		server.stubFor(get(FLAG_PATH).willReturn(serverError()));
		FeatureFlagContext context = this.cache.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		awaitState(context, State.DISABLED);
		assertThat(context.getLastKnownValue()).isEmpty();
		assertThat(context.getFetchedAt()).isNull();
		assertThat(this.cache.isTelemetryEnabled(HOST)).isCompletedWithValue(false);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{not json", "[]", "\"true\"", "" })
	void malformedResponseCountsAsNoAnswer(String body) {
		server.stubFor(get(FLAG_PATH).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody(body)));
		FeatureFlagContext context = this.cache.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		awaitState(context, State.DISABLED);
		assertThat(context.getLastKnownValue()).isEmpty();
	}

	@Test
	void unreachableHostMeansDisabled() throws IOException {
		URI closedPort;
		try (ServerSocket socket = new ServerSocket(0)) {
			closedPort = URI.create("http://127.0.0.1:" + socket.getLocalPort());
		}
		FeatureFlagContext context = this.cache.getOrCreateContext(HOST, closedPort, TOKEN);
		awaitState(context, State.DISABLED);
		assertThat(context.firstAnswer()).succeedsWithin(WAIT).isEqualTo(State.DISABLED);
		assertThat(this.cache.isTelemetryEnabled(HOST)).isCompletedWithValue(false);
	}

	@Test
	void fetchTimeoutMeansDisabled() {
		FeatureFlagCache impatient = newCache(
				new FeatureFlagSettings(null, "1.2.3", null, null, Duration.ofMillis(200)), false, http());
		server.stubFor(get(FLAG_PATH).willReturn(okJson(flagsBody("true")).withFixedDelay(3000)));
		FeatureFlagContext context = impatient.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		awaitState(context, State.DISABLED);
		assertThat(context.getLastKnownValue()).isEmpty();
	}

	// Flag values

	@ParameterizedTest
	@ValueSource(strings = { "\"true\"", "\"TRUE\"", "\" true \"", "\"True\"", "true" })
	void trueValuesEnable(String value) {
		server.stubFor(get(FLAG_PATH).willReturn(okJson("""
				{"flags":[{"name":"other","value":"false"},{"name":"%s","value":%s}]}""".formatted(FLAG, value))));
		FeatureFlagContext context = this.cache.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		awaitState(context, State.ENABLED);
	}

	@ParameterizedTest
	@ValueSource(strings = { "\"false\"", "\"1\"", "\"yes\"", "\"\"", "null", "false" })
	void otherValuesDisable(String value) {
		server.stubFor(get(FLAG_PATH).willReturn(okJson("""
				{"flags":[{"name":"%s","value":%s}]}""".formatted(FLAG, value))));
		FeatureFlagContext context = this.cache.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		awaitState(context, State.DISABLED);
		assertThat(context.getLastKnownValue()).contains(false);
	}

	@ParameterizedTest
	@ValueSource(strings = { "{\"flags\":[{\"name\":\"other\",\"value\":\"true\"}]}", "{\"flags\":[]}", "{}" })
	void missingFlagMeansDisabled(String body) {
		server.stubFor(get(FLAG_PATH).willReturn(okJson(body)));
		FeatureFlagContext context = this.cache.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		awaitState(context, State.DISABLED);
		assertThat(context.getLastKnownValue()).contains(false);
		assertThat(context.getFetchedAt()).isNotNull();
	}

	// Request

	@Test
	void tokenIsSentOverHttpsWithAcceptHeader() {
		// The trust comes the way an application's would: an SSL bundle in its HTTP client settings.
		TelemetryHttpClient trusting = TelemetryHttpClient.create(HttpClientSettings.ofSslBundle(SelfSignedTls.trustingBundle()),
				Duration.ofSeconds(2), Duration.ofSeconds(5));
		this.clients.add(trusting);
		FeatureFlagCache secure = newCache(FeatureFlagSettings.defaults("1.2.3"), false, trusting);
		stubFlag("true");
		URI httpsBaseUrl = URI.create(server.getRuntimeInfo().getHttpsBaseUrl());
		FeatureFlagContext context = secure.getOrCreateContext(HOST, httpsBaseUrl, TOKEN);
		awaitState(context, State.ENABLED);
		server.verify(1, getRequestedFor(urlEqualTo(FLAG_PATH))
			.withHeader("Authorization", equalTo("Bearer dapi-secret-token"))
			.withHeader("Accept", equalTo("application/json")));
	}

	@Test
	void tokenIsSentOverHttpWhenInsecureIsAllowed() {
		FeatureFlagCache insecure = newCache(FeatureFlagSettings.defaults("1.2.3"), true, http());
		stubFlag("true");
		FeatureFlagContext context = insecure.getOrCreateContext(HOST, this.baseUrl, TOKEN);
		awaitState(context, State.ENABLED);
		server.verify(1, getRequestedFor(urlEqualTo(FLAG_PATH))
			.withHeader("Authorization", equalTo("Bearer dapi-secret-token")));
	}

	@Test
	void tokenIsNotSentOverHttpByDefault() {
		stubFlag("true");
		FeatureFlagContext context = this.cache.getOrCreateContext(HOST, this.baseUrl, TOKEN);
		awaitState(context, State.ENABLED);
		server.verify(1, getRequestedFor(urlEqualTo(FLAG_PATH)).withHeader("Authorization", absent()));
	}

	@Test
	void noAuthorizationHeaderWithoutCredentials() {
		FeatureFlagCache insecure = newCache(FeatureFlagSettings.defaults("1.2.3"), true, http());
		stubFlag("true");
		FeatureFlagContext context = insecure.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		awaitState(context, State.ENABLED);
		server.verify(1, getRequestedFor(urlEqualTo(FLAG_PATH)).withHeader("Authorization", absent()));
	}

	@Test
	void throwingCredentialsMeanDisabled() {
		FeatureFlagCache insecure = newCache(FeatureFlagSettings.defaults("1.2.3"), true, http());
		TokenSource broken = () -> {
			throw new IllegalStateException("token refresh failed");
		};
		FeatureFlagContext context = insecure.getOrCreateContext(HOST, this.baseUrl, broken);
		assertThat(context.state()).isEqualTo(State.DISABLED);
		server.verify(0, getRequestedFor(urlEqualTo(FLAG_PATH)));
	}

	@Test
	void pathUsesConfiguredDriverAndToleratesTrailingSlash() {
		FeatureFlagCache custom = newCache(new FeatureFlagSettings("ADBC", "1.0.0-beta", null, null, null), false,
				http());
		String path = "/api/2.0/connector-service/feature-flags/ADBC/1.0.0-beta";
		server.stubFor(get(path).willReturn(okJson(flagsBody("true"))));
		FeatureFlagContext context = custom.getOrCreateContext(HOST, URI.create(server.getRuntimeInfo().getHttpBaseUrl() + "/"),
				TokenSource.NONE);
		awaitState(context, State.ENABLED);
		server.verify(1, getRequestedFor(urlEqualTo(path)));
	}

	@Test
	void workspaceIdIsTakenFromOrgIdHeader() {
		server.stubFor(get(FLAG_PATH)
			.willReturn(okJson(flagsBody("true")).withHeader("x-databricks-org-id", "1234567890123456")));
		FeatureFlagContext context = this.cache.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		awaitState(context, State.ENABLED);
		assertThat(context.getWorkspaceId()).isEqualTo(1234567890123456L);
	}

	@Test
	void workspaceIdIsNullWithoutOrgIdHeader() {
		stubFlag("true");
		FeatureFlagContext context = this.cache.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		awaitState(context, State.ENABLED);
		assertThat(context.getWorkspaceId()).isNull();
	}

	// Concurrency and first answer

	@Test
	void concurrentGetOrCreateGivesOneContextAndOneRequest() throws Exception {
		stubFlag("true");
		int threads = 10;
		ExecutorService executor = Executors.newFixedThreadPool(threads);
		try {
			CountDownLatch start = new CountDownLatch(1);
			List<Future<FeatureFlagContext>> results = new ArrayList<>();
			for (int i = 0; i < threads; i++) {
				results.add(executor.submit(() -> {
					start.await();
					return this.cache.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
				}));
			}
			start.countDown();
			FeatureFlagContext context = results.get(0).get(10, TimeUnit.SECONDS);
			for (Future<FeatureFlagContext> result : results) {
				assertThat(result.get(10, TimeUnit.SECONDS)).isSameAs(context);
			}
			assertThat(context.getRefCount()).isEqualTo(threads);
			awaitState(context, State.ENABLED);
			server.verify(1, getRequestedFor(urlEqualTo(FLAG_PATH)));
		}
		finally {
			executor.shutdownNow();
		}
	}

	@Test
	void stateIsUnknownWhileFirstFetchIsInFlight() {
		server.stubFor(get(FLAG_PATH).willReturn(okJson(flagsBody("true")).withFixedDelay(1000)));
		FeatureFlagContext context = this.cache.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		assertThat(context.state()).isEqualTo(State.UNKNOWN);
		CompletableFuture<State> firstAnswer = context.firstAnswer();
		assertThat(firstAnswer).isNotDone();
		awaitState(context, State.ENABLED);
		assertThat(firstAnswer).succeedsWithin(WAIT).isEqualTo(State.ENABLED);
	}

	@Test
	void closeCancelsFirstFetchAndLaterContextsAreDisabled() {
		server.stubFor(get(FLAG_PATH).willReturn(okJson(flagsBody("true")).withFixedDelay(3000)));
		FeatureFlagContext context = this.cache.getOrCreateContext(HOST, this.baseUrl, TokenSource.NONE);
		this.cache.close();
		assertThat(context.state()).isEqualTo(State.DISABLED);
		assertThat(this.cache.getContext(HOST)).isEmpty();
		FeatureFlagContext late = this.cache.getOrCreateContext("host2.databricks.com", this.baseUrl,
				TokenSource.NONE);
		assertThat(late.state()).isEqualTo(State.DISABLED);
		assertThat(this.cache.isTelemetryEnabled("host2.databricks.com")).isCompletedWithValue(false);
	}

	private TelemetryHttpClient http() {
		TelemetryHttpClient created = TelemetryHttpClient.create(null, Duration.ofSeconds(2), Duration.ofSeconds(5));
		this.clients.add(created);
		return created;
	}

	private FeatureFlagCache newCache(FeatureFlagSettings settings, boolean allowInsecure, TelemetryHttpClient http) {
		FeatureFlagCache created = new FeatureFlagCache(http, settings, allowInsecure, this.clock);
		this.caches.add(created);
		return created;
	}

	private void stubFlag(String value) {
		server.stubFor(get(FLAG_PATH).willReturn(okJson(flagsBody(value))));
	}

	private static String flagsBody(String value) {
		return """
				{"flags":[{"name":"%s","value":"%s"}],"ttl_seconds":900}""".formatted(FLAG, value);
	}

	private static void awaitState(FeatureFlagContext context, State expected) {
		await().atMost(WAIT).until(context::state, (state) -> state == expected);
	}

}
