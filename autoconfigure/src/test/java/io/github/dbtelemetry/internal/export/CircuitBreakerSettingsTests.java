package io.github.dbtelemetry.internal.export;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class CircuitBreakerSettingsTests {

	@Test
	void defaults() {
		CircuitBreakerSettings settings = CircuitBreakerSettings.defaults();
		assertThat(settings.enabled()).isTrue();
		assertThat(settings.failureThreshold()).isEqualTo(5);
		assertThat(settings.openDuration()).isEqualTo(Duration.ofMinutes(1));
		assertThat(settings.successThreshold()).isEqualTo(1);
	}

	@Test
	void rejectsInvalidValues() {
		Duration minute = Duration.ofMinutes(1);
		assertThatIllegalArgumentException().isThrownBy(() -> new CircuitBreakerSettings(true, 0, minute, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new CircuitBreakerSettings(true, 5, minute, 0));
		assertThatIllegalArgumentException().isThrownBy(() -> new CircuitBreakerSettings(true, 5, null, 1));
		assertThatIllegalArgumentException().isThrownBy(() -> new CircuitBreakerSettings(true, 5, Duration.ZERO, 1));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new CircuitBreakerSettings(true, 5, Duration.ofSeconds(-1), 1));
	}

}
