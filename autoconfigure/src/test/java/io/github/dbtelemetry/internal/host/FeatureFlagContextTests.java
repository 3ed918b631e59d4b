package io.github.dbtelemetry.internal.host;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Sinks;

import org.springframework.http.HttpStatus;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.dbtelemetry.internal.host.FeatureFlagGate.State;
import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.internal.export.TelemetryHttpClient;
import io.github.dbtelemetry.support.MutableClock;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link FeatureFlagContext} state transitions, driven by a WebClient whose responses the test
 * releases by hand, so that "in flight" is a state and not a race.
 */
class FeatureFlagContextTests {

	private static final Duration TTL = Duration.ofMinutes(15);

	private static final String FLAG = FeatureFlagSettings.DEFAULT_FLAG_NAME;

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));

	private final ConcurrentLinkedQueue<Sinks.One<ClientResponse>> pending = new ConcurrentLinkedQueue<>();

	private final AtomicBoolean cancelled = new AtomicBoolean();

	private final TelemetryHttpClient http = TelemetryHttpClient.of(WebClient.builder().exchangeFunction((request) -> {
		Sinks.One<ClientResponse> response = Sinks.one();
		this.pending.add(response);
		return response.asMono().doOnCancel(() -> this.cancelled.set(true));
	}).build(), Duration.ofSeconds(2), Duration.ofSeconds(5));

	private final FeatureFlagFetcher fetcher = new FeatureFlagFetcher(this.http, JsonMapper.builder().build(),
			FeatureFlagSettings.defaults("1.2.3"), false);

	@AfterEach
	void closeHttpClient() {
		this.http.close();
	}

	private final FeatureFlagContext context = new FeatureFlagContext("host1.databricks.com",
			URI.create("https://host1.databricks.com"), TokenSource.NONE);

	@Test
	void unknownUntilTheFirstAnswerArrives() {
		CompletableFuture<State> firstAnswer = this.context.firstAnswer();
		this.context.startFirstFetch(this.fetcher, this.clock, TTL);
		assertThat(this.context.state()).isEqualTo(State.UNKNOWN);
		assertThat(firstAnswer).isNotDone();
		respond(ok("true", null));
		assertThat(this.context.state()).isEqualTo(State.ENABLED);
		assertThat(firstAnswer).isCompletedWithValue(State.ENABLED);
		assertThat(this.context.getFetchedAt()).isEqualTo(this.clock.instant());
		assertThat(this.context.getExpiresAt()).isEqualTo(this.clock.instant().plus(TTL));
	}

	@Test
	void firstAnswerOfAFailedFetchIsDisabled() {
		CompletableFuture<State> firstAnswer = this.context.firstAnswer();
		this.context.startFirstFetch(this.fetcher, this.clock, TTL);
		respond(ClientResponse.create(HttpStatus.SERVICE_UNAVAILABLE).build());
		assertThat(this.context.state()).isEqualTo(State.DISABLED);
		assertThat(firstAnswer).isCompletedWithValue(State.DISABLED);
		assertThat(this.context.getExpiresAt()).isEqualTo(this.clock.instant().plus(TTL));
	}

	@Test
	void startFirstFetchStartsOnlyOnce() {
		this.context.startFirstFetch(this.fetcher, this.clock, TTL);
		this.context.startFirstFetch(this.fetcher, this.clock, TTL);
		respond(ok("true", null));
		this.context.startFirstFetch(this.fetcher, this.clock, TTL);
		assertThat(this.pending).isEmpty();
	}

	@Test
	void concurrentRefreshesJoinTheFetchInFlight() {
		CompletableFuture<Boolean> first = this.context.refresh(this.fetcher, this.clock, TTL);
		CompletableFuture<Boolean> second = this.context.refresh(this.fetcher, this.clock, TTL);
		assertThat(this.pending).hasSize(1);
		assertThat(this.context.isFetching()).isTrue();
		respond(ok("true", null));
		assertThat(first).isCompletedWithValue(true);
		assertThat(second).isCompletedWithValue(true);
		assertThat(this.context.isFetching()).isFalse();
	}

	@Test
	void failedRefreshKeepsValueAndWorkspaceId() {
		this.context.refresh(this.fetcher, this.clock, TTL);
		respond(ok("true", "42"));
		Instant fetchedAt = this.context.getFetchedAt();
		this.clock.advance(TTL);
		assertThat(this.context.isExpired(this.clock.instant())).isTrue();
		CompletableFuture<Boolean> refreshed = this.context.refresh(this.fetcher, this.clock, TTL);
		respond(ClientResponse.create(HttpStatus.INTERNAL_SERVER_ERROR).build());
		assertThat(refreshed).isCompletedWithValue(true);
		assertThat(this.context.state()).isEqualTo(State.ENABLED);
		assertThat(this.context.getFetchedAt()).isEqualTo(fetchedAt);
		assertThat(this.context.getWorkspaceId()).isEqualTo(42L);
		assertThat(this.context.isExpired(this.clock.instant())).isFalse();
	}

	@Test
	void laterAnswerReplacesValueAndKeepsKnownWorkspaceId() {
		this.context.refresh(this.fetcher, this.clock, TTL);
		respond(ok("true", "42"));
		this.clock.advance(TTL);
		this.context.refresh(this.fetcher, this.clock, TTL);
		respond(ok("false", null));
		assertThat(this.context.state()).isEqualTo(State.DISABLED);
		assertThat(this.context.getLastKnownValue()).contains(false);
		assertThat(this.context.getWorkspaceId()).isEqualTo(42L);
	}

	@Test
	void unparsableOrgIdIsIgnored() {
		this.context.refresh(this.fetcher, this.clock, TTL);
		respond(ok("true", "not-a-number"));
		assertThat(this.context.state()).isEqualTo(State.ENABLED);
		assertThat(this.context.getWorkspaceId()).isNull();
	}

	@Test
	void aHugeServerTtlIsCappedAtOneDay() {
		this.context.refresh(this.fetcher, this.clock, TTL);
		respond(json("{\"flags\":[{\"name\":\"" + FLAG + "\",\"value\":\"true\"}],\"ttl_seconds\":"
				+ Long.MAX_VALUE + "}", null));
		assertThat(this.context.getExpiresAt()).isEqualTo(this.clock.instant().plus(Duration.ofDays(1)));
	}

	@Test
	void closeCancelsTheFetchInFlight() {
		CompletableFuture<Boolean> outcome = this.context.refresh(this.fetcher, this.clock, TTL);
		this.context.close();
		assertThat(this.cancelled).isTrue();
		assertThat(outcome).isCompletedWithValue(false);
		assertThat(this.context.state()).isEqualTo(State.DISABLED);
		assertThat(this.context.firstAnswer()).isCompletedWithValue(State.DISABLED);
	}

	@Test
	void refreshAfterCloseDoesNotFetch() {
		this.context.close();
		assertThat(this.context.refresh(this.fetcher, this.clock, TTL)).isCompletedWithValue(false);
		assertThat(this.pending).isEmpty();
	}

	private void respond(ClientResponse response) {
		Sinks.One<ClientResponse> sink = this.pending.poll();
		assertThat(sink).as("a request in flight").isNotNull();
		sink.tryEmitValue(response);
	}

	private static ClientResponse ok(String value, String orgId) {
		return json("{\"flags\":[{\"name\":\"" + FLAG + "\",\"value\":\"" + value + "\"}]}", orgId);
	}

	private static ClientResponse json(String body, String orgId) {
		ClientResponse.Builder builder = ClientResponse.create(HttpStatus.OK)
			.header("Content-Type", "application/json")
			.body(body);
		if (orgId != null) {
			builder.header(FeatureFlagFetcher.ORG_ID_HEADER, orgId);
		}
		return builder.build();
	}

}
