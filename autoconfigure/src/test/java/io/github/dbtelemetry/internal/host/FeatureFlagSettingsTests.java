package io.github.dbtelemetry.internal.host;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

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
	void unsetValuesFallBackToDefaultsAndSetOnesAreStripped() {
		FeatureFlagSettings settings = new FeatureFlagSettings(null, " 1.0 ", " ", null, null);
		assertThat(settings).isEqualTo(FeatureFlagSettings.defaults("1.0"));
		FeatureFlagSettings custom = new FeatureFlagSettings(" ADBC ", "2.0", " my.flag ", Duration.ofMinutes(1),
				Duration.ofSeconds(3));
		assertThat(custom.driverName()).isEqualTo("ADBC");
		assertThat(custom.flagName()).isEqualTo("my.flag");
		assertThat(custom.cacheTtl()).isEqualTo(Duration.ofMinutes(1));
		assertThat(custom.fetchTimeout()).isEqualTo(Duration.ofSeconds(3));
	}

}
