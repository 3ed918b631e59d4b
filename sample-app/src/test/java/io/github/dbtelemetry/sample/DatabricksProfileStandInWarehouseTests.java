package io.github.dbtelemetry.sample;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import io.github.dbtelemetry.health.DatabricksTelemetryHealthIndicator;
import io.github.dbtelemetry.support.StandInWarehouse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The {@code databricks} profile for real: the real Databricks JDBC driver under the starter,
 * against a stand-in SQL warehouse on loopback instead of a workspace. Only the three settings
 * a stand-in needs differ from a real run (port, plain HTTP, SEA mode).
 */
@SpringBootTest(webEnvironment = WebEnvironment.RANDOM_PORT)
@ActiveProfiles("databricks")
class DatabricksProfileStandInWarehouseTests {

	private static final StandInWarehouse warehouse = new StandInWarehouse();

	@Autowired
	private DatabricksTelemetryHealthIndicator health;

	@DynamicPropertySource
	static void standIn(DynamicPropertyRegistry registry) {
		registry.add("DATABRICKS_HOST", () -> "127.0.0.1");
		registry.add("DATABRICKS_PORT", warehouse::port);
		registry.add("DATABRICKS_SSL", () -> "0");
		registry.add("DATABRICKS_URL_OPTIONS", () -> ";useThriftClient=0");
		registry.add("DATABRICKS_HTTP_PATH", () -> StandInWarehouse.HTTP_PATH);
		registry.add("DATABRICKS_TOKEN", () -> "dapi-stand-in-token");
		// the stand-in speaks plain HTTP on loopback
		registry.add("databricks.telemetry.allow-insecure-endpoint", () -> "true");
		registry.add("databricks.telemetry.flush-interval", () -> "500ms");
	}

	@AfterAll
	static void stopWarehouse() {
		warehouse.close();
	}

	@Test
	void theWorkloadRunsOnTheRealDriverAndTheStarterExportsWithTheWarehousesIds() {
		await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(warehouse.starterEvents())
			.anySatisfy((event) -> {
				assertThat(event.at("/entry/sql_driver_log/sql_operation/statement_type").asString()).isEqualTo("QUERY");
				assertThat(event.at("/entry/sql_driver_log/sql_statement_id").asString())
					.isIn(warehouse.issuedStatementIds());
			}));
		assertThat(warehouse.starterEvents()).allSatisfy((event) -> assertThat(
				event.at("/entry/sql_driver_log/session_id").asString()).isIn(warehouse.issuedSessionIds().stream()
					.map((id) -> id.substring(id.lastIndexOf('|') + 1))
					.toList()));
		assertThat(warehouse.driverEvents()).as("EnableTelemetry=0 hands telemetry to the starter").isEmpty();
		assertThat(this.health.health().getStatus().getCode()).isEqualTo("UP");
	}

}
