package io.github.dbtelemetry.internal.host;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class FeatureFlagSettingsTests {

	@Test
	void defaultsFollowTheJdbcDriver() {
		FeatureFlagSettings settings = FeatureFlagSettings.defaults("3.4.5");
		assertThat(settings.driverName()).isEqualTo("OSS_JDBC");
		assertThat(settings.driverVersion()).isEqualTo("3.4.5");
		assertThat(settings.flagName())
			.isEqualTo("databricks.partnerplatform.clientConfigsFeatureFlags.enableTelemetryForJdbc");
		assertThat(settings.cacheTtl()).isEqualTo(Duration.ofMinutes(15));
		assertThat(settings.fetchTimeout()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void unsetValuesFallBackToDefaults() {
		FeatureFlagSettings settings = new FeatureFlagSettings(null, "1.0", " ", null, null);
		assertThat(settings).isEqualTo(FeatureFlagSettings.defaults("1.0"));
	}

	@Test
	void blankDriverVersionIsRejected() {
		assertThatIllegalArgumentException().isThrownBy(() -> FeatureFlagSettings.defaults(" "));
	}

	@Test
	void nonPositiveDurationsAreRejected() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FeatureFlagSettings(null, "1.0", null, Duration.ZERO, null));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new FeatureFlagSettings(null, "1.0", null, null, Duration.ofSeconds(-1)));
	}

}
