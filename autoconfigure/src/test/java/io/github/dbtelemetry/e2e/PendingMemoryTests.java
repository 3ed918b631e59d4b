package io.github.dbtelemetry.e2e;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import io.github.dbtelemetry.internal.event.IdGenerator;
import io.github.dbtelemetry.internal.event.SystemConfigurations;
import io.github.dbtelemetry.internal.event.TelemetryEventFactory;
import io.github.dbtelemetry.pipeline.DropReason;
import io.github.dbtelemetry.internal.host.FeatureFlagGate;
import io.github.dbtelemetry.internal.host.TelemetryClient;
import io.github.dbtelemetry.internal.host.TelemetryClientManager;
import io.github.dbtelemetry.internal.host.TelemetryClientSettings;
import io.github.dbtelemetry.internal.host.TelemetryThreads;
import io.github.dbtelemetry.export.CredentialsProvider;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryEndpoint;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.model.TelemetryFrontendLog;
import io.github.dbtelemetry.support.CountingPipelineListener;
import io.github.dbtelemetry.support.StandInWorkspace;
import io.github.dbtelemetry.support.TelemetryPayloadSamples;
import io.github.dbtelemetry.support.TelemetryTestFixture;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While nothing can leave (the workspace has not answered its feature flag, and its export
 * endpoint answers 503), the pending events stay within {@code max-pending-events}, every event
 * beyond it is counted as dropped {@code buffer_full}, and the heap they hold is bounded: the
 * buffer, never the number of statements, decides how much telemetry an application keeps.
 */
class PendingMemoryTests {

	/**
	 * The retained-heap bound per pending event: 4 KB, so 40 MB for the default 10 000. It is
	 * measured on the fullest event the model can hold ({@link TelemetryPayloadSamples#full()}:
	 * proxies, a volume operation, a stack trace) with no string or record shared, which came to
	 * about 2.6 KB on a 64-bit JVM with compressed references; the starter's own events share
	 * their system configuration and are smaller. The margin keeps GC accounting from making the
	 * test flaky.
	 */
	private static final long MAX_BYTES_PER_PENDING_EVENT = 4096;

	private final JsonMapper json = JsonMapper.builder().build();

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
					TelemetryClientManager manager = context.getBean(TelemetryClientManager.class);
					int maxPending = 0;
					for (int i = 0; i < statements; i++) {
						assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
						for (TelemetryClient client : manager.getClients().values()) {
							maxPending = Math.max(maxPending, client.getPendingCount());
						}
					}
					TelemetryClient client = manager.getClients().values().iterator().next();
					assertThat(client.snapshot().featureFlag()).isEqualTo(FeatureFlagGate.State.UNKNOWN);
					assertThat(maxPending).isEqualTo(capacity);
					assertThat(client.getPendingCount()).isEqualTo(capacity);
					// one session event besides the statements
					assertThat(listener.dropped(DropReason.BUFFER_FULL)).isEqualTo(statements + 1 - capacity);
				});
			assertThat(workspace.telemetryRequests()).isEmpty();
			assertThat(listener.exported()).isZero();
			assertThat(listener.dropped(DropReason.SHUTDOWN)).isEqualTo(capacity);
			listener.assertNoDropsExcept(DropReason.BUFFER_FULL, DropReason.SHUTDOWN);
		}
	}

	@Test
	void aMillionEventsRetainNoMoreThanTheBoundedBuffer() {
		int capacity = 10_000;
		int total = 1_000_000;
		CountingPipelineListener listener = new CountingPipelineListener();
		TelemetryEventFactory events = new TelemetryEventFactory(SystemConfigurations.forApplication("memory"),
				SystemConfigurations.userAgent(null), Clock.systemUTC(), IdGenerator.RANDOM);
		String template = this.json.writeValueAsString(TelemetryPayloadSamples.full());
		String templateId = TelemetryPayloadSamples.full().frontendLogEventId();
		try (TelemetryThreads threads = new TelemetryThreads(1)) {
			// The workspace has not answered yet: nothing is exported, everything waits.
			FeatureFlagGate held = () -> FeatureFlagGate.State.UNKNOWN;
			TelemetryClient client = new TelemetryClient(
					new TelemetryEndpoint("memory.example.com", URI.create("http://127.0.0.1:1"),
							CredentialsProvider.NONE, true),
					(endpoint, logs) -> CompletableFuture.completedFuture(ExportResult.retriesExhausted(logs.size(), 503, "http_503")),
					held, new TelemetryClientSettings(100, Duration.ofHours(1), capacity, Duration.ZERO), events,
					listener, threads.scheduler(), Clock.systemUTC());

			// Jackson builds and caches its deserializers on first use; that is not the buffer's.
			this.json.readValue(template, TelemetryFrontendLog.class);
			long baseline = usedHeapAfterGc();
			// Each pending event is a distinct deep copy of the fullest event the model has: no
			// string or nested record is shared, as if each came from its own statement.
			for (int i = 0; i < capacity; i++) {
				client.enqueue(this.json.readValue(template.replace(templateId, "event-" + i),
						TelemetryFrontendLog.class));
			}
			long fullBuffer = usedHeapAfterGc();
			long bytesPerEvent = (fullBuffer - baseline) / capacity;
			assertThat(client.getPendingCount()).isEqualTo(capacity);
			assertThat(bytesPerEvent).as("retained bytes per pending event").isLessThan(MAX_BYTES_PER_PENDING_EVENT);

			TelemetryFrontendLog sample = TelemetryPayloadSamples.full();
			int maxPending = 0;
			for (int i = capacity; i < total; i++) {
				client.enqueue(new TelemetryFrontendLog(sample.workspaceId(), "event-" + i, sample.context(),
						sample.entry()));
				if (i % 1_000 == 0) {
					maxPending = Math.max(maxPending, client.getPendingCount());
				}
			}
			assertThat(maxPending).isEqualTo(capacity);
			assertThat(client.getPendingCount()).isEqualTo(capacity);
			assertThat(listener.dropped(DropReason.BUFFER_FULL)).isEqualTo(total - capacity);
			assertThat(client.snapshot().dropped()).containsEntry(DropReason.BUFFER_FULL, (long) (total - capacity));
			// Dropped events leave nothing behind: at most a tenth of the buffer's own size.
			long afterBulk = usedHeapAfterGc();
			assertThat(afterBulk - fullBuffer).isLessThan((fullBuffer - baseline) / 10);

			client.close(Duration.ZERO);
			assertThat(listener.dropped(DropReason.SHUTDOWN)).isEqualTo(capacity);
			assertThat(client.getPendingCount()).isZero();
			await().until(() -> usedHeapAfterGc() - baseline < (fullBuffer - baseline) / 10);
			assertThat(listener.exported()).isZero();
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
		try (TelemetryTestFixture fixture = new TelemetryTestFixture(unavailable,
				new TelemetryClientSettings(100, Duration.ofHours(1), capacity, Duration.ZERO), false,
				() -> FeatureFlagGate.State.UNKNOWN, listener)) {
			runSelectOne(fixture.dataSource(), capacity); // the database's own caches, and the client
			TelemetryClient client = fixture.clientManager().getClients().values().iterator().next();
			assertThat(client.getPendingCount()).isEqualTo(capacity);
			long fullBuffer = usedHeapAfterGc();
			runSelectOne(fixture.dataSource(), statements - capacity);
			long afterMillion = usedHeapAfterGc();

			assertThat(client.getPendingCount()).isEqualTo(capacity);
			// every statement and every new session (one per physical connection the pool hands
			// out, at most its size) is either pending or counted as dropped
			int poolSize = fixture.pool().getMaximumPoolSize();
			assertThat(listener.dropped(DropReason.BUFFER_FULL)).isBetween((long) statements + 1 - capacity,
					(long) statements + poolSize - capacity);
			assertThat(afterMillion - fullBuffer).as("a million statements later the heap held is the buffer's")
				.isLessThan(capacity * 1024L / 10);
			// what the full buffer itself retains, against an empty one
			client.close(Duration.ZERO);
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
