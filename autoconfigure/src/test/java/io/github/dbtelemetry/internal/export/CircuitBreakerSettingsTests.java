package io.github.dbtelemetry.internal.export;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CircuitBreakerSettingsTests {

	@Test
	void defaultsOpenAfterFiveFailuresForAMinuteAndCloseAfterOneSuccess() {
		CircuitBreakerSettings settings = CircuitBreakerSettings.defaults();
		assertThat(settings.enabled()).isTrue();
		assertThat(settings.failureThreshold()).isEqualTo(5);
		assertThat(settings.openDuration()).isEqualTo(Duration.ofMinutes(1));
		assertThat(settings.successThreshold()).isEqualTo(1);
	}

	@ParameterizedTest(name = "failure threshold {0}, open for {1}, success threshold {2}")
	@CsvSource({ "0, PT1M, 1", "5, PT1M, 0", "5, , 1", "5, PT0S, 1", "5, PT-1S, 1" })
	void rejectsAThresholdBelowOneAndAnOpenDurationThatIsMissingOrNotPositive(int failureThreshold,
			Duration openDuration, int successThreshold) {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CircuitBreakerSettings(true, failureThreshold, openDuration, successThreshold));
	}

}
