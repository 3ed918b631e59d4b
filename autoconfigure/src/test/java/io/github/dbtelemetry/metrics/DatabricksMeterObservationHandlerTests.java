package io.github.dbtelemetry.metrics;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.observation.DefaultStatementObservationConvention;
import io.github.dbtelemetry.observation.StatementObservationContext;
import io.github.dbtelemetry.support.RecordingTelemetryExporter;
import io.github.dbtelemetry.support.TelemetryTestFixture;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.LongTaskTimer;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MockClock;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleConfig;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The starter's meter handler against Micrometer's generic one: the same JDBC workload, once
 * with {@link DefaultMeterObservationHandler} alone and once with the starter's handler before
 * it, as Boot groups them, must leave the same meters with the same counts.
 */
class DatabricksMeterObservationHandlerTests {

	@Test
	void theSameWorkloadLeavesTheSameMetersWithTheSameCountsAsBootsHandler() throws Exception {
		Map<String, Object> generic = recordWorkload(false, DatabricksMeterObservationHandlerTests::count);
		Map<String, Object> starters = recordWorkload(true, DatabricksMeterObservationHandlerTests::count);

		assertThat(starters).isEqualTo(generic);
		assertThat(recordWorkload(true, DatabricksMeterObservationHandlerTests::unitAndDescription))
			.isEqualTo(recordWorkload(false, DatabricksMeterObservationHandlerTests::unitAndDescription));
		assertThat(generic).as("the workload is observed at all")
			.containsKeys("TIMER databricks.statement [datasource=testDataSource, error=none, host=localhost, "
					+ "outcome=success, statement.type=QUERY]",
					"LONG_TASK_TIMER databricks.statement.active [datasource=testDataSource, host=localhost, "
							+ "outcome=success, statement.type=METADATA]",
					"TIMER databricks.connection [datasource=testDataSource, error=none, host=localhost, outcome=success]");
	}

	@Test
	void aFailedStatementIsTaggedWithItsOutcomeAndTheSimpleNameOfItsErrorAsBootsHandlerTagsIt() throws Exception {
		String failed = "TIMER databricks.statement [datasource=testDataSource, error=JdbcSQLSyntaxErrorException, "
				+ "host=localhost, outcome=error, statement.type=QUERY]";

		assertThat(recordWorkload(false, DatabricksMeterObservationHandlerTests::count)).containsEntry(failed, 1L);
		assertThat(recordWorkload(true, DatabricksMeterObservationHandlerTests::count)).containsEntry(failed, 1L);
	}

	@Test
	void aStatementStillReadingItsResultIsAnActiveTaskOfTheSameLongTaskTimerAsWithBootsHandler() throws Exception {
		assertThat(activeWhileReading(true)).isEqualTo(activeWhileReading(false))
			.containsEntry("LONG_TASK_TIMER databricks.statement.active [datasource=testDataSource, host=localhost, "
					+ "outcome=success, statement.type=QUERY]", 1L);
	}

	@Test
	void withoutLongTaskTimersOnlyTheTimersAreRecorded() throws Exception {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		try (TelemetryTestFixture fixture = fixture()) {
			fixture.registry()
				.observationConfig()
				.observationHandler(new FirstMatchingCompositeObservationHandler(
						new DatabricksMeterObservationHandler(registry, false),
						new DefaultMeterObservationHandler(registry,
								DefaultMeterObservationHandler.IgnoredMeters.LONG_TASK_TIMER)));
			runWorkload(fixture.dataSource());
		}
		assertThat(registry.getMeters()).isNotEmpty()
			.allSatisfy((meter) -> assertThat(meter).isInstanceOf(Timer.class));
	}

	@Test
	void aRegistryOnAnotherClockTimesTheObservationsWithThatClockAsBootsHandlerDoes() throws Exception {
		assertThat(totalSecondsOnAMockClock(true)).isEqualTo(totalSecondsOnAMockClock(false))
			.containsEntry("TIMER databricks.statement [datasource=testDataSource, error=none, host=localhost, "
					+ "outcome=success, statement.type=QUERY]", 3L);
	}

	@Test
	void aTimerRemovedFromTheRegistryIsRegisteredAgainOnTheNextStatement() throws Exception {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		try (TelemetryTestFixture fixture = fixture()) {
			fixture.registry().observationConfig().observationHandler(bootsGroup(registry, true));
			query(fixture.dataSource(), "SELECT 1");
			Timer timer = registry.get("databricks.statement").tag("statement.type", "QUERY").timer();
			registry.remove(timer);
			query(fixture.dataSource(), "SELECT 2");
		}
		assertThat(registry.get("databricks.statement").tag("statement.type", "QUERY").timer().count()).isOne();
	}

	@Test
	void keyValuesBeyondTheSetsKeptAreStillRecordedEachUnderItsOwnTags() throws Exception {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		int statements = DatabricksMeterObservationHandler.MAX_KEY_SETS + 10;
		int[] next = new int[1];
		DefaultStatementObservationConvention numbering = new DefaultStatementObservationConvention() {

			@Override
			public KeyValues getLowCardinalityKeyValues(StatementObservationContext context) {
				// a different tag for each statement, the same at its start and its stop
				if (context.getEndNanos() == 0) {
					next[0]++;
				}
				return super.getLowCardinalityKeyValues(context).and("number", Integer.toString(next[0]));
			}

		};
		try (TelemetryTestFixture fixture = new TelemetryTestFixture(new RecordingTelemetryExporter(),
				(builder) -> builder.statementObservationConvention(numbering))) {
			fixture.registry().observationConfig().observationHandler(bootsGroup(registry, true));
			try (Connection connection = fixture.dataSource().getConnection();
					Statement statement = connection.createStatement()) {
				for (int i = 0; i < statements; i++) {
					statement.executeQuery("SELECT 1").close();
				}
			}
		}
		assertThat(registry.find("databricks.statement").timers()).hasSize(statements)
			.allSatisfy((timer) -> assertThat(timer.count()).isOne());
		assertThat(registry.find("databricks.statement.active").longTaskTimers()).hasSize(statements)
			.allSatisfy((timer) -> assertThat(timer.activeTasks()).isZero());
	}

	@Test
	void takesTheStartersObservationsOnlyAndLeavesTheOthersToBootsHandler() throws Exception {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		DatabricksMeterObservationHandler handler = new DatabricksMeterObservationHandler(registry);
		assertThat(handler.supportsContext(new Observation.Context())).isFalse();
		try (TelemetryTestFixture fixture = fixture()) {
			fixture.registry().observationConfig().observationHandler(bootsGroup(registry, true));
			Observation.createNotStarted("application.work", fixture.registry()).observe(() -> {
			});
		}
		assertThat(registry.get("application.work").tag("error", "none").timer().count()).isOne();
	}

	/**
	 * Runs the workload with Boot's group of meter handlers, with or without the starter's
	 * handler first, and answers what {@code value} says of every meter.
	 */
	private static Map<String, Object> recordWorkload(boolean startersHandler, Function<Meter, Object> value)
			throws Exception {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		try (TelemetryTestFixture fixture = fixture()) {
			fixture.registry().observationConfig().observationHandler(bootsGroup(registry, startersHandler));
			runWorkload(fixture.dataSource());
		}
		return meters(registry, value);
	}

	private static Map<String, Object> activeWhileReading(boolean startersHandler) throws Exception {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		try (TelemetryTestFixture fixture = fixture()) {
			fixture.registry().observationConfig().observationHandler(bootsGroup(registry, startersHandler));
			try (Connection connection = fixture.dataSource().getConnection();
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT 1 UNION ALL SELECT 2")) {
				rows.next();
				Map<String, Object> active = new TreeMap<>();
				for (LongTaskTimer timer : registry.find("databricks.statement.active").longTaskTimers()) {
					active.put(describe(timer), (long) timer.activeTasks());
				}
				return active;
			}
		}
	}

	private static Map<String, Object> totalSecondsOnAMockClock(boolean startersHandler) throws Exception {
		MockClock clock = new MockClock();
		SimpleMeterRegistry registry = new SimpleMeterRegistry(SimpleConfig.DEFAULT, clock);
		try (TelemetryTestFixture fixture = fixture()) {
			// stopped first (handlers stop in reverse order): one second passes in each observation
			fixture.registry().observationConfig().observationHandler(bootsGroup(registry, startersHandler));
			fixture.registry().observationConfig().observationHandler(new ObservationHandler<>() {

				@Override
				public void onStop(Observation.Context context) {
					clock.add(Duration.ofSeconds(1));
				}

				@Override
				public boolean supportsContext(Observation.Context context) {
					return true;
				}

			});
			try (Connection connection = fixture.dataSource().getConnection();
					Statement statement = connection.createStatement()) {
				for (int i = 0; i < 3; i++) {
					statement.executeQuery("SELECT 1").close();
				}
			}
		}
		return meters(registry, (meter) -> (meter instanceof Timer timer) ? (long) timer.totalTime(TimeUnit.SECONDS)
				: (long) ((LongTaskTimer) meter).activeTasks());
	}

	/** Boot's group of meter handlers: the starter's first (when there), then the generic one. */
	private static ObservationHandler<?> bootsGroup(MeterRegistry registry, boolean startersHandler) {
		DefaultMeterObservationHandler generic = new DefaultMeterObservationHandler(registry);
		return startersHandler
				? new FirstMatchingCompositeObservationHandler(new DatabricksMeterObservationHandler(registry), generic)
				: new FirstMatchingCompositeObservationHandler(generic);
	}

	private static TelemetryTestFixture fixture() {
		return new TelemetryTestFixture(new RecordingTelemetryExporter());
	}

	/**
	 * Checkouts, each statement type, a prepared statement, a metadata call and a statement
	 * that fails.
	 */
	private static void runWorkload(DataSource dataSource) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(20))");
			statement.executeUpdate("INSERT INTO item VALUES (1, 'one'), (2, 'two')");
			try (ResultSet rows = statement.executeQuery("SELECT name FROM item")) {
				while (rows.next()) {
					rows.getString(1);
				}
			}
			try (PreparedStatement prepared = connection.prepareStatement("SELECT name FROM item WHERE id = ?")) {
				prepared.setInt(1, 2);
				prepared.executeQuery().close();
			}
			connection.getMetaData().getTables(null, null, "ITEM", null).close();
			assertThatExceptionOfType(SQLException.class)
				.isThrownBy(() -> statement.executeQuery("SELECT name FROM missing_table"));
		}
		for (int i = 0; i < 3; i++) {
			query(dataSource, "SELECT " + i);
		}
	}

	private static void query(DataSource dataSource, String sql) throws SQLException {
		try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
			statement.executeQuery(sql).close();
		}
	}

	private static Map<String, Object> meters(MeterRegistry registry, Function<Meter, Object> value) {
		Map<String, Object> meters = new TreeMap<>();
		for (Meter meter : registry.getMeters()) {
			meters.put(describe(meter), value.apply(meter));
		}
		return meters;
	}

	/** A timer's count; a long-task timer's tasks still active (none once the workload is done). */
	private static Object count(Meter meter) {
		return (meter instanceof Timer timer) ? timer.count() : (long) ((LongTaskTimer) meter).activeTasks();
	}

	private static Object unitAndDescription(Meter meter) {
		return meter.getId().getBaseUnit() + ", " + meter.getId().getDescription();
	}

	/** Type, name and tags. */
	private static String describe(Meter meter) {
		Meter.Id id = meter.getId();
		StringBuilder tags = new StringBuilder("[");
		id.getTags()
			.forEach((tag) -> tags.append((tags.length() > 1) ? ", " : "")
				.append(tag.getKey())
				.append('=')
				.append(tag.getValue()));
		return id.getType() + " " + id.getName() + " " + tags.append(']');
	}

}
