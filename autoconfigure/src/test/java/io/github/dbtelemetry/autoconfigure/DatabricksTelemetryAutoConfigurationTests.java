package io.github.dbtelemetry.autoconfigure;

import java.sql.Connection;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariConfigMXBean;
import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.boot.jdbc.DataSourceUnwrapper;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.internal.jdbc.TelemetryConnection;
import io.github.dbtelemetry.internal.jdbc.TelemetryDataSource;
import io.github.dbtelemetry.support.RecordingTelemetryExporter;
import io.github.dbtelemetry.support.TelemetryContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class DatabricksTelemetryAutoConfigurationTests {

	private static final String OVERRIDE = "databricks.telemetry.endpoint=https://telemetry.example.invalid";

	private final ApplicationContextRunner runner = TelemetryContextRunner.application()
		.withPropertyValues("spring.datasource.url=jdbc:h2:mem:autoconfig;DB_CLOSE_DELAY=-1",
				"databricks.telemetry.datasource.url-prefixes=jdbc:h2:", "databricks.telemetry.force-enable=true")
		.withBean(TelemetryExporter.class, RecordingTelemetryExporter::new);

	@Test
	void databricksDataSourceIsWrappedAndBeansExist() {
		// H2 has no host, so it exports only to an override (the recording exporter sends nothing)
		this.runner.withPropertyValues(OVERRIDE).run((context) -> {
			assertThat(context).hasSingleBean(DatabricksTelemetry.class)
				.hasSingleBean(DatabricksTelemetryProperties.class);
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(DatabricksTelemetry.isInstrumented(dataSource)).isTrue();
			try (Connection connection = dataSource.getConnection()) {
				assertThat(connection).isInstanceOf(TelemetryConnection.class);
			}
		});
	}

	@Test
	void theInstrumentedPoolCanStillBeInjectedAndUnwrappedAsItsOwnClass() {
		this.runner.withPropertyValues(OVERRIDE).run((context) -> {
			HikariDataSource pool = context.getBean(HikariDataSource.class);
			assertThat(DatabricksTelemetry.isInstrumented(pool)).isTrue();
			assertThat(pool.getJdbcUrl()).as("configuration reads reach the real pool")
				.isEqualTo("jdbc:h2:mem:autoconfig;DB_CLOSE_DELAY=-1");
			try (Connection connection = pool.getConnection()) {
				assertThat(connection).isInstanceOf(TelemetryConnection.class);
			}
			HikariDataSource unwrapped = pool.unwrap(HikariDataSource.class);
			assertThat(unwrapped).isNotSameAs(pool);
			assertThat(DatabricksTelemetry.isInstrumented(unwrapped)).isFalse();
			assertThat(DataSourceUnwrapper.unwrap(pool, HikariConfigMXBean.class, HikariDataSource.class))
				.isNotNull()
				.satisfies((found) -> assertThat(found.getJdbcUrl()).isEqualTo(pool.getJdbcUrl()));
			assertThat(pool.getHikariPoolMXBean()).as("the real pool's management").isNotNull();
		});
		this.runner.withPropertyValues(OVERRIDE).run((context) -> {
			HikariDataSource pool = context.getBean(HikariDataSource.class);
			HikariDataSource real = pool.unwrap(HikariDataSource.class);
			context.close();
			assertThat(real.isClosed()).as("closing the bean closes the real pool").isTrue();
		});
	}

	@Test
	void startUpSaysOncePerDataSourceWhatTheStarterDoesForIt(CapturedOutput output) {
		this.runner.withPropertyValues(OVERRIDE).run((context) -> assertThat(context).hasNotFailed());
		assertThat(output.getOut().split("Databricks telemetry for data source 'dataSource': exporting the events of "
				+ "workspace host localhost to https://telemetry.example.invalid", -1)).hasSize(2);
		this.runner.withPropertyValues("databricks.telemetry.datasource.url-prefixes=jdbc:databricks:")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output.getOut()).contains("Databricks telemetry for data source 'dataSource': not instrumented: "
				+ "its JDBC URL does not start with one of databricks.telemetry.datasource.url-prefixes");
		this.runner.withPropertyValues("databricks.telemetry.datasource.excluded-bean-names=dataSource")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output.getOut()).contains("Databricks telemetry for data source 'dataSource': not instrumented: "
				+ "excluded by databricks.telemetry.datasource.excluded-bean-names");
	}

	@Test
	void nothingIsCreatedWhenDisabled() {
		this.runner.withPropertyValues("databricks.telemetry.enabled=false").run((context) -> {
			assertThat(context).doesNotHaveBean(DatabricksTelemetry.class)
				.doesNotHaveBean(DatabricksTelemetryProperties.class);
			assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class);
		});
	}

	@Test
	void anEnvironmentVariableTurnsTheStarterOff() {
		this.runner.withInitializer(environment(Map.of("DATABRICKS_TELEMETRY_ENABLED", "false"), Map.of(), null))
			.run((context) -> assertThat(context).doesNotHaveBean(DatabricksTelemetry.class));
	}

	// Puts variables where the OS environment sits, under application properties and a command line.
	private static ApplicationContextInitializer<ConfigurableApplicationContext> environment(Map<String, Object> variables,
			Map<String, Object> applicationProperties, String commandLine) {
		return (context) -> {
			MutablePropertySources sources = context.getEnvironment().getPropertySources();
			sources.replace(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, new SystemEnvironmentPropertySource(
					StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME, variables));
			sources.addLast(new MapPropertySource("application.yml", applicationProperties));
			if (commandLine != null) {
				sources.addFirst(new SimpleCommandLinePropertySource(commandLine));
			}
		};
	}

	@Test
	void plainHttpEndpointWithoutOptInIsAnnouncedOnceAtWarn(CapturedOutput output) {
		this.runner.withPropertyValues("databricks.telemetry.endpoint=http://127.0.0.1:9")
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output.getOut().split("telemetry is sent to /telemetry-unauth", -1)).hasSize(2);
		assertThat(output.getOut()).contains("WARN");
	}

	@Test
	void plainHttpEndpointWithOptInIsNotAnnounced(CapturedOutput output) {
		this.runner.withPropertyValues("databricks.telemetry.endpoint=http://127.0.0.1:9",
				"databricks.telemetry.allow-insecure-endpoint=true").run((context) -> assertThat(context).hasNotFailed());
		assertThat(output.getOut()).doesNotContain("/telemetry-unauth");
	}

	@Test
	void theApplicationsExporterReceivesTheBatches() {
		this.runner.withPropertyValues(OVERRIDE).run((context) -> {
			try (Connection connection = context.getBean(DataSource.class).getConnection()) {
				connection.createStatement().execute("SELECT 1");
			}
			context.getBean(DatabricksTelemetry.class).flush().join();
			assertThat(((RecordingTelemetryExporter) context.getBean(TelemetryExporter.class)).statementEvents())
				.hasSize(1);
		});
	}

	@Test
	void usersOwnEngineWins() {
		DatabricksTelemetry own = DatabricksTelemetry.builder().build();
		try {
			this.runner.withBean("ownTelemetry", DatabricksTelemetry.class, () -> own)
				.run((context) -> assertThat(context.getBean(DatabricksTelemetry.class)).isSameAs(own));
		}
		finally {
			own.close();
		}
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "databricks.telemetry.datasource.url-prefixes=jdbc:databricks:",
			"databricks.telemetry.datasource.excluded-bean-names=dataSource" })
	void aDataSourceTheSettingsLeaveOutIsTheSameInstance(String setting) {
		this.runner.withPropertyValues(setting)
			.run((context) -> assertThat(context.getBean(DataSource.class)).isInstanceOf(HikariDataSource.class));
	}

	@Test
	void dataSourceWithUnknownUrlDecidesOnFirstConnection() {
		this.runner.withUserConfiguration(UnknownUrlDataSourceConfiguration.class).withPropertyValues(OVERRIDE)
			.run((context) -> {
			TelemetryDataSource dataSource = (TelemetryDataSource) context.getBean("plain", DataSource.class);
			assertThat(dataSource.isInstrumented()).isNull();
			try (Connection connection = dataSource.getConnection()) {
				assertThat(connection).isInstanceOf(TelemetryConnection.class);
			}
			assertThat(dataSource.isInstrumented()).isTrue();
		});
	}

	@Test
	void dataSourceWithUnknownNonMatchingUrlHandsOutDriverConnections() {
		this.runner.withUserConfiguration(UnknownUrlDataSourceConfiguration.class)
			.withPropertyValues("databricks.telemetry.datasource.url-prefixes=jdbc:databricks:")
			.run((context) -> {
				TelemetryDataSource dataSource = (TelemetryDataSource) context.getBean("plain", DataSource.class);
				try (Connection connection = dataSource.getConnection()) {
					assertThat(connection).isNotInstanceOf(TelemetryConnection.class);
				}
				assertThat(dataSource.isInstrumented()).isFalse();
			});
	}

	@Test
	void routingDataSourcesAreNotWrapped() {
		this.runner.withUserConfiguration(RoutingDataSourceConfiguration.class)
			.run((context) -> assertThat(context.getBean("routing")).isInstanceOf(AbstractRoutingDataSource.class));
	}

	@Test
	void postProcessingTwiceDoesNotWrapTwice() {
		this.runner.run((context) -> {
			BeanPostProcessor processor = context.getBean(DatabricksDataSourcePostProcessor.class);
			DataSource once = context.getBean(DataSource.class);
			assertThat(processor.postProcessAfterInitialization(once, "dataSource")).isSameAs(once);
			LazyConnectionDataSourceProxy proxy = new LazyConnectionDataSourceProxy(once);
			assertThat(processor.postProcessAfterInitialization(proxy, "proxy")).isSameAs(proxy);
			assertThat(proxy.getTargetDataSource()).isSameAs(once);
		});
	}

	@Test
	void theDataSourceBehindALazyConnectionProxyIsInstrumentedUnlessTheProxysNameIsExcluded(CapturedOutput output) {
		String url = "jdbc:h2:mem:lazy" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
		DriverManagerDataSource target = new DriverManagerDataSource(url);
		ApplicationContextRunner lazy = TelemetryContextRunner.starterWith()
			.withBean("lazy", DataSource.class, () -> new LazyConnectionDataSourceProxy(target))
			.withPropertyValues("databricks.telemetry.datasource.url-prefixes=jdbc:h2:", OVERRIDE);
		lazy.run((context) -> {
			LazyConnectionDataSourceProxy proxy = context.getBean(LazyConnectionDataSourceProxy.class);
			assertThat(proxy.getTargetDataSource()).isNotSameAs(target)
				.satisfies((instrumented) -> assertThat(DatabricksTelemetry.isInstrumented(instrumented)).isTrue());
			assertThat(output).contains("Databricks telemetry for data source 'lazy': exporting the events of "
					+ "workspace host localhost to https://telemetry.example.invalid");
		});
		lazy.withPropertyValues("databricks.telemetry.datasource.excluded-bean-names=lazy")
			.run((context) -> assertThat(context.getBean(LazyConnectionDataSourceProxy.class).getTargetDataSource())
				.isSameAs(target));
	}

	@Test
	void unwrapReachesThePool() {
		this.runner.run((context) -> {
			DataSource dataSource = context.getBean(DataSource.class);
			assertThat(dataSource.unwrap(HikariDataSource.class)).isInstanceOf(HikariDataSource.class);
			assertThat(dataSource.isWrapperFor(HikariDataSource.class)).isTrue();
		});
	}

	@Test
	void environmentVariablesBindAndWinOverApplicationProperties() {
		this.runner
			.withInitializer(environment(Map.of("DATABRICKS_TELEMETRY_BATCH_SIZE", "50",
					"DATABRICKS_TELEMETRY_CIRCUIT_BREAKER_FAILURE_THRESHOLD", "3"),
					Map.of("databricks.telemetry.batch-size", "20", "databricks.telemetry.max-retries", "2"), null))
			.run((context) -> {
				DatabricksTelemetryProperties properties = context.getBean(DatabricksTelemetryProperties.class);
				assertThat(properties.batchSize()).as("environment over application properties").isEqualTo(50);
				assertThat(properties.maxRetries()).isEqualTo(2);
				assertThat(properties.circuitBreaker().failureThreshold()).isEqualTo(3);
			});
	}

	@Test
	void commandLineWinsOverEnvironment() {
		this.runner
			.withInitializer(environment(Map.of("DATABRICKS_TELEMETRY_BATCH_SIZE", "50"), Map.of(),
					"--databricks.telemetry.batch-size=70"))
			.run((context) -> assertThat(context.getBean(DatabricksTelemetryProperties.class).batchSize())
				.isEqualTo(70));
	}

	@Test
	void defaultsMatchTheDocumentedContract() {
		this.runner.run((context) -> {
			DatabricksTelemetryProperties properties = context.getBean(DatabricksTelemetryProperties.class);
			assertThat(properties.enabled()).isTrue();
			assertThat(properties.flushInterval()).hasSeconds(5);
			assertThat(properties.maxRetries()).isEqualTo(3);
			assertThat(properties.retryDelay()).hasMillis(100);
			assertThat(properties.circuitBreaker().enabled()).isTrue();
			assertThat(properties.circuitBreaker().failureThreshold()).isEqualTo(5);
			assertThat(properties.circuitBreaker().openDuration()).hasMinutes(1);
			assertThat(properties.circuitBreaker().successThreshold()).isEqualTo(1);
			assertThat(properties.maxPendingEvents()).isEqualTo(10_000);
			assertThat(properties.maxBatchSize()).as("500, or batch-size when larger").isNull();
			assertThat(properties.endpoint()).isNull();
		});
		TelemetryContextRunner.starterWith()
			.withBean(TelemetryExporter.class, RecordingTelemetryExporter::new)
			.run((context) -> assertThat(context.getBean(DatabricksTelemetryProperties.class).batchSize()).isEqualTo(100));
	}

	@ParameterizedTest(name = "databricks.telemetry.{0}")
	@CsvSource(delimiter = '|', textBlock = """
			batch-size=0                        | between 1 and 10000
			batch-size=many                     | many
			max-batch-size=50                   | not be smaller than databricks.telemetry.batch-size
			flush-interval=-5s                  | positive
			endpoint=/telemetry                 | absolute
			circuit-breaker.failure-threshold=0 | between 1 and 1000
			shutdown-timeout=109500d            | at most PT10M
			shutdown-timeout=11m                | at most PT10M
			flush-interval=2h                   | at most PT1H
			retry-delay=11m                     | at most PT10M
			retry-max-delay=1d                  | at most PT10M
			connect-timeout=1h                  | at most PT10M
			response-timeout=1h                 | at most PT10M
			circuit-breaker.open-duration=2d    | at most PT24H
			feature-flag.cache-ttl=2d           | at most PT24H
			retry-max-delay=50ms                | not be shorter than databricks.telemetry.retry-delay
			""")
	void aSettingOutsideItsBoundsFailsStartupNamingTheProperty(String setting, String detail) {
		String property = "databricks.telemetry." + setting.substring(0, setting.indexOf('='));
		this.runner.withPropertyValues("databricks.telemetry." + setting).run((context) -> {
			assertThat(context).hasFailed();
			StringBuilder messages = new StringBuilder();
			for (Throwable current = context.getStartupFailure(); current != null; current = current.getCause()) {
				messages.append(current.getMessage()).append('\n');
			}
			assertThat(messages.toString()).contains(property).contains(detail);
		});
	}

	@Test
	void theLargestAcceptedDurationsStartAndCloseCleanly() {
		this.runner
			.withPropertyValues("databricks.telemetry.shutdown-timeout=10m", "databricks.telemetry.flush-interval=1h",
					"databricks.telemetry.retry-max-delay=10m", "databricks.telemetry.connect-timeout=10m",
					"databricks.telemetry.response-timeout=10m", "databricks.telemetry.feature-flag.cache-ttl=1d",
					"databricks.telemetry.circuit-breaker.open-duration=1d")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void aBareNumberIsSecondsForTimeoutsWarningsTheOpenBreakerAndTheFlagCacheAndMillisecondsForTheFlushAndRetryDelays() {
		this.runner
			.withPropertyValues("databricks.telemetry.connect-timeout=3", "databricks.telemetry.response-timeout=4",
					"databricks.telemetry.shutdown-timeout=6", "databricks.telemetry.warn-interval=90",
					"databricks.telemetry.circuit-breaker.open-duration=30",
					"databricks.telemetry.feature-flag.cache-ttl=600", "databricks.telemetry.flush-interval=250",
					"databricks.telemetry.retry-delay=50", "databricks.telemetry.retry-max-delay=2000")
			.run((context) -> {
				DatabricksTelemetryProperties properties = context.getBean(DatabricksTelemetryProperties.class);
				assertThat(properties.connectTimeout()).hasSeconds(3);
				assertThat(properties.responseTimeout()).hasSeconds(4);
				assertThat(properties.shutdownTimeout()).hasSeconds(6);
				assertThat(properties.warnInterval()).hasSeconds(90);
				assertThat(properties.circuitBreaker().openDuration()).hasSeconds(30);
				assertThat(properties.featureFlag().cacheTtl()).hasMinutes(10);
				assertThat(properties.flushInterval()).hasMillis(250);
				assertThat(properties.retryDelay()).hasMillis(50);
				assertThat(properties.retryMaxDelay()).hasSeconds(2);
			});
	}

	@Test
	void aValueWithAUnitMeansTheSameWhateverTheDefaultUnit() {
		this.runner
			.withPropertyValues("databricks.telemetry.shutdown-timeout=200ms",
					"databricks.telemetry.connect-timeout=1500ms", "databricks.telemetry.feature-flag.cache-ttl=2h")
			.run((context) -> {
				DatabricksTelemetryProperties properties = context.getBean(DatabricksTelemetryProperties.class);
				assertThat(properties.shutdownTimeout()).hasMillis(200);
				assertThat(properties.connectTimeout()).hasMillis(1500);
				assertThat(properties.featureFlag().cacheTtl()).hasHours(2);
				assertThat(properties.responseTimeout()).as("the default, written 10s").hasSeconds(10);
				assertThat(properties.circuitBreaker().openDuration()).as("the default, written 1m").hasMinutes(1);
			});
	}

	@Configuration(proxyBeanMethods = false)
	static class UnknownUrlDataSourceConfiguration {

		// Not a pool whose URL the post-processor can read.
		@Bean
		DataSource plain() {
			org.h2.jdbcx.JdbcDataSource h2 = new org.h2.jdbcx.JdbcDataSource();
			h2.setURL("jdbc:h2:mem:unknown;DB_CLOSE_DELAY=-1");
			return h2;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class RoutingDataSourceConfiguration {

		@Bean
		DataSource routing() {
			AbstractRoutingDataSource routing = new AbstractRoutingDataSource() {
				@Override
				protected Object determineCurrentLookupKey() {
					return "only";
				}
			};
			routing.setTargetDataSources(Map.of("only",
					new DriverManagerDataSource("jdbc:h2:mem:routing;DB_CLOSE_DELAY=-1")));
			routing.afterPropertiesSet();
			return routing;
		}

	}

}
