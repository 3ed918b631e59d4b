package io.github.dbtelemetry.e2e.fidelity;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import javax.sql.DataSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.datasource.DriverManagerDataSource;

import io.github.dbtelemetry.support.StandInWarehouse;
import io.github.dbtelemetry.support.TelemetryContextRunner;
import tools.jackson.databind.JsonNode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the {@link FidelityWorkload} twice through the real driver under the starter, each time
 * against a {@link StandInWarehouse} of its own: once with the driver's own telemetry on (the
 * starter, in {@code export-mode=auto}, leaves export to it), once with {@code EnableTelemetry=0}
 * and the starter exporting. Each warehouse's journal then holds what one side sent.
 * <p>
 * The data source is Spring's {@link DriverManagerDataSource}, not a pool: each connection of the
 * workload is then one session on both sides, opened and closed when the workload says. (Under
 * HikariCP the pool's start-up connection opens and closes a session before the workload runs;
 * when we tried, the driver 3.4.5 then sent its own telemetry for that session only, and none for
 * the workload's.)
 */
final class SideBySideRun {

	private static final Duration DRIVER_DELIVERY = Duration.ofSeconds(30);

	private SideBySideRun() {
	}

	static WireComparison run(FidelityWorkload workload) {
		try (StandInWarehouse driverWarehouse = new StandInWarehouse();
				StandInWarehouse starterWarehouse = new StandInWarehouse()) {
			CapturedSide driver = driverSide(workload, driverWarehouse);
			CapturedSide starter = starterSide(workload, starterWarehouse);
			return WireComparison.of(workload, driver, starter);
		}
	}

	private static CapturedSide driverSide(FidelityWorkload workload, StandInWarehouse warehouse) {
		String url = warehouse.jdbcUrl("").replace(";EnableTelemetry=0", "") + ";ForceEnableTelemetry=1";
		FidelityWorkload.Outcome outcome = runIn(standIn(url), workload);
		// The driver sends what it holds for a host when the last connection to it closes, from a
		// thread of its own: it is complete once every session's DELETE_SESSION has arrived.
		List<String> sessions = warehouse.issuedSessionIds();
		await("the driver's own telemetry of every session").atMost(DRIVER_DELIVERY)
			.until(() -> deletedSessions(ofSessions(warehouse.driverEvents(), sessions)) >= sessions.size());
		assertThat(warehouse.starterEvents()).as("the starter leaves export to the driver").isEmpty();
		return new CapturedSide(ofSessions(warehouse.driverEvents(), sessions), sessions,
				warehouse.issuedStatementTexts(), outcome);
	}

	/**
	 * The events of these sessions. The driver keeps its telemetry per host name for the whole
	 * JVM, and every stand-in is {@code 127.0.0.1}: what an earlier test's connections left
	 * unsent, or the report of its own failed feature-flag call (an event without a session, sent
	 * once per JVM), can reach this run's warehouse, or not, depending on the order tests run in.
	 */
	private static List<JsonNode> ofSessions(List<JsonNode> events, List<String> sessions) {
		return events.stream()
			.filter((event) -> sessions.contains(event.at("/entry/sql_driver_log/session_id").asString("")))
			.toList();
	}

	private static CapturedSide starterSide(FidelityWorkload workload, StandInWarehouse warehouse) {
		// Closing the application sends what is still pending: the journal is complete after it.
		FidelityWorkload.Outcome outcome = runIn(standIn(warehouse.jdbcUrl("")), workload);
		assertThat(warehouse.driverEvents()).as("EnableTelemetry=0: the driver sends nothing").isEmpty();
		return new CapturedSide(warehouse.starterEvents(), warehouse.issuedSessionIds(),
				warehouse.issuedStatementTexts(), outcome);
	}

	private static long deletedSessions(List<JsonNode> events) {
		return events.stream().filter((event) -> "DELETE_SESSION".equals(StandInWarehouse.operationType(event))).count();
	}

	/** An application whose only data source is a plain, unpooled one for {@code url}. */
	static ApplicationContextRunner application(String url) {
		return TelemetryContextRunner.application()
			.withBean("dataSource", DataSource.class, () -> new DriverManagerDataSource(url))
			.withPropertyValues("databricks.telemetry.flush-interval=200ms");
	}

	// The stand-in is plain http on loopback: only there may the token travel without TLS.
	private static ApplicationContextRunner standIn(String url) {
		return application(url).withPropertyValues("databricks.telemetry.allow-insecure-endpoint=true");
	}

	static FidelityWorkload.Outcome runIn(ApplicationContextRunner application, FidelityWorkload workload) {
		AtomicReference<FidelityWorkload.Outcome> outcome = new AtomicReference<>();
		application.run((context) -> {
			assertThat(context).hasNotFailed();
			outcome.set(workload.run(context.getBean(DataSource.class)));
		});
		return outcome.get();
	}

}
