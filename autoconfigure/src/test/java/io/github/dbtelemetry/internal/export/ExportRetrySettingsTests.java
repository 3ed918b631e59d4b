package io.github.dbtelemetry.internal.export;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ExportRetrySettingsTests {

	private static final Duration MS_100 = Duration.ofMillis(100);

	@Test
	void defaultsRetryThreeTimesWithTheDocumentedDelaysAndTimeouts() {
		ExportRetrySettings settings = ExportRetrySettings.defaults();
		assertThat(settings.maxRetries()).isEqualTo(3);
		assertThat(settings.retryDelay()).isEqualTo(MS_100);
		assertThat(settings.retryMaxDelay()).isEqualTo(Duration.ofSeconds(10));
		assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.responseTimeout()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void theLongestAttemptIsConnectingAndWaitingForTheResponse() {
		assertThat(ExportRetrySettings.defaults().attemptTimeout()).isEqualTo(Duration.ofSeconds(15));
		assertThat(new ExportRetrySettings(0, MS_100, MS_100, MS_100, MS_100).attemptTimeout())
			.isEqualTo(Duration.ofMillis(200));
	}

}
