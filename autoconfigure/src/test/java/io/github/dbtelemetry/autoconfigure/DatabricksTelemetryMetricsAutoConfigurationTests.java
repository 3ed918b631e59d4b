package io.github.dbtelemetry.autoconfigure;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.util.ReflectionTestUtils;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.metrics.DatabricksMeterObservationHandler;
import io.github.dbtelemetry.metrics.HostTaggedCircuitBreakerMetrics;
import io.github.dbtelemetry.metrics.MicrometerTelemetryPipelineListener;
import io.github.dbtelemetry.metrics.TelemetryMeterNames;
import io.github.dbtelemetry.pipeline.DropReason;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;
import io.github.dbtelemetry.support.StandInWorkspace;
import io.github.dbtelemetry.support.TelemetryContextRunner;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;
import static org.awaitility.Awaitility.await;

/**
 * Every meter read after driving the real pipeline: H2 through the starter, WireMock as the
 * workspace, Boot's metrics and observation auto-configuration with a simple registry.
 */
class DatabricksTelemetryMetricsAutoConfigurationTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(20);

	private final StandInWorkspace workspace = new StandInWorkspace();

	private final ApplicationContextRunner runner = MonitoredApplication.exportingTo(this.workspace,
			TelemetryContextRunner.application().withConfiguration(TelemetryContextRunner.metrics()));

	@AfterEach
	void stopWorkspace() {
		this.workspace.close();
	}

	@Test
	void statementAndConnectionObservationsBecomeTimersWithLowCardinalityTags() {
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry).isInstanceOf(SimpleMeterRegistry.class);
			MonitoredApplication.runWorkload(context.getBean(JdbcTemplate.class), 4);
			String host = host(context.getBean(DatabricksTelemetry.class));

			assertThat(registry.get("databricks.statement")
				.tags("statement.type", "QUERY", "outcome", "success", "host", host, "datasource", "dataSource")
				.timer()
				.count()).isEqualTo(4);
			assertThat(registry.get("databricks.statement").tags("outcome", "error").timer().count()).isEqualTo(1);
			assertThat(registry.get("databricks.connection").tags("outcome", "success", "host", host).timer().count())
				.isPositive();
			assertThat(registry.get("databricks.statement").meters())
				.allSatisfy((meter) -> assertThat(meter.getId().getTags()).extracting(Tag::getKey)
					.doesNotContain("db.statement", "session.id", "statement.id", "error.type"));
		});
	}

	@Test
	void theConnectionTimerCountsTheSessionsAPoolOpensOrEveryCheckoutWhenAskedFor() {
		int checkouts = 22; // the workload's table, twenty queries and a failing statement
		this.runner.run((context) -> {
			MonitoredApplication.runWorkload(context.getBean(JdbcTemplate.class), 20);
			long sessions = context.getBean(DataSource.class)
				.unwrap(HikariDataSource.class)
				.getHikariPoolMXBean()
				.getTotalConnections();
			assertThat(context.getBean(MeterRegistry.class).get("databricks.connection").timer().count())
				.as("one per session the pool opened and handed out, at most")
				.isPositive()
				.isLessThanOrEqualTo(sessions);
		});
		this.runner.withPropertyValues("databricks.telemetry.observation.checkouts=true").run((context) -> {
			MonitoredApplication.runWorkload(context.getBean(JdbcTemplate.class), 20);
			assertThat(context.getBean(MeterRegistry.class).get("databricks.connection").timer().count())
				.isEqualTo(checkouts);
		});
	}

	@Test
	void bootsGroupOfMeterHandlersAsksTheStartersHandlerFirst() {
		this.runner.run((context) -> {
			ObservationRegistry observations = context.getBean(ObservationRegistry.class);
			List<ObservationHandler<?>> handlers = registeredHandlers(observations);
			assertThat(handlers).filteredOn(FirstMatchingCompositeObservationHandler.class::isInstance)
				.singleElement()
				.extracting((group) -> ((FirstMatchingCompositeObservationHandler) group).getHandlers())
				.asInstanceOf(InstanceOfAssertFactories.LIST)
				.hasSize(2)
				.satisfies((members) -> {
					assertThat(members.get(0)).isInstanceOf(DatabricksMeterObservationHandler.class)
						.isSameAs(context.getBean(DatabricksMeterObservationHandler.class));
					assertThat(members.get(1)).isInstanceOf(DefaultMeterObservationHandler.class);
				});
		});
	}

	@Test
	void longTaskTimersFollowBootsIgnoredMeters() {
		this.runner.run((context) -> {
			MonitoredApplication.runWorkload(context.getBean(JdbcTemplate.class), 1);
			assertThat(context.getBean(MeterRegistry.class).find("databricks.statement.active").longTaskTimers())
				.isNotEmpty();
		});
		this.runner.withPropertyValues("management.metrics.observations.ignored-meters=long-task-timer")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				MonitoredApplication.runWorkload(context.getBean(JdbcTemplate.class), 1);
				assertThat(registry.find("databricks.statement").timers()).isNotEmpty();
				assertThat(registry.find("databricks.statement.active").longTaskTimers()).isEmpty();
				assertThat(registry.find("databricks.connection.active").longTaskTimers()).isEmpty();
			});
	}

	@Test
	void exportsShowInTheEventCounterTheExportTimerAndThePendingAndFlagGauges() {
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			MonitoredApplication.runWorkload(context.getBean(JdbcTemplate.class), 3);
			String host = host(context.getBean(DatabricksTelemetry.class));

			// CREATE, three queries and the failed one; the connection event may come on top
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(events(registry, "exported", "none", host)).isGreaterThanOrEqualTo(5));
			assertThat(registry.get(TelemetryMeterNames.EXPORT)
				.tags("status", "200", "outcome", "SUCCESS", "result", "success", "host", host)
				.timer()
				.count()).isPositive();
			assertThat(flagGauges(registry, host)).containsOnly(entry("enabled", 1.0), entry("disabled", 0.0),
					entry("unknown", 0.0));
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(registry.find(TelemetryMeterNames.PENDING).tag("host", host).gauge())
					.isNotNull()
					.extracting(Gauge::value)
					.isEqualTo(0.0));
			assertThat(registry.find(TelemetryMeterNames.EVENTS).tag("outcome", "dropped").counters())
				.as("every reason is there from the start, at zero")
				.hasSize(DropReason.values().length)
				.allSatisfy((counter) -> assertThat(counter.count()).isZero());
			assertThat(registry.get(TelemetryMeterNames.EVENTS).meters())
				.allSatisfy((meter) -> assertThat(meter.getId().getBaseUnit()).isEqualTo("events"));
			assertThat(registry.get(TelemetryMeterNames.PENDING).gauge().getId().getBaseUnit()).isEqualTo("events");
		});
	}

	@Test
	void failingWorkspaceCountsDropsByReasonAndOpensTheBreakerGauge() {
		this.workspace.answerTelemetry(MonitoredApplication.failedExport(503));
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			MonitoredApplication.runWorkload(context.getBean(JdbcTemplate.class), 6);
			String host = host(context.getBean(DatabricksTelemetry.class));

			await().atMost(TIMEOUT).untilAsserted(() -> {
				assertThat(dropped(registry, "retries_exhausted", host)).isEqualTo(2);
				assertThat(dropped(registry, "circuit_open", host)).isPositive();
			});
			assertThat(registry.get(TelemetryMeterNames.EXPORT)
				.tags("status", "503", "outcome", "SERVER_ERROR", "result", "retries_exhausted", "host", host)
				.timer()
				.count()).isEqualTo(2);
			assertThat(registry.find(TelemetryMeterNames.EXPORT).tag("result", "circuit_open").timers())
				.as("no HTTP request is made while the breaker is open").isEmpty();
			assertThat(registry.get("resilience4j.circuitbreaker.state")
				.tags("host", host, "name", host, "state", "open")
				.gauge()
				.value()).isEqualTo(1);
			assertThat(events(registry, "exported", "none", host)).isZero();
		});
	}

	@Test
	void rejectedBatchIsATerminalError() {
		this.workspace.answerTelemetry(MonitoredApplication.failedExport(400));
		this.runner.withPropertyValues("databricks.telemetry.circuit-breaker.failure-threshold=100").run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			MonitoredApplication.runWorkload(context.getBean(JdbcTemplate.class), 2);
			String host = host(context.getBean(DatabricksTelemetry.class));

			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(dropped(registry, "terminal_error", host))
				.isGreaterThanOrEqualTo(4));
			assertThat(registry.get(TelemetryMeterNames.EXPORT)
				.tags("status", "400", "outcome", "CLIENT_ERROR", "result", "terminal_failure")
				.timer()
				.count()).isPositive();
		});
	}

	@Test
	void workspaceThatSaysNoShowsInTheFlagGaugeAndTheDrops() {
		this.workspace.answerFlag(false);
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			MonitoredApplication.runWorkload(context.getBean(JdbcTemplate.class), 2);
			String host = host(context.getBean(DatabricksTelemetry.class));

			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(flagGauges(registry, host)).containsOnly(entry("enabled", 0.0),
						entry("disabled", 1.0), entry("unknown", 0.0)));
			await().atMost(TIMEOUT)
				.untilAsserted(() -> assertThat(dropped(registry, "disabled_by_workspace", host)).isPositive());
		});
	}

	@Test
	void eventsLeftAtShutdownAreCountedAndTheHostsMetersGoAway() {
		// the breaker never lets the events out, and close cannot wait for it
		this.workspace.answerTelemetry(MonitoredApplication.failedExport(503));
		SimpleMeterRegistry[] registry = new SimpleMeterRegistry[1];
		String[] host = new String[1];
		java.util.concurrent.atomic.AtomicLong shutdownDrops = new java.util.concurrent.atomic.AtomicLong();
		TelemetryPipelineListener listener = new TelemetryPipelineListener() {

			@Override
			public void onEventsDropped(String dropHost, DropReason reason, int count) {
				if (reason == DropReason.SHUTDOWN) {
					shutdownDrops.addAndGet(count);
				}
			}

		};
		// force-enable: events that came before the workspace's first answer would be flushed
		// when it comes, and on a busy machine it comes after the workload
		this.runner.withBean(TelemetryPipelineListener.class, () -> listener)
			.withPropertyValues("databricks.telemetry.batch-size=1000", "databricks.telemetry.max-batch-size=1000",
					"databricks.telemetry.flush-interval=1h", "databricks.telemetry.shutdown-timeout=0s",
					"databricks.telemetry.force-enable=true")
			.run((context) -> {
				registry[0] = (SimpleMeterRegistry) context.getBean(MeterRegistry.class);
				MonitoredApplication.runWorkload(context.getBean(JdbcTemplate.class), 3);
				host[0] = host(context.getBean(DatabricksTelemetry.class));
				assertThat(registry[0].get(TelemetryMeterNames.PENDING).tag("host", host[0]).gauge().value())
					.isGreaterThanOrEqualTo(5);
			});
		assertThat(shutdownDrops.get()).isGreaterThanOrEqualTo(5);
		assertThat(registry[0].getMeters()).as("nothing of the pipeline is left of the released host")
			.filteredOn((meter) -> meter.getId().getName().startsWith(TelemetryMeterNames.PREFIX)
					|| meter.getId().getName().startsWith("resilience4j."))
			.noneMatch((meter) -> host[0].equals(meter.getId().getTag("host")));
	}

	@Test
	void noMeterTagCarriesSqlTextOrTheToken() {
		this.workspace.answerTelemetry(MonitoredApplication.failedExport(503));
		this.runner.run((context) -> {
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			MonitoredApplication.runWorkload(context.getBean(JdbcTemplate.class), 4);
			String host = host(context.getBean(DatabricksTelemetry.class));
			await().atMost(TIMEOUT).untilAsserted(() -> assertThat(dropped(registry, "circuit_open", host)).isPositive());

			assertThat(registry.getMeters()).isNotEmpty().allSatisfy((meter) -> assertTagsAreClean(meter));
		});
	}

	@Test
	void theMetricsBackOffWithoutMicrometerOrResilience4jMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader(TaggedCircuitBreakerMetrics.class))
			.run((context) -> assertThat(context).hasSingleBean(MicrometerTelemetryPipelineListener.class)
				.doesNotHaveBean(HostTaggedCircuitBreakerMetrics.class));
		MonitoredApplication
			.exportingTo(this.workspace, TelemetryContextRunner.starterWith(DataSourceAutoConfiguration.class,
					HttpClientAutoConfiguration.class, DatabricksTelemetryMetricsAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(MeterRegistry.class))
			.run((context) -> assertThat(context).hasNotFailed()
				.hasSingleBean(DatabricksTelemetry.class)
				.doesNotHaveBean(MicrometerTelemetryPipelineListener.class));
	}

	/** What Boot registered on the registry; Micrometer keeps the list to itself. */
	@SuppressWarnings("unchecked")
	private static List<ObservationHandler<?>> registeredHandlers(ObservationRegistry registry) {
		return (List<ObservationHandler<?>>) new ArrayList<>(
				(Collection<ObservationHandler<?>>) ReflectionTestUtils.getField(registry.observationConfig(),
						"observationHandlers"));
	}

	private static void assertTagsAreClean(Meter meter) {
		for (Tag tag : meter.getId().getTags()) {
			assertThat(tag.getValue()).as(meter.getId().toString())
				.doesNotContainIgnoringCase(MonitoredApplication.SECRET_SQL_MARKER)
				.doesNotContainIgnoringCase("orders")
				.doesNotContainIgnoringCase("missing_table")
				.doesNotContain(MonitoredApplication.TOKEN)
				.doesNotContain(MonitoredApplication.SERVER_SECRET);
		}
	}

	private static double dropped(MeterRegistry registry, String reason, String host) {
		return events(registry, "dropped", reason, host);
	}

	// find, not get: get throws a non-assertion exception, which Awaitility would not retry
	private static double events(MeterRegistry registry, String outcome, String reason, String host) {
		Collection<io.micrometer.core.instrument.Counter> counters = registry.find(TelemetryMeterNames.EVENTS)
			.tags("outcome", outcome, "reason", reason, "host", host)
			.counters();
		return counters.stream().mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
	}

	/** The feature-flag gauges of the host by their {@code state}. */
	private static Map<String, Double> flagGauges(MeterRegistry registry, String host) {
		Map<String, Double> gauges = new HashMap<>();
		for (Gauge gauge : registry.find(TelemetryMeterNames.FEATURE_FLAG).tag("host", host).gauges()) {
			gauges.put(gauge.getId().getTag(TelemetryMeterNames.TAG_STATE), gauge.value());
		}
		return gauges;
	}

	private static String host(DatabricksTelemetry telemetry) {
		assertThat(telemetry.hosts()).hasSize(1);
		return telemetry.hosts().get(0).host();
	}

}
