package io.github.dbtelemetry.internal.host;

import io.github.dbtelemetry.pipeline.DropReason;
import io.github.dbtelemetry.pipeline.TelemetryClientSnapshot;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.internal.event.IdGenerator;
import io.github.dbtelemetry.internal.event.SystemConfigurations;
import io.github.dbtelemetry.internal.event.TelemetryEventBuilder;
import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.export.ExportOutcome;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryEndpoint;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.model.TelemetryFrontendLog;
import io.github.dbtelemetry.support.ManualScheduler;
import io.github.dbtelemetry.support.RecordingTelemetryExporter;
import io.github.dbtelemetry.support.TestTelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class TelemetryClientTests {

	private final TelemetryThreads threads = new TelemetryThreads(1);

	private final Map<DropReason, Integer> drops = new ConcurrentHashMap<>();

	private final TelemetryPipelineListener listener = new TelemetryPipelineListener() {
		@Override
		public void onEventsDropped(String host, DropReason reason, int count) {
			TelemetryClientTests.this.drops.merge(reason, count, Integer::sum);
		}
	};

	@AfterEach
	void stop() {
		this.threads.close();
	}

	private TelemetryClient client(TelemetryExporter exporter, FeatureFlagGate gate, int batchSize, int capacity) {
		return new TelemetryClient(new TelemetryEndpoint("h", URI.create("https://h"), TokenSource.NONE, false),
				exporter, gate,
				new TelemetryClientSettings(batchSize, Duration.ofHours(1), capacity, Duration.ofSeconds(5)),
				new TelemetryEventBuilder(SystemConfigurations.forApplication(null), "ua", Clock.systemUTC(),
						IdGenerator.RANDOM),
				this.listener, this.threads.scheduler(), Clock.systemUTC());
	}

	private static TelemetryFrontendLog log() {
		return new TelemetryFrontendLog(null, IdGenerator.RANDOM.next(), null, null);
	}

	@Test
	void fullBufferDropsAndCountsInsteadOfGrowing() {
		List<List<TelemetryFrontendLog>> batches = new CopyOnWriteArrayList<>();
		TelemetryClient client = client((endpoint, logs) -> {
			batches.add(logs);
			return CompletableFuture.completedFuture(ExportResult.success(logs.size(), 200));
		}, () -> FeatureFlagGate.State.UNKNOWN, 1000, 10);
		for (int i = 0; i < 25; i++) {
			client.enqueue(log());
		}
		assertThat(client.getPendingCount()).isEqualTo(10);
		assertThat(this.drops).containsEntry(DropReason.BUFFER_FULL, 15);
		assertThat(client.snapshot().dropped()).containsEntry(DropReason.BUFFER_FULL, 15L);
		assertThat(batches).as("held while the workspace has not answered").isEmpty();
		client.close(Duration.ofSeconds(1));
		assertThat(this.drops).containsEntry(DropReason.SHUTDOWN, 10);
	}

	@Test
	void disabledWorkspaceDiscardsPendingEvents() {
		TelemetryClient client = client((endpoint, logs) -> {
			throw new AssertionError("must not export");
		}, () -> FeatureFlagGate.State.DISABLED, 5, 100);
		assertThat(client.isAccepting()).isFalse();
		client.enqueue(log());
		client.enqueue(log());
		client.flush().join();
		assertThat(client.getPendingCount()).isZero();
		assertThat(this.drops).containsEntry(DropReason.DISABLED_BY_WORKSPACE, 2);
	}

	@Test
	void exportOutcomesAreCountedByReason() {
		AtomicReference<ExportOutcome> outcome = new AtomicReference<>(ExportOutcome.PARTIAL_SUCCESS);
		TelemetryClient client = client((endpoint, logs) -> CompletableFuture.completedFuture(switch (outcome.get()) {
			case PARTIAL_SUCCESS -> new ExportResult(ExportOutcome.PARTIAL_SUCCESS, logs.size(), logs.size() - 1, 200,
					null);
			case CIRCUIT_OPEN -> ExportResult.circuitOpen(logs.size());
			default -> new ExportResult(outcome.get(), logs.size(), 0, 503, "http_503");
		}), FeatureFlagGate.FORCED, 2, 100);
		client.enqueue(log());
		client.enqueue(log());
		client.flush().join();
		outcome.set(ExportOutcome.RETRIES_EXHAUSTED);
		client.enqueue(log());
		client.flush().join();
		outcome.set(ExportOutcome.TERMINAL_FAILURE);
		client.enqueue(log());
		client.flush().join();
		outcome.set(ExportOutcome.CIRCUIT_OPEN);
		client.enqueue(log());
		client.flush().join();
		assertThat(this.drops).containsEntry(DropReason.PARTIAL_FAILURE, 1)
			.containsEntry(DropReason.RETRIES_EXHAUSTED, 1)
			.containsEntry(DropReason.TERMINAL_ERROR, 1)
			.containsEntry(DropReason.CIRCUIT_OPEN, 1);
		TelemetryClientSnapshot snapshot = client.snapshot();
		assertThat(snapshot.exported()).isEqualTo(1);
		assertThat(snapshot.lastFailureKind()).isEqualTo("circuit_open");
		assertThat(snapshot.lastSuccessMillis()).isNotNull();
		assertThat(snapshot.totalDropped()).isEqualTo(4);
	}

	@Test
	void closeExportsEverythingPendingInBatches() {
		List<Integer> batchSizes = new CopyOnWriteArrayList<>();
		TelemetryClient client = client((endpoint, logs) -> {
			batchSizes.add(logs.size());
			return CompletableFuture.supplyAsync(() -> ExportResult.success(logs.size(), 200));
		}, FeatureFlagGate.FORCED, 10, 1000);
		for (int i = 0; i < 95; i++) {
			client.enqueue(log());
		}
		client.close(Duration.ofSeconds(5));
		assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(95);
		assertThat(batchSizes).allSatisfy((size) -> assertThat(size).isLessThanOrEqualTo(10));
		assertThat(client.snapshot().exported()).isEqualTo(95);
		client.enqueue(log());
		assertThat(this.drops).containsEntry(DropReason.SHUTDOWN, 1);
	}

	@Test
	void closeCountsWhatTheDeadlineLeftBehind() {
		CompletableFuture<ExportResult> never = new CompletableFuture<>();
		TelemetryClient client = client((endpoint, logs) -> never, FeatureFlagGate.FORCED, 10, 1000);
		for (int i = 0; i < 30; i++) {
			client.enqueue(log());
		}
		client.close(Duration.ofMillis(100));
		assertThat(this.drops).as("the batch in flight at the deadline counts too").containsEntry(DropReason.SHUTDOWN, 30);
	}

	@Test
	void slowExportDoesNotQueueAFlushPerStatement() {
		CompletableFuture<ExportResult> never = new CompletableFuture<>();
		TelemetryClient client = client((endpoint, logs) -> never, FeatureFlagGate.FORCED, 10, 100_000);
		java.util.concurrent.ThreadPoolExecutor executor = (java.util.concurrent.ThreadPoolExecutor) this.threads
			.scheduler();
		for (int i = 0; i < 20_000; i++) {
			client.enqueue(log());
		}
		// the periodic flush plus at most one waiting flush request
		assertThat(executor.getQueue().size()).isLessThanOrEqualTo(2);
		assertThat(client.getPendingCount()).isGreaterThanOrEqualTo(20_000 - 10);
		client.close(Duration.ZERO);
	}



	@Test
	void constructorInitializesComponents() {
		ManualScheduler scheduler = new ManualScheduler();
		TelemetryClient client = TestTelemetry.client(new RecordingTelemetryExporter(), FeatureFlagGate.FORCED,
				TestTelemetry.settings(10, Duration.ofSeconds(5)), scheduler);
		assertThat(client.getAggregator()).isNotNull();
		assertThat(client.getAggregator().isRecording()).isTrue();
		assertThat(client.getEndpoint().host()).isEqualTo(TestTelemetry.HOST);
		assertThat(scheduler.activeScheduledCount()).as("the periodic flush").isEqualTo(1);
		assertThat(client.isClosed()).isFalse();
	}

	@Test
	void exportAsyncDelegatesToExporter() {
		RecordingTelemetryExporter exporter = new RecordingTelemetryExporter();
		TelemetryClient client = TestTelemetry.client(exporter, FeatureFlagGate.FORCED,
				TestTelemetry.settings(10, Duration.ofHours(1)), new ManualScheduler());
		TelemetryFrontendLog log = log();
		client.enqueue(log);
		client.flush().join();
		assertThat(exporter.logs()).containsExactly(log);
		assertThat(exporter.endpoints()).containsExactly(client.getEndpoint());
	}

	@Test
	void closeAsyncFlushesAndCancels() {
		ManualScheduler scheduler = new ManualScheduler();
		RecordingTelemetryExporter exporter = new RecordingTelemetryExporter();
		TelemetryClient client = TestTelemetry.client(exporter, FeatureFlagGate.FORCED,
				TestTelemetry.settings(10, Duration.ofSeconds(5)), scheduler);
		for (int i = 0; i < 7; i++) {
			client.enqueue(log());
		}
		client.close(Duration.ofSeconds(5));
		assertThat(exporter.logs()).hasSize(7);
		assertThat(scheduler.activeScheduledCount()).as("periodic flush cancelled").isZero();
		client.requestFlush();
		assertThat(scheduler.pendingCount()).as("a closed client schedules nothing").isZero();
	}

	@Test
	void closeAsyncExceptionSwallowed() {
		TelemetryClient throwingExporter = client((endpoint, logs) -> {
			throw new IllegalStateException("exporter broken");
		}, FeatureFlagGate.FORCED, 10, 100);
		throwingExporter.enqueue(log());
		assertThatCode(() -> throwingExporter.close(Duration.ofSeconds(1))).doesNotThrowAnyException();
		assertThat(this.drops).as("counted, not lost").containsEntry(DropReason.OUTCOME_UNKNOWN, 1);
		TelemetryClient throwingGate = client((endpoint, logs) -> CompletableFuture.completedFuture(null), () -> {
			throw new IllegalStateException("gate broken");
		}, 10, 100);
		throwingGate.enqueue(log());
		assertThatCode(() -> throwingGate.close(Duration.ofSeconds(1))).doesNotThrowAnyException();
		assertThat(throwingGate.isClosed()).isTrue();
	}

	@Test
	void batchInFlightAtTheDeadlineIsCountedOnceAsShutdownDrop() {
		CompletableFuture<ExportResult> slow = new CompletableFuture<>();
		List<Integer> exportedCounts = new CopyOnWriteArrayList<>();
		TelemetryPipelineListener counting = new TelemetryPipelineListener() {
			@Override
			public void onEventsExported(String host, int count) {
				exportedCounts.add(count);
			}

			@Override
			public void onEventsDropped(String host, DropReason reason, int count) {
				TelemetryClientTests.this.drops.merge(reason, count, Integer::sum);
			}
		};
		TelemetryClient client = TestTelemetry.client(URI.create("https://h"), TokenSource.NONE,
				(endpoint, logs) -> slow, FeatureFlagGate.FORCED, TestTelemetry.settings(10, Duration.ofHours(1)),
				TestTelemetry.eventFactory(), counting, new ManualScheduler());
		for (int i = 0; i < 13; i++) {
			client.enqueue(log());
		}
		client.flush();
		assertThat(client.getPendingCount()).as("one batch of 10 in flight").isEqualTo(3);
		assertThat(client.shutdown(Duration.ZERO)).isEqualTo(13);
		assertThat(this.drops).containsExactly(Map.entry(DropReason.SHUTDOWN, 13));
		slow.complete(ExportResult.success(10, 200));
		assertThat(this.drops).as("not counted again").containsExactly(Map.entry(DropReason.SHUTDOWN, 13));
		assertThat(exportedCounts).isEmpty();
		assertThat(client.snapshot().exported()).isZero();
		assertThat(client.snapshot().totalDropped()).isEqualTo(13);
	}

	@Test
	void batchCompletingBeforeTheDeadlineIsCountedAsExportedOnly() {
		CompletableFuture<ExportResult> answer = new CompletableFuture<>();
		TelemetryClient client = client((endpoint, logs) -> answer, FeatureFlagGate.FORCED, 10, 100);
		for (int i = 0; i < 10; i++) {
			client.enqueue(log());
		}
		client.flush();
		answer.complete(ExportResult.success(10, 200));
		assertThat(client.shutdown(Duration.ZERO)).isZero();
		assertThat(client.snapshot().exported()).isEqualTo(10);
		assertThat(this.drops).isEmpty();
	}

	@Test
	void heldEventsAreSentOrDiscardedAsSoonAsTheWorkspaceAnswers() {
		for (FeatureFlagGate.State answer : List.of(FeatureFlagGate.State.ENABLED, FeatureFlagGate.State.DISABLED)) {
			ManualScheduler scheduler = new ManualScheduler();
			RecordingTelemetryExporter exporter = new RecordingTelemetryExporter();
			AtomicReference<FeatureFlagGate.State> state = new AtomicReference<>(FeatureFlagGate.State.UNKNOWN);
			CompletableFuture<FeatureFlagGate.State> first = new CompletableFuture<>();
			FeatureFlagGate gate = new FeatureFlagGate() {
				@Override
				public State state() {
					return state.get();
				}

				@Override
				public CompletableFuture<State> firstAnswer() {
					return first;
				}
			};
			TelemetryClient client = TestTelemetry.client(exporter, gate, TestTelemetry.settings(100, Duration.ofHours(1)),
					scheduler);
			client.enqueue(log());
			client.enqueue(log());
			scheduler.runPending();
			assertThat(client.getPendingCount()).as("held until the workspace answers").isEqualTo(2);
			state.set(answer);
			first.complete(answer);
			scheduler.runPending();
			assertThat(client.getPendingCount()).as("no interval to wait for").isZero();
			assertThat(exporter.logs()).hasSize((answer == FeatureFlagGate.State.ENABLED) ? 2 : 0);
		}
	}


	@Test
	void eventsBuiltBeforeTheWorkspaceToldItsIdLearnItWhenSent() {
		List<TelemetryFrontendLog> sent = new CopyOnWriteArrayList<>();
		FeatureFlagGate gate = new FeatureFlagGate() {
			@Override
			public State state() {
				return State.ENABLED;
			}

			@Override
			public Long workspaceId() {
				return 42L;
			}
		};
		TelemetryClient client = client((endpoint, logs) -> {
			sent.addAll(logs);
			return CompletableFuture.completedFuture(ExportResult.success(logs.size(), 200));
		}, gate, 10, 100);
		client.enqueue(log());
		client.enqueue(new TelemetryFrontendLog(7L, "configured", null, null));
		client.flush().join();
		assertThat(sent).extracting(TelemetryFrontendLog::workspaceId).containsExactly(42L, 7L);
	}

	@Test
	void anExporterThatThrowsAnErrorOnceDoesNotStopTheHostFromExporting() {
		AtomicInteger calls = new AtomicInteger();
		List<List<TelemetryFrontendLog>> delivered = new CopyOnWriteArrayList<>();
		TelemetryClient client = client((endpoint, logs) -> {
			if (calls.incrementAndGet() == 1) {
				throw new LinkageError("a class of the exporter went missing");
			}
			delivered.add(logs);
			return CompletableFuture.completedFuture(ExportResult.success(logs.size(), 200));
		}, () -> FeatureFlagGate.State.ENABLED, 1000, 100);
		client.enqueue(log());
		client.flush().join();
		client.enqueue(log());
		client.flush().join();
		assertThat(calls).hasValue(2);
		assertThat(delivered).singleElement().satisfies((logs) -> assertThat(logs).hasSize(1));
		assertThat(this.drops).containsEntry(DropReason.OUTCOME_UNKNOWN, 1);
		client.close(Duration.ofSeconds(1));
	}

	@Test
	void aListenerThatThrowsAnErrorDoesNotStopTheHostFromExporting() {
		AtomicInteger exports = new AtomicInteger();
		TelemetryPipelineListener broken = new TelemetryPipelineListener() {
			@Override
			public void onExport(String host, ExportResult result, long durationNanos) {
				exports.incrementAndGet();
				throw new AssertionError("a listener's bug");
			}
		};
		TelemetryClient client = new TelemetryClient(
				new TelemetryEndpoint("h", URI.create("https://h"), TokenSource.NONE, false),
				(endpoint, logs) -> CompletableFuture.completedFuture(ExportResult.success(logs.size(), 200)),
				() -> FeatureFlagGate.State.ENABLED,
				new TelemetryClientSettings(1000, Duration.ofHours(1), 100, Duration.ofSeconds(5)),
				new TelemetryEventBuilder(SystemConfigurations.forApplication(null), "ua", Clock.systemUTC(),
						IdGenerator.RANDOM),
				broken, this.threads.scheduler(), Clock.systemUTC());
		client.enqueue(log());
		client.flush().join();
		client.enqueue(log());
		client.flush().join();
		assertThat(exports).hasValue(2);
		assertThat(client.snapshot().exported()).isEqualTo(2);
		client.close(Duration.ofSeconds(1));
	}

	@Test
	void theExportInFlightAtTheShutdownDeadlineIsCancelledAndCountedOnce() {
		CompletableFuture<ExportResult> hanging = new CompletableFuture<>();
		TelemetryClient client = client((endpoint, logs) -> hanging, () -> FeatureFlagGate.State.ENABLED, 1000, 100);
		client.enqueue(log());
		client.enqueue(log());
		client.flush();
		assertThat(client.shutdown(Duration.ofMillis(50))).isEqualTo(2);
		assertThat(hanging).isCancelled();
		assertThat(this.drops).containsEntry(DropReason.SHUTDOWN, 2).hasSize(1);
	}

}
