package io.github.dbtelemetry.e2e;

import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.pipeline.DropReason;
import io.github.dbtelemetry.pipeline.FeatureFlagState;
import io.github.dbtelemetry.pipeline.HostSnapshot;
import io.github.dbtelemetry.support.CountingPipelineListener;
import io.github.dbtelemetry.support.StandInWorkspace;
import io.github.dbtelemetry.support.TelemetryTestFixture;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * While nothing can leave (the workspace has not answered its feature flag, and its export
 * endpoint answers 503), the pending events stay within {@code max-pending-events}, every event
 * beyond it is counted as dropped {@code buffer_full}, and the heap they hold is bounded: the
 * buffer, never the number of statements, decides how much telemetry an application keeps.
 */
class PendingMemoryTests {

	@Test
	void realStatementsWhileTheWorkspaceIsSilentStayWithinMaxPending() {
		int statements = 10_000;
		int capacity = 1_000;
		CountingPipelineListener listener = new CountingPipelineListener();
		try (StandInWorkspace workspace = new StandInWorkspace()) {
			// The flag answer is held far longer than the test: events wait for it, none leave.
			workspace.answerFlag(aResponse().withStatus(200).withBody("{\"flags\":[]}").withFixedDelay(30_000));
			workspace.answerTelemetry(503);
			ExportTestApplication.exportingTo(workspace, listener)
				.withPropertyValues("databricks.telemetry.max-pending-events=" + capacity,
						"databricks.telemetry.batch-size=100", "databricks.telemetry.response-timeout=60s",
						"databricks.telemetry.shutdown-timeout=200ms")
				.run((context) -> {
					JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
					DatabricksTelemetry telemetry = context.getBean(DatabricksTelemetry.class);
					int maxPending = 0;
					for (int i = 0; i < statements; i++) {
						assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
						for (HostSnapshot host : telemetry.hosts()) {
							maxPending = Math.max(maxPending, host.pending());
						}
					}
					HostSnapshot host = ExportTestApplication.onlyHost(telemetry);
					assertThat(host.featureFlag()).isEqualTo(FeatureFlagState.UNKNOWN);
					assertThat(maxPending).isEqualTo(capacity);
					assertThat(host.pending()).isEqualTo(capacity);
					// one session event besides the statements
					assertThat(listener.dropped(DropReason.BUFFER_FULL)).isEqualTo(statements + 1 - capacity);
				});
			assertThat(workspace.telemetryRequests()).isEmpty();
			assertThat(listener.exported()).isZero();
			assertThat(listener.dropped(DropReason.SHUTDOWN)).isEqualTo(capacity);
			listener.assertNoDropsExcept(DropReason.BUFFER_FULL, DropReason.SHUTDOWN);
		}
	}

	/**
	 * The issue's own wording: a million statements through the JDBC wrappers while the
	 * workspace cannot take them (it has not answered, and its endpoint would answer 503). The
	 * starter's real events share their system configuration and connection parameters, so
	 * they are held to the starter's goal of 1 KB per pending event.
	 */
	@Test
	void aMillionRealStatementsWhileTheWorkspaceIsDownKeepOnlyTheBoundedBuffer() throws Exception {
		int capacity = 10_000;
		int statements = 1_000_000;
		CountingPipelineListener listener = new CountingPipelineListener();
		TelemetryExporter unavailable = (endpoint, logs) -> CompletableFuture
			.completedFuture(ExportResult.retriesExhausted(logs.size(), 503, "http_503"));
		// A workspace that takes the feature-flag request and never answers: events wait for it.
		try (ServerSocket silentWorkspace = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
				TelemetryTestFixture fixture = new TelemetryTestFixture(unavailable,
						(builder) -> builder.forceEnable(false)
							.endpoint(URI.create("http://127.0.0.1:" + silentWorkspace.getLocalPort()))
							.responseTimeout(Duration.ofMinutes(10))
							.batchSize(100)
							.maxPendingEvents(capacity)
							.shutdownTimeout(Duration.ZERO)
							.listener(listener))) {
			runSelectOne(fixture.dataSource(), capacity); // the database's own caches, and the host
			assertThat(fixture.host().featureFlag()).isEqualTo(FeatureFlagState.UNKNOWN);
			assertThat(fixture.host().pending()).isEqualTo(capacity);
			long fullBuffer = usedHeapAfterGc();
			runSelectOne(fixture.dataSource(), statements - capacity);
			long afterMillion = usedHeapAfterGc();

			assertThat(fixture.host().pending()).isEqualTo(capacity);
			// every statement and every new session (one per physical connection the pool hands
			// out, at most its size) is either pending or counted as dropped
			int poolSize = fixture.pool().getMaximumPoolSize();
			assertThat(listener.dropped(DropReason.BUFFER_FULL)).isBetween((long) statements + 1 - capacity,
					(long) statements + poolSize - capacity);
			assertThat(afterMillion - fullBuffer).as("a million statements later the heap held is the buffer's")
				.isLessThan(capacity * 1024L / 10);
			// what the full buffer itself retains, against an empty one
			fixture.telemetry().close();
			long emptied = usedHeapAfterGc();
			assertThat((fullBuffer - emptied) / capacity).as("retained bytes per pending event").isLessThan(1024);
			assertThat(listener.exported()).isZero();
		}
	}

	private static void runSelectOne(javax.sql.DataSource dataSource, int count) throws java.sql.SQLException {
		for (int i = 0; i < count; i++) {
			try (java.sql.Connection connection = dataSource.getConnection();
					java.sql.Statement statement = connection.createStatement();
					java.sql.ResultSet rows = statement.executeQuery("SELECT 1")) {
				rows.next();
			}
		}
	}

	// Two collections: the first may only finish what objects' cleaners left to do.
	private static long usedHeapAfterGc() {
		System.gc();
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
