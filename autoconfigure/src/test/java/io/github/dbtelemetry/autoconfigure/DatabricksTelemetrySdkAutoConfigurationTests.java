package io.github.dbtelemetry.autoconfigure;

import java.time.Duration;
import java.util.Optional;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.auth.DatabricksCredentialsProvider;
import io.github.dbtelemetry.internal.auth.sdk.DatabricksSdkCredentials;
import io.github.dbtelemetry.support.TelemetryContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/** Which credentials provider an application gets, with and without the Databricks SDK. */
class DatabricksTelemetrySdkAutoConfigurationTests {

	private final ApplicationContextRunner runner = TelemetryContextRunner.application()
		.withConfiguration(TelemetryContextRunner.sdk())
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:sdk-autoconfig;DB_CLOSE_DELAY=-1");

	@Test
	void withTheSdkTheCredentialsProviderIsTheSdks() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(DatabricksCredentialsProvider.class)
				.hasSingleBean(DatabricksTelemetrySdkProperties.class)
				.hasSingleBean(DatabricksTelemetry.class);
			assertThat(context.getBean(DatabricksCredentialsProvider.class)).isInstanceOf(DatabricksSdkCredentials.class);
		});
	}

	@Test
	void theProfileItsFileAndTheStartersTimeoutsReachTheSdk() {
		this.runner
			.withPropertyValues("databricks.telemetry.sdk.profile=telemetry",
					"databricks.telemetry.sdk.config-file=/etc/databricks/profiles",
					"databricks.telemetry.connect-timeout=7s", "databricks.telemetry.response-timeout=3s")
			.run((context) -> assertThat(DatabricksTelemetrySdkAutoConfiguration.settings(
					context.getBean(DatabricksTelemetrySdkProperties.class),
					context.getBean(DatabricksTelemetryProperties.class)))
				.isEqualTo(new DatabricksSdkCredentials.Settings("telemetry", "/etc/databricks/profiles",
						Duration.ofSeconds(7))));
	}

	@Test
	void byDefaultTheSdkChoosesItsProfileAndWaitsAsLongAsAResponse() {
		this.runner.run((context) -> {
			DatabricksTelemetrySdkProperties sdk = context.getBean(DatabricksTelemetrySdkProperties.class);
			assertThat(sdk.enabled()).isTrue();
			assertThat(DatabricksTelemetrySdkAutoConfiguration.settings(sdk,
					context.getBean(DatabricksTelemetryProperties.class)))
				.isEqualTo(new DatabricksSdkCredentials.Settings(null, null, Duration.ofSeconds(10)));
		});
	}

	@Test
	void withoutTheSdkNothingOfItIsCreated() {
		this.runner.withClassLoader(new FilteredClassLoader("com.databricks.sdk")).run((context) -> {
			assertThat(context).hasNotFailed()
				.hasSingleBean(DatabricksTelemetry.class)
				.doesNotHaveBean(DatabricksCredentialsProvider.class)
				.doesNotHaveBean(DatabricksTelemetrySdkProperties.class);
		});
	}

	@Test
	void thePropertyTurnsItOff() {
		this.runner.withPropertyValues("databricks.telemetry.sdk.enabled=false").run((context) -> {
			assertThat(context).hasSingleBean(DatabricksTelemetry.class)
				.doesNotHaveBean(DatabricksCredentialsProvider.class)
				.doesNotHaveBean(DatabricksTelemetrySdkProperties.class);
		});
	}

	@Test
	void nothingIsCreatedWhenTelemetryIsDisabled() {
		this.runner.withPropertyValues("databricks.telemetry.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(DatabricksTelemetry.class)
				.doesNotHaveBean(DatabricksCredentialsProvider.class)
				.doesNotHaveBean(DatabricksTelemetrySdkProperties.class));
	}

	@Test
	void anApplicationProviderOfItsOwnWins() {
		DatabricksCredentialsProvider own = (host) -> Optional.of("application-token");
		this.runner.withBean("ownCredentials", DatabricksCredentialsProvider.class, () -> own).run((context) -> {
			assertThat(context).hasSingleBean(DatabricksCredentialsProvider.class);
			assertThat(context.getBean(DatabricksCredentialsProvider.class)).isSameAs(own);
		});
	}

}
