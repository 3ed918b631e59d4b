package io.github.dbtelemetry.autoconfigure;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.JdbcTemplateAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.dbtelemetry.health.DatabricksTelemetryHealthIndicator;
import io.github.dbtelemetry.support.StandInWorkspace;
import io.github.dbtelemetry.support.TelemetryContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/** The health contributor read after driving the real pipeline against a WireMock workspace. */
class DatabricksTelemetryHealthAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final StandInWorkspace workspace = new StandInWorkspace();

	// Without Micrometer observation, so the starter's fallback to a no-op registry stays covered.
	private final ApplicationContextRunner runner = MonitoredApplication.exportingTo(this.workspace,
			TelemetryContextRunner.starterWith(DataSourceAutoConfiguration.class, JdbcTemplateAutoConfiguration.class,
					HttpClientAutoConfiguration.class, DatabricksTelemetryHealthAutoConfiguration.class));

	@AfterEach
	void stopWorkspace() {
		this.workspace.close();
	}

	@Test
	void contributorIsNamedDatabricksTelemetryAndUpBeforeAnyConnection() {
		this.runner.run((context) -> {
			assertThat(context).hasBean("databricksTelemetryHealthIndicator");
			Health health = context.getBean(DatabricksTelemetryHealthIndicator.class).health();
			assertThat(health.getStatus()).isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("degraded", false).containsEntry("hosts", Map.of());
		});
	}

	@Test
	void healthyExportShowsFlagBreakerCountsAndLastSuccessPerHost() {
		this.runner.run((context) -> {
			MonitoredApplication.runWorkload(context.getBean(JdbcTemplate.class), 3);
			await().atMost(TIMEOUT).untilAsserted(() -> {
				Map<String, Object> host = onlyHost(context);
				assertThat(host).containsEntry("featureFlag", "ENABLED")
					.containsEntry("featureFlagSource", "workspace")
					.containsEntry("circuitBreaker", "CLOSED")
					.containsEntry("pending", 0)
					.containsEntry("dropped", Map.of())
					.containsEntry("degraded", false)
					.containsKeys("featureFlagAnsweredAt", "featureFlagAgeSeconds", "lastSuccess")
					.doesNotContainKey("lastFailure");
				assertThat((Long) host.get("exported")).isGreaterThanOrEqualTo(5);
				assertThat((Long) host.get("featureFlagAgeSeconds")).isNotNegative();
			});
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void openBreakerIsStillUpWithTheFailureKindAndDropsButNoServerText() {
		this.workspace.answerTelemetry(MonitoredApplication.failedExport(503));
		this.runner.run((context) -> {
			MonitoredApplication.runWorkload(context.getBean(JdbcTemplate.class), 6);
			await().atMost(TIMEOUT).untilAsserted(() -> {
				Map<String, Object> host = onlyHost(context);
				assertThat(host).containsEntry("circuitBreaker", "OPEN").containsEntry("degraded", true);
				assertThat(host.get("dropped")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
					.containsEntry("retries_exhausted", 2L)
					.containsKey("circuit_open");
				assertThat(host.get("lastFailure")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
					.containsKey("at")
					.extractingByKey("kind")
					// the last export was either the 503 or one refused by the open breaker
					.isIn("http_503", "circuit_open");
			});
			Health health = health(context);
			assertThat(health.getStatus()).as("telemetry trouble never takes the application out of service")
				.isEqualTo(Status.UP);
			assertThat(health.getDetails()).containsEntry("degraded", true);
			assertThat(health.toString()).doesNotContain(MonitoredApplication.SERVER_SECRET)
				.doesNotContain(MonitoredApplication.TOKEN)
				.doesNotContain(MonitoredApplication.SECRET_SQL_MARKER);
		});
	}

	@Test
	void unreachableWorkspaceIsStillUp() {
		this.workspace.close();
		this.runner.run((context) -> {
			MonitoredApplication.runWorkload(context.getBean(JdbcTemplate.class), 2);
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(onlyHost(context))
				.containsEntry("featureFlag", "DISABLED"));
			assertThat(health(context).getStatus()).isEqualTo(Status.UP);
		});
	}

	@Test
	void workspaceThatSaysNoIsReportedWithItsDrops() {
		this.workspace.answerFlag(false);
		this.runner.run((context) -> {
			MonitoredApplication.runWorkload(context.getBean(JdbcTemplate.class), 2);
			await().atMost(TIMEOUT).untilAsserted(() -> {
				Map<String, Object> host = onlyHost(context);
				assertThat(host).containsEntry("featureFlag", "DISABLED");
				assertThat(host.get("dropped")).asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
					.containsKey("disabled_by_workspace");
			});
		});
	}

	@Test
	void forcedFlagHasNoAnswerAge() {
		this.runner.withPropertyValues("databricks.telemetry.force-enable=true").run((context) -> {
			MonitoredApplication.runWorkload(context.getBean(JdbcTemplate.class), 1);
			assertThat(onlyHost(context)).containsEntry("featureFlag", "ENABLED")
				.containsEntry("featureFlagSource", "configuration")
				.doesNotContainKey("featureFlagAgeSeconds");
		});
	}

	@Test
	void theContributorIsAbsentWithoutSpringBootHealth() {
		this.runner.withClassLoader(new FilteredClassLoader(HealthIndicator.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(DatabricksTelemetryHealthIndicator.class));
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "management.health.databricks-telemetry.enabled=false",
			"databricks.telemetry.enabled=false" })
	void theContributorIsAbsentWhenSwitchedOff(String setting) {
		this.runner.withPropertyValues(setting)
			.run((context) -> assertThat(context).doesNotHaveBean(DatabricksTelemetryHealthIndicator.class));
	}

	private static Health health(AssertableApplicationContext context) {
		return context.getBean(DatabricksTelemetryHealthIndicator.class).health();
	}

	@SuppressWarnings("unchecked")
	private static Map<String, Object> onlyHost(AssertableApplicationContext context) {
		Map<String, Object> hosts = (Map<String, Object>) health(context).getDetails().get("hosts");
		assertThat(hosts).hasSize(1);
		return (Map<String, Object>) hosts.values().iterator().next();
	}

}
