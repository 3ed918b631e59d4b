package io.github.dbtelemetry.e2e;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.dbtelemetry.internal.host.TelemetryThreads;
import io.github.dbtelemetry.pipeline.DropReason;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;
import io.github.dbtelemetry.support.CountingPipelineListener;
import io.github.dbtelemetry.support.StandInWorkspace;
import io.github.dbtelemetry.support.TelemetryContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * What closing the application context does to telemetry: everything pending of every host is
 * flushed within {@code shutdown-timeout}, what is still undelivered then is counted once as a
 * shutdown drop, and nothing of the starter keeps running or calling the workspace.
 */
@ExtendWith(OutputCaptureExtension.class)
class ContextShutdownTests {

	private StandInWorkspace workspace;

	@BeforeEach
	void startWorkspace() {
		this.workspace = new StandInWorkspace();
	}

	@AfterEach
	void stopWorkspace() {
		this.workspace.close();
	}

	private ApplicationContextRunner application() {
		return TelemetryContextRunner.application()
			.withPropertyValues(TelemetryContextRunner.h2ExportingTo(this.workspace.baseUrl(), "dapi-shutdown"))
			.withPropertyValues("databricks.telemetry.max-retries=0");
	}

	private static void runStatements(JdbcTemplate jdbc, int count) {
		for (int i = 0; i < count; i++) {
			assertThat(jdbc.queryForObject("SELECT ?", Integer.class, i)).isEqualTo(i);
		}
	}

	private static Map<Long, Thread> starterThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().startsWith(TelemetryThreads.THREAD_NAME_PREFIX))
			.collect(Collectors.toMap(Thread::getId, (thread) -> thread));
	}

	@Test
	void noStarterThreadOutlivesTheContextAndNoneIsEverNonDaemon() {
		Set<Long> before = starterThreads().keySet();
		Map<Long, Thread> seen = new ConcurrentHashMap<>();
		application().withPropertyValues("databricks.telemetry.flush-interval=50ms",
				"databricks.telemetry.batch-size=5")
			.run((context) -> {
				for (int round = 0; round < 5; round++) {
					runStatements(context.getBean(JdbcTemplate.class), 10);
					seen.putAll(starterThreads());
				}
			});
		seen.keySet().removeAll(before);
		assertThat(seen).as("the starter's threads were seen at work").isNotEmpty();
		assertThat(seen.values()).allSatisfy((thread) -> assertThat(thread.isDaemon()).isTrue());
		await().atMost(Duration.ofSeconds(5))
			.untilAsserted(() -> assertThat(seen.values()).noneMatch(Thread::isAlive));
		assertThat(starterThreads().keySet()).allMatch(before::contains);
	}

	@Test
	void noRequestReachesTheWorkspaceAfterTheContextCloses() {
		application().withPropertyValues("databricks.telemetry.flush-interval=20ms",
				"databricks.telemetry.batch-size=3", "databricks.telemetry.feature-flag.cache-ttl=1s")
			.run((context) -> runStatements(context.getBean(JdbcTemplate.class), 20));
		int afterClose = this.workspace.requests().size();
		assertThat(afterClose).isPositive();
		await().during(Duration.ofMillis(500))
			.atMost(Duration.ofSeconds(2))
			.until(() -> this.workspace.requests().size() == afterClose);
	}

	@Test
	void everyStatementIsDeliveredExactlyOnceWhenTheContextClosesAtOnce() {
		int statements = 37;
		// nothing is exported before the close: the batch size and interval are never reached
		application().withPropertyValues("databricks.telemetry.flush-interval=1h",
				"databricks.telemetry.batch-size=1000")
			.run((context) -> runStatements(context.getBean(JdbcTemplate.class), statements));
		List<String> ids = this.workspace.statementEvents()
			.stream()
			.map(StandInWorkspace::statementId)
			.toList();
		assertThat(ids).hasSize(statements).doesNotHaveDuplicates().doesNotContain("");
	}

	@Test
	void eventsUndeliveredAtTheDeadlineAreCountedOnceAsShutdownDrops(CapturedOutput output) {
		this.workspace.answerTelemetry(StandInWorkspace.accepted().withFixedDelay(1000));
		CountingPipelineListener listener = new CountingPipelineListener();
		int statements = 12;
		application().withBean(TelemetryPipelineListener.class, () -> listener)
			.withPropertyValues("databricks.telemetry.flush-interval=1h", "databricks.telemetry.batch-size=5",
					"databricks.telemetry.shutdown-timeout=200ms", "databricks.telemetry.response-timeout=10s")
			.run((context) -> runStatements(context.getBean(JdbcTemplate.class), statements));
		long dropped = listener.dropped(DropReason.SHUTDOWN);
		assertThat(dropped).as("statements and at least one session").isGreaterThan(statements);
		assertThat(listener.exported()).isZero();
		// the exports that were in flight at the deadline complete now: they are not counted again
		await().during(Duration.ofMillis(1500)).atMost(Duration.ofSeconds(3)).until(() -> listener.exported() == 0
				&& listener.dropped(DropReason.SHUTDOWN) == dropped && listener.droppedTotal() == dropped);
		assertThat(output.getOut().lines().filter((line) -> line.contains("INFO")
				&& line.contains("Dropped " + dropped + " telemetry events")))
			.as("logged once, with the count")
			.hasSize(1);
	}

	@Test
	void noRequestReachesTheWorkspaceAfterCloseReturnsWhileAnExportIsRetrying(CapturedOutput output) {
		this.workspace.answerTelemetry(aResponse().withStatus(503).withFixedDelay(300));
		application().withPropertyValues("databricks.telemetry.max-retries=5",
				"databricks.telemetry.retry-delay=100ms", "databricks.telemetry.retry-max-delay=100ms",
				"databricks.telemetry.shutdown-timeout=200ms", "databricks.telemetry.circuit-breaker.enabled=false",
				"databricks.telemetry.flush-interval=1h", "databricks.telemetry.batch-size=3")
			.run((context) -> {
				runStatements(context.getBean(JdbcTemplate.class), 6);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> this.workspace.telemetryRequests().size() >= 1);
			});
		int afterClose = this.workspace.telemetryRequests().size();
		await().during(Duration.ofSeconds(3))
			.atMost(Duration.ofSeconds(5))
			.until(() -> this.workspace.telemetryRequests().size() == afterClose);
		assertThat(output.getAll()).as("the cancelled exchange is not an error of the application")
			.doesNotContain("ERROR")
			.doesNotContain("onErrorDropped");
	}

	@Test
	void noThreadOfTheStarterRemainsAfterTheContextCloses() {
		Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
		application().withPropertyValues("databricks.telemetry.flush-interval=50ms",
				"databricks.telemetry.batch-size=5")
			.run((context) -> {
				runStatements(context.getBean(JdbcTemplate.class), 20);
				await().atMost(Duration.ofSeconds(10))
					.until(() -> !this.workspace.telemetryRequests().isEmpty());
			});
		// On Java 17 the JDK's HTTP selector thread ends once its client is unreachable: collect it.
		await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
			System.gc();
			assertThat(threadsStartedSince(before)).isEmpty();
		});
	}

	@Test
	void theWorkspaceSeesTheStartersConnectionsClosedAfterTheContextCloses() throws Exception {
		try (KeepAliveWorkspace keepAlive = new KeepAliveWorkspace()) {
			application().withPropertyValues("databricks.telemetry.endpoint=" + keepAlive.baseUrl(),
					"databricks.telemetry.flush-interval=50ms", "databricks.telemetry.batch-size=5")
				.run((context) -> {
					runStatements(context.getBean(JdbcTemplate.class), 20);
					await().atMost(Duration.ofSeconds(10)).until(() -> keepAlive.telemetryRequests() > 0);
					assertThat(keepAlive.openConnections()).as("kept alive while the application runs").isPositive();
				});
			assertThat(keepAlive.acceptedConnections()).isPositive();
			// On Java 17 the JDK closes them when the closed client is collected.
			await().atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(200)).untilAsserted(() -> {
				System.gc();
				assertThat(keepAlive.openConnections()).isZero();
			});
		}
	}

	// Threads the JVM or the test tools start on their own (WireMock's, Awaitility's, the JIT's
	// helpers, H2's) are not the starter's.
	private static List<String> threadsStartedSince(Set<Thread> before) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> !before.contains(thread) && thread.isAlive())
			.map(Thread::getName)
			.filter((name) -> !name.startsWith("awaitility") && !name.startsWith("qtp")
					&& !name.startsWith("Connector-Scheduler") && !name.startsWith("keep-alive-workspace")
					&& !name.startsWith("Common-Cleaner") && !name.startsWith("Attach Listener")
					&& !name.startsWith("H2 ") && !name.startsWith("process reaper")
					&& !name.startsWith("ForkJoinPool.commonPool"))
			.toList();
	}

}
