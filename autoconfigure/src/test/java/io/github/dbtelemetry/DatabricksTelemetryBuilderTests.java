package io.github.dbtelemetry;

import java.net.URI;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import io.github.dbtelemetry.pipeline.HostSnapshot;
import io.github.dbtelemetry.support.RecordingTelemetryExporter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The builder is the one place where settings are checked: every error names the setting, in
 * the words of the configuration property it usually comes from, and an engine built from the
 * defaults instruments a data source and exports through the exporter it was given.
 */
class DatabricksTelemetryBuilderTests {

	static Stream<Arguments> settingsOutOfRange() {
		return Stream.of(invalid("batch-size", (builder) -> builder.batchSize(0)),
				invalid("batch-size", (builder) -> builder.batchSize(10_001)),
				invalid("max-batch-size", (builder) -> builder.maxBatchSize(10_001)),
				invalid("max-batch-size", (builder) -> builder.batchSize(200).maxBatchSize(100)),
				invalid("max-pending-events", (builder) -> builder.maxPendingEvents(0)),
				invalid("max-hosts", (builder) -> builder.maxHosts(0)),
				invalid("max-retries", (builder) -> builder.maxRetries(11)),
				invalid("flush-interval", (builder) -> builder.flushInterval(Duration.ZERO)),
				invalid("flush-interval", (builder) -> builder.flushInterval(Duration.ofHours(2))),
				invalid("retry-delay", (builder) -> builder.retryDelay(Duration.ofMillis(-1))),
				invalid("retry-max-delay", (builder) -> builder.retryDelay(Duration.ofSeconds(2))
					.retryMaxDelay(Duration.ofSeconds(1))),
				invalid("connect-timeout", (builder) -> builder.connectTimeout(Duration.ofMinutes(11))),
				invalid("response-timeout", (builder) -> builder.responseTimeout(null)),
				invalid("shutdown-timeout", (builder) -> builder.shutdownTimeout(Duration.ofMinutes(11))),
				invalid("endpoint", (builder) -> builder.endpoint(URI.create("ftp://collector.example.com"))),
				invalid("workspace-id", (builder) -> builder.workspaceId(0L)),
				invalid("circuit-breaker.failure-threshold",
						(builder) -> builder.circuitBreaker(true, 0, Duration.ofMinutes(1), 1)),
				invalid("circuit-breaker.open-duration",
						(builder) -> builder.circuitBreaker(true, 5, Duration.ofDays(2), 1)),
				invalid("datasource.url-prefixes", (builder) -> builder.urlPrefixes(List.of("databricks:"))),
				invalid("feature-flag.driver",
						(builder) -> builder.featureFlag("OSS/JDBC", null, "flag", Duration.ofMinutes(15))),
				invalid("feature-flag.cache-ttl",
						(builder) -> builder.featureFlag("OSS_JDBC", null, "flag", Duration.ofDays(2))));
	}

	private static Arguments invalid(String setting, UnaryOperator<DatabricksTelemetry.Builder> change) {
		return Arguments.of(setting, Named.of(setting, change));
	}

	@ParameterizedTest(name = "{1}")
	@MethodSource("settingsOutOfRange")
	void aSettingOutOfRangeFailsTheBuildNamingIt(String setting, UnaryOperator<DatabricksTelemetry.Builder> change) {
		assertThatIllegalArgumentException().isThrownBy(() -> change.apply(DatabricksTelemetry.builder()).build())
			.withMessageStartingWith(setting + " ");
	}

	@Test
	void errorsNameTheSettingWithTheGivenPrefix() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> DatabricksTelemetry.builder()
				.settingNamePrefix("databricks.telemetry.")
				.retryDelay(Duration.ofSeconds(2))
				.retryMaxDelay(Duration.ofSeconds(1))
				.build())
			.withMessageStartingWith("databricks.telemetry.retry-max-delay ")
			.withMessageContaining("databricks.telemetry.retry-delay");
	}

	@Test
	void aRequestCarriesUpTo500EventsUnlessTheBatchSizeIsLargerOrAnotherMaximumIsSet() {
		assertThat(DatabricksTelemetry.builder().effectiveMaxBatchSize()).isEqualTo(500);
		assertThat(DatabricksTelemetry.builder().batchSize(2_000).effectiveMaxBatchSize()).isEqualTo(2_000);
		assertThat(DatabricksTelemetry.builder().maxBatchSize(150).effectiveMaxBatchSize()).isEqualTo(150);
		assertThat(DatabricksTelemetry.builder().maxBatchSize(150).maxBatchSize(null).effectiveMaxBatchSize())
			.isEqualTo(500);
	}

	@Test
	void theLargestAcceptedValuesBuild() {
		DatabricksTelemetry.builder()
			.batchSize(10_000)
			.maxBatchSize(10_000)
			.flushInterval(Duration.ofHours(1))
			.retryMaxDelay(Duration.ofMinutes(10))
			.shutdownTimeout(Duration.ofMinutes(10))
			.circuitBreaker(true, 1000, Duration.ofDays(1), 100)
			.build()
			.close();
	}

	@Test
	void anEngineFromTheBuilderInstrumentsADataSourceAndExportsThroughItsExporter() throws Exception {
		RecordingTelemetryExporter exporter = new RecordingTelemetryExporter();
		try (DatabricksTelemetry telemetry = DatabricksTelemetry.builder()
			.exporter(exporter)
			.forceEnable(true)
			.urlPrefixes(List.of("jdbc:h2:"))
			.endpoint(URI.create("https://collector.example.com"))
			.build(); HikariDataSource pool = new HikariDataSource()) {
			pool.setJdbcUrl("jdbc:h2:mem:builder;DB_CLOSE_DELAY=-1");
			DataSource dataSource = telemetry.instrument(pool, "builder");
			assertThat(DatabricksTelemetry.isInstrumented(dataSource)).isTrue();
			assertThat(DatabricksTelemetry.isInstrumented(pool)).isFalse();
			try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
				statement.execute("SELECT 1");
			}
			assertThat(telemetry.hosts()).extracting(HostSnapshot::host).containsExactly("localhost");
			telemetry.flush().join();
			assertThat(exporter.statementEvents()).hasSize(1);
			assertThat(exporter.endpoints()).allSatisfy(
					(endpoint) -> assertThat(endpoint.baseUrl()).isEqualTo(URI.create("https://collector.example.com")));
		}
	}

}
