package io.github.dbtelemetry.internal.event;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.internal.host.FeatureFlagGate;
import io.github.dbtelemetry.internal.host.TelemetryClient;
import io.github.dbtelemetry.internal.host.TelemetryClientManager;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;
import io.github.dbtelemetry.export.CredentialsProvider;
import io.github.dbtelemetry.observation.DatabricksObservationContext;
import io.github.dbtelemetry.internal.operation.DatabricksOperation;
import io.github.dbtelemetry.observation.StatementObservationContext;
import io.github.dbtelemetry.internal.operation.TelemetryRecorder;
import io.github.dbtelemetry.support.ManualScheduler;
import io.github.dbtelemetry.support.RecordingTelemetryExporter;
import io.github.dbtelemetry.support.TestTelemetry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The telemetry handler of finished operations: "listens to" is {@code supportsContext}, "sampling none" is the handler not taking
 * part in the observation at all.
 */
class DatabricksTelemetryObservationHandlerTests {

	private final DatabricksTelemetryObservationHandler handler = new DatabricksTelemetryObservationHandler();

	private final ObservationRegistry registry = ObservationRegistry.create();

	DatabricksTelemetryObservationHandlerTests() {
		this.registry.observationConfig().observationHandler(this.handler);
	}

	private void observe(Observation.Context context) {
		Observation.createNotStarted("test", () -> context, this.registry).start().stop();
	}

	@Test
	void theHandlerTakesPartOnlyInDatabricksObservations() {
		CountingRecorder recorder = new CountingRecorder(true);
		assertThat(this.handler.supportsContext(TestTelemetry.statementCompleted(recorder, "s", null))).isTrue();
		assertThat(this.handler.supportsContext(TestTelemetry.connectionOpened(recorder))).isTrue();
		assertThat(this.handler.supportsContext(new Observation.Context())).as("not ours").isFalse();
		int asked = recorder.recordingQuestions.get();
		observe(new Observation.Context());
		assertThat(recorder.recordingQuestions).as("no work at all for other observations").hasValue(asked);
		assertThat(recorder.recorded).isEmpty();
	}

	@Test
	void aStoppedObservationIsRecorded() {
		CountingRecorder recorder = new CountingRecorder(true);
		StatementObservationContext context = TestTelemetry.statementCompleted(recorder, "s", null);
		observe(context);
		assertThat(recorder.recorded).containsExactly(context.getOperation());
	}

	@Test
	void aFailingRecorderNeverThrowsIntoTheObservation() {
		TelemetryRecorder throwing = new TelemetryRecorder() {
			@Override
			public boolean isRecording() {
				return true;
			}

			@Override
			public void record(DatabricksOperation operation) {
				throw new IllegalStateException("aggregator broken");
			}
		};
		TelemetryRecorder undecided = new TelemetryRecorder() {
			@Override
			public boolean isRecording() {
				throw new IllegalStateException("gate broken");
			}

			@Override
			public void record(DatabricksOperation operation) {
			}
		};
		assertThatCode(() -> observe(TestTelemetry.statementCompleted(throwing, "s", null)))
			.doesNotThrowAnyException();
		assertThatCode(() -> observe(TestTelemetry.statementCompleted(undecided, "s", null)))
			.doesNotThrowAnyException();
		assertThat(this.handler.supportsContext(TestTelemetry.statementCompleted(undecided, "s", null))).isFalse();
	}

	@Test
	void nothingIsRecordedWhileTheWorkspaceSaysNo() {
		CountingRecorder recorder = new CountingRecorder(false);
		StatementObservationContext context = TestTelemetry.statementCompleted(recorder, "s", null);
		assertThat(this.handler.supportsContext(context)).isFalse();
		observe(context);
		assertThat(recorder.recorded).isEmpty();
		TelemetryClient disabled = TestTelemetry.client(new RecordingTelemetryExporter(),
				() -> FeatureFlagGate.State.DISABLED, TestTelemetry.settings(10, Duration.ofHours(1)),
				new ManualScheduler());
		assertThat(this.handler.supportsContext(TestTelemetry.statementCompleted(disabled.getAggregator(), "s", null)))
			.as("the workspace said no for this host").isFalse();
	}

	@Test
	void everythingIsRecordedWhenEnabledOrBeforeTheFirstAnswer() {
		ManualScheduler scheduler = new ManualScheduler();
		for (FeatureFlagGate gate : List.<FeatureFlagGate>of(FeatureFlagGate.FORCED,
				() -> FeatureFlagGate.State.UNKNOWN)) {
			TelemetryClient client = TestTelemetry.client(new RecordingTelemetryExporter(), gate,
					TestTelemetry.settings(10, Duration.ofHours(1)), scheduler);
			StatementObservationContext context = TestTelemetry.statementCompleted(client.getAggregator(), "s", null);
			assertThat(this.handler.supportsContext(context)).as("enabled, or held until the first answer").isTrue();
			observe(context);
			assertThat(client.getPendingCount()).isEqualTo(1);
		}
	}

	@Test
	void releasingTheClientFlushesItAndItTakesNoMoreWork() {
		ManualScheduler scheduler = new ManualScheduler();
		RecordingTelemetryExporter exporter = new RecordingTelemetryExporter();
		TelemetryClientManager manager = new TelemetryClientManager(
				(host, baseUrl, credentials) -> TestTelemetry.client(baseUrl, credentials, exporter,
						FeatureFlagGate.FORCED, TestTelemetry.settings(100, Duration.ofHours(1)),
						TestTelemetry.eventFactory(), TelemetryPipelineListener.NONE, scheduler),
				Duration.ofSeconds(5));
		TelemetryClient client = manager.getOrCreateClient(TestTelemetry.HOST, URI.create("https://h"),
				CredentialsProvider.NONE);
		assertThat(scheduler.activeScheduledCount()).as("the periodic flush").isEqualTo(1);
		observe(TestTelemetry.statementCompleted(client.getAggregator(), "s", null));
		manager.releaseClient(TestTelemetry.HOST, CredentialsProvider.NONE);
		assertThat(exporter.statementEvents()).as("flushed on stop").hasSize(1);
		assertThat(scheduler.activeScheduledCount()).as("periodic flush cancelled").isZero();
		StatementObservationContext late = TestTelemetry.statementCompleted(client.getAggregator(), "late", null);
		assertThat(this.handler.supportsContext(late)).as("a stopped client takes no more work").isFalse();
	}

	private static final class CountingRecorder implements TelemetryRecorder {

		private final boolean recording;

		private final AtomicInteger recordingQuestions = new AtomicInteger();

		private final List<DatabricksOperation> recorded = new CopyOnWriteArrayList<>();

		CountingRecorder(boolean recording) {
			this.recording = recording;
		}

		@Override
		public boolean isRecording() {
			this.recordingQuestions.incrementAndGet();
			return this.recording;
		}

		@Override
		public void record(DatabricksOperation operation) {
			this.recorded.add(operation);
		}

	}

}
