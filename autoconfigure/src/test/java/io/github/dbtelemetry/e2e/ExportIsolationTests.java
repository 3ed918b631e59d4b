package io.github.dbtelemetry.e2e;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcTemplate;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryEndpoint;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.internal.export.DatabricksTelemetryExporter;
import io.github.dbtelemetry.internal.export.ExportRetrySettings;
import io.github.dbtelemetry.internal.export.TelemetryHttpClient;
import io.github.dbtelemetry.internal.export.TelemetryPayloadSerializer;
import io.github.dbtelemetry.model.TelemetryFrontendLog;
import io.github.dbtelemetry.pipeline.DropReason;
import io.github.dbtelemetry.support.CountingPipelineListener;
import io.github.dbtelemetry.support.StandInWorkspace;

import static io.github.dbtelemetry.support.StandInWorkspace.checkedEvents;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * No JDBC call waits on an export: while the workspace sits on the first request for 30 s,
 * thousands of statements complete, the export stays the only one in flight, and the exporter is
 * only ever entered on the starter's own threads.
 */
class ExportIsolationTests {

	private static final int STATEMENTS = 2000;

	private static final int SESSION_EVENTS = 1;

	private static final int BATCH_SIZE = 100;

	private StandInWorkspace workspace;

	private final CountingPipelineListener listener = new CountingPipelineListener();

	@BeforeEach
	void startWorkspace() {
		this.workspace = new StandInWorkspace();
		this.workspace.answerTelemetry(StandInWorkspace.accepted().withFixedDelay(30_000));
	}

	private final List<Runnable> closeables = new CopyOnWriteArrayList<>();

	@AfterEach
	void stopWorkspace() {
		this.closeables.forEach(Runnable::run);
		this.workspace.close();
	}

	@Test
	void statementsCompleteWhileTheFirstExportHangs() {
		List<String> exportCallers = new CopyOnWriteArrayList<>();
		int[] firstBatch = { 0 };
		String applicationThread = Thread.currentThread().getName();
		int[] completed = { 0 };
		ExportTestApplication.exportingTo(this.workspace, this.listener)
			.withBean(TelemetryExporter.class, () -> new RecordingCaller(httpExporter(), exportCallers))
			// The response timeout outlives the delay, so only the delay holds the export; the
			// short shutdown timeout lets the context give up on it at close.
			.withPropertyValues("databricks.telemetry.batch-size=" + BATCH_SIZE,
					"databricks.telemetry.response-timeout=60s", "databricks.telemetry.max-retries=0",
					"databricks.telemetry.shutdown-timeout=200ms")
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
				completed[0]++;
				DatabricksTelemetry client = ExportTestApplication.enabledTelemetry(context);
				for (int i = 1; i < STATEMENTS; i++) {
					assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
					completed[0]++;
				}
				await().until(() -> this.workspace.telemetryRequests().size() == 1);

				assertThat(completed[0]).isEqualTo(STATEMENTS);
				List<LoggedRequest> requests = this.workspace.telemetryRequests();
				assertThat(requests).as("the first batch is the only request, held by the workspace").hasSize(1);
				// What was held until the workspace's flag answer goes out at once, so the first
				// batch may be smaller than batch-size; everything after it waits.
				firstBatch[0] = checkedEvents(requests.get(0)).size();
				assertThat(firstBatch[0]).isBetween(1, BATCH_SIZE);
				assertThat(this.listener.results()).as("no export has ended").isEmpty();
				assertThat(ExportTestApplication.onlyHost(client).pending()).isEqualTo(STATEMENTS + SESSION_EVENTS - firstBatch[0]);
				CompletableFuture<Void> flush = client.flush();
				assertThat(flush).as("a flush joins the export in flight instead of starting one").isNotDone();
			});
		assertThat(exportCallers).isNotEmpty()
			.allSatisfy((caller) -> assertThat(caller).startsWith("databricks-telemetry-")
				.isNotEqualTo(applicationThread));
		assertThat(this.listener.dropped(DropReason.SHUTDOWN))
			.as("what was pending, the batch still in flight, and the end of the session the closing pool ended, "
					+ "when the shutdown timeout ran out")
			.isEqualTo(STATEMENTS + SESSION_EVENTS + 1);
		assertThat(this.workspace.telemetryRequests()).hasSize(1);
	}

	/** Wraps the application's exporter to note which thread calls it. */
	// The starter's own HTTP exporter, as the engine makes it, behind the recorder of its callers.
	private TelemetryExporter httpExporter() {
		TelemetryHttpClient http = TelemetryHttpClient.create(null, Duration.ofSeconds(5), Duration.ofSeconds(60));
		this.closeables.add(http::close);
		return new DatabricksTelemetryExporter(http, new TelemetryPayloadSerializer(),
				new ExportRetrySettings(0, Duration.ofMillis(10), Duration.ofSeconds(2), Duration.ofSeconds(5),
						Duration.ofSeconds(60)),
				"test");
	}

	private record RecordingCaller(TelemetryExporter delegate, List<String> callers) implements TelemetryExporter {

		@Override
		public CompletableFuture<ExportResult> export(TelemetryEndpoint endpoint, List<TelemetryFrontendLog> logs) {
			this.callers.add(Thread.currentThread().getName());
			return this.delegate.export(endpoint, logs);
		}

	}

}
