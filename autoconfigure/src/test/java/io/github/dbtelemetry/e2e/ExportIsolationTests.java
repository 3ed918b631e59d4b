package io.github.dbtelemetry.e2e;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.dbtelemetry.pipeline.DropReason;
import io.github.dbtelemetry.internal.host.TelemetryClient;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryEndpoint;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.model.TelemetryFrontendLog;
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

	@AfterEach
	void stopWorkspace() {
		this.workspace.close();
	}

	@Test
	void statementsCompleteWhileTheFirstExportHangs() {
		List<String> exportCallers = new CopyOnWriteArrayList<>();
		int[] firstBatch = { 0 };
		String applicationThread = Thread.currentThread().getName();
		int[] completed = { 0 };
		ExportTestApplication.exportingTo(this.workspace, this.listener)
			.withBean("recordingExporterCallers", BeanPostProcessor.class, () -> new CallerRecorder(exportCallers))
			// The response timeout outlives the delay, so only the delay holds the export; the
			// short shutdown timeout lets the context give up on it at close.
			.withPropertyValues("databricks.telemetry.batch-size=" + BATCH_SIZE,
					"databricks.telemetry.response-timeout=60s", "databricks.telemetry.max-retries=0",
					"databricks.telemetry.shutdown-timeout=200ms")
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
				completed[0]++;
				TelemetryClient client = ExportTestApplication.enabledClient(context);
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
				assertThat(client.getPendingCount()).isEqualTo(STATEMENTS + SESSION_EVENTS - firstBatch[0]);
				CompletableFuture<Void> flush = client.flush();
				assertThat(flush).as("a flush joins the export in flight instead of starting one").isNotDone();
			});
		assertThat(exportCallers).isNotEmpty()
			.allSatisfy((caller) -> assertThat(caller).startsWith("databricks-telemetry-")
				.isNotEqualTo(applicationThread));
		assertThat(this.listener.dropped(DropReason.SHUTDOWN))
			.as("what was pending, and the batch still in flight, when the shutdown timeout ran out")
			.isEqualTo(STATEMENTS + SESSION_EVENTS);
		assertThat(this.workspace.telemetryRequests()).hasSize(1);
	}

	/** Wraps the application's exporter to note which thread calls it. */
	private static final class CallerRecorder implements BeanPostProcessor {

		private final List<String> callers;

		CallerRecorder(List<String> callers) {
			this.callers = callers;
		}

		@Override
		public Object postProcessAfterInitialization(Object bean, String beanName) {
			if (bean instanceof TelemetryExporter exporter) {
				return new RecordingCaller(exporter, this.callers);
			}
			return bean;
		}

	}

	private record RecordingCaller(TelemetryExporter delegate, List<String> callers) implements TelemetryExporter {

		@Override
		public CompletableFuture<ExportResult> export(TelemetryEndpoint endpoint, List<TelemetryFrontendLog> logs) {
			this.callers.add(Thread.currentThread().getName());
			return this.delegate.export(endpoint, logs);
		}

	}

}
