package io.github.dbtelemetry.internal.export;

import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;

import javax.net.ssl.SSLContext;

import org.junit.jupiter.api.Test;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.ssl.SslBundle;

import io.github.dbtelemetry.support.SelfSignedTls;

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

	private static List<String> starterThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.map(Thread::getName)
			.filter((name) -> name.startsWith(TelemetryHttpClient.HTTP_THREAD_PREFIX)
					|| name.startsWith(TelemetryHttpClient.TIMER_THREAD_PREFIX))
			.toList();
	}

}
