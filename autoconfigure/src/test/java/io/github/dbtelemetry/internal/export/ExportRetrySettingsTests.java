package io.github.dbtelemetry.internal.export;

import java.time.Duration;
import java.util.stream.Stream;

import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

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
	void theLongestAttemptAndTheLongestExportFollowFromTheSettings() {
		ExportRetrySettings settings = ExportRetrySettings.defaults();
		assertThat(settings.attemptTimeout()).isEqualTo(Duration.ofSeconds(15));
		// 4 attempts of 15 s and 3 waits of at most 10 s.
		assertThat(settings.maxExportDuration()).isEqualTo(Duration.ofSeconds(90));
	}

	@Test
	void zeroRetriesIsAllowed() {
		assertThat(new ExportRetrySettings(0, MS_100, MS_100, MS_100, MS_100).maxExportDuration())
			.isEqualTo(Duration.ofMillis(200));
	}

	static Stream<Arguments> settingsOutOfRange() {
		return Stream.of(
				invalid("retries below zero", () -> new ExportRetrySettings(-1, MS_100, MS_100, MS_100, MS_100)),
				invalid("retries above the limit",
						() -> new ExportRetrySettings(ExportRetrySettings.MAX_RETRIES_LIMIT + 1, MS_100, MS_100, MS_100,
								MS_100)),
				invalid("no retry delay", () -> new ExportRetrySettings(3, null, MS_100, MS_100, MS_100)),
				invalid("a zero retry delay", () -> new ExportRetrySettings(3, Duration.ZERO, MS_100, MS_100, MS_100)),
				invalid("a negative connect timeout",
						() -> new ExportRetrySettings(3, MS_100, MS_100, Duration.ofMillis(-1), MS_100)),
				invalid("a zero response timeout",
						() -> new ExportRetrySettings(3, MS_100, MS_100, MS_100, Duration.ZERO)));
	}

	private static Arguments invalid(String what, ThrowingCallable settings) {
		return Arguments.of(Named.of(what, settings));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("settingsOutOfRange")
	void rejectsRetriesOutOfRangeAndDurationsThatAreMissingZeroOrNegative(ThrowingCallable settings) {
		assertThatIllegalArgumentException().isThrownBy(settings);
	}

	@Test
	void rejectsMaxDelayShorterThanDelay() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new ExportRetrySettings(3, Duration.ofSeconds(1), MS_100, MS_100, MS_100))
			.withMessageContaining("retryMaxDelay");
	}

}
