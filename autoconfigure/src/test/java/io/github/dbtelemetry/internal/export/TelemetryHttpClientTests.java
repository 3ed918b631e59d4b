package io.github.dbtelemetry.internal.export;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import javax.net.ssl.SSLContext;

import com.github.tomakehurst.wiremock.WireMockServer;
import org.junit.jupiter.api.Test;
import reactor.core.publisher.Mono;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.ssl.SslBundle;

import io.github.dbtelemetry.support.SelfSignedTls;

import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class TelemetryHttpClientTests {

	@Test
	void theConnectTimeoutIsTheStartersAndRedirectsAreNeverFollowed() {
		HttpClientSettings application = HttpClientSettings.defaults()
			.withRedirects(HttpRedirects.FOLLOW)
			.withConnectTimeout(Duration.ofMinutes(3));
		try (TelemetryHttpClient http = TelemetryHttpClient.create(application, Duration.ofMillis(1234),
				Duration.ofSeconds(5))) {
			HttpClient client = http.httpClient();
			assertThat(client.connectTimeout()).contains(Duration.ofMillis(1234));
			assertThat(client.followRedirects()).isEqualTo(HttpClient.Redirect.NEVER);
			assertThat(http.requestTimeout()).isEqualTo(Duration.ofMillis(6234));
		}
	}

	@Test
	void theApplicationsSslBundleIsUsed() throws Exception {
		SslBundle bundle = SelfSignedTls.trustingBundle();
		try (TelemetryHttpClient http = TelemetryHttpClient.create(HttpClientSettings.ofSslBundle(bundle),
				Duration.ofSeconds(1), Duration.ofSeconds(1))) {
			assertThat(http.httpClient().sslContext()).isNotSameAs(SSLContext.getDefault());
		}
	}

	@Test
	void closingStopsItsThreadsAndIsIdempotent() {
		TelemetryHttpClient http = TelemetryHttpClient.create(null, Duration.ofSeconds(1), Duration.ofSeconds(1));
		http.timer().schedule(() -> {
		});
		http.close();
		http.close();
		assertThat(http.isClosed()).isTrue();
		assertThat(http.timer().isDisposed()).isTrue();
		await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(starterThreads()).isEmpty());
	}

	@Test
	void responsesCompleteOnTheStartersOwnThreadsNeverOnTheCommonPoolOrANewThreadPerRequest() {
		// The JDK's sendAsync hands each response to CompletableFuture's default executor: the
		// application's common pool, or a new thread per request on two CPUs or fewer.
		WireMockServer server = new WireMockServer(options().dynamicPort());
		server.start();
		server.stubFor(post("/telemetry-ext").willReturn(okJson("{}")));
		try (TelemetryHttpClient http = TelemetryHttpClient.create(null, Duration.ofSeconds(2), Duration.ofSeconds(5))) {
			List<String> completedOn = new ArrayList<>();
			for (int i = 0; i < 3; i++) {
				completedOn.add(http.webClient()
					.post()
					.uri(server.baseUrl() + "/telemetry-ext")
					.bodyValue("{}")
					.exchangeToMono((response) -> Mono.just(Thread.currentThread().getName()))
					.block(Duration.ofSeconds(10)));
			}
			// A response that is already there when Reactor subscribes completes on the caller.
			String caller = Thread.currentThread().getName();
			assertThat(completedOn).allSatisfy((thread) -> assertThat(
					thread.startsWith(TelemetryHttpClient.SENDER_THREAD_PREFIX) || thread.equals(caller))
				.as("completed on %s", thread)
				.isTrue());
		}
		finally {
			server.stop();
		}
	}

	@Test
	void cancellingARequestAbortsTheSendWaitingForItsResponse() {
		WireMockServer server = new WireMockServer(options().dynamicPort());
		server.start();
		server.stubFor(post("/telemetry-ext").willReturn(okJson("{}").withFixedDelay(60_000)));
		try (TelemetryHttpClient http = TelemetryHttpClient.create(null, Duration.ofSeconds(2), Duration.ofSeconds(90))) {
			CompletableFuture<String> request = http.start(http.webClient()
				.post()
				.uri(server.baseUrl() + "/telemetry-ext")
				.bodyValue("{}")
				.exchangeToMono((response) -> Mono.just("answered")));
			await().atMost(Duration.ofSeconds(10)).until(() -> http.sendsWaiting() == 1);

			request.cancel(true);

			// The sender is free again long before the server would have answered.
			await().atMost(Duration.ofSeconds(10)).until(() -> http.sendsWaiting() == 0);
		}
		finally {
			server.stop();
		}
	}

	private static List<String> starterThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.map(Thread::getName)
			.filter((name) -> name.startsWith(TelemetryHttpClient.HTTP_THREAD_PREFIX)
					|| name.startsWith(TelemetryHttpClient.SENDER_THREAD_PREFIX)
					|| name.startsWith(TelemetryHttpClient.TIMER_THREAD_PREFIX))
			.toList();
	}

}
