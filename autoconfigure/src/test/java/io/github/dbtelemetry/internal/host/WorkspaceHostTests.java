package io.github.dbtelemetry.internal.host;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.export.ExportOutcome;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryEndpoint;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.internal.host.HostFixtures.TokenRecordingExporter;
import io.github.dbtelemetry.model.TelemetryFrontendLog;
import io.github.dbtelemetry.pipeline.DropReason;
import io.github.dbtelemetry.pipeline.FeatureFlagState;
import io.github.dbtelemetry.pipeline.HostSnapshot;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;
import io.github.dbtelemetry.support.CountingPipelineListener;
import io.github.dbtelemetry.support.ManualScheduler;
import io.github.dbtelemetry.support.RecordingTelemetryExporter;
import io.github.dbtelemetry.support.TestTelemetry;

import static io.github.dbtelemetry.internal.host.HostFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.awaitility.Awaitility.await;

/**
 * One workspace host on its own: its buffer, batching, export loop, accounting and closing, with
 * the workspace's feature-flag answer played by the test and, unless a test needs a thread of
 * its own, a scheduler that runs tasks only when told.
 */
class WorkspaceHostTests {

	private final ManualScheduler scheduler = new ManualScheduler();

	private final TelemetryThreads threads = new TelemetryThreads(1);

	private final CountingPipelineListener listener = new CountingPipelineListener();

	private final List<WorkspaceHost> created = new ArrayList<>();

	@AfterEach
	void stop() {
		this.created.forEach((host) -> host.shutdown(Duration.ZERO));
		this.threads.close();
	}

	private HostSettings.Builder settings(TelemetryExporter exporter) {
		return TestTelemetry.hostSettings(exporter, this.scheduler).listener(this.listener);
	}

	private WorkspaceHost host(HostSettings.Builder settings, FeatureFlagGate gate) {
		return host(settings, null, gate);
	}

	private WorkspaceHost host(HostSettings.Builder settings, @Nullable Long workspaceId, FeatureFlagGate gate) {
		WorkspaceHost host = new WorkspaceHost(TestTelemetry.HOST, HostFixtures.BASE_URL, workspaceId, settings.build(),
				gate);
		this.created.add(host);
		return host;
	}

	/** Flushes and runs what the flush hands to the telemetry threads, until it has ended. */
	private void flushAll(WorkspaceHost host) {
		CompletableFuture<Void> done = host.flush();
		this.scheduler.runPending();
		assertThat(done).isDone();
	}

	/**
	 * A lease of a host that starts an export at 10 pending events and sends at most 50 a
	 * request, once it has recorded 10 events whose export is now in flight, held by
	 * {@code exports}.
	 */
	private WorkspaceHost.Lease exportingTenOfAtMostFifty(HeldExports exports) {
		WorkspaceHost host = host(settings(exports).batchSize(10).maxBatchSize(50), FeatureFlagGate.FORCED);
		WorkspaceHost.Lease lease = host.join(TokenSource.NONE);
		recordStatements(lease, "first-", 10);
		this.scheduler.runPending();
		return lease;
	}

	/**
	 * As {@link #exportingTenOfAtMostFifty}, once that export has been answered and has ended: the
	 * host's poll is then armed.
	 */
	private WorkspaceHost.Lease pollingOnceTenWereExported(HeldExports exports) {
		WorkspaceHost.Lease lease = exportingTenOfAtMostFifty(exports);
		exports.answerAll();
		this.scheduler.runPending();
		return lease;
	}

	/** Asserts that {@code count} events were dropped for {@code reason}, and none for another. */
	private void assertDroppedOnly(DropReason reason, long count) {
		assertThat(this.listener.dropped(reason)).as("dropped as %s", reason.tagValue()).isEqualTo(count);
		this.listener.assertNoDropsExcept(reason);
	}

	private static void recordStatements(WorkspaceHost.Lease lease, String prefix, int count) {
		for (int i = 0; i < count; i++) {
			lease.record(TestTelemetry.statementCompleted(prefix + i, null));
		}
	}

	// Starting

	@Test
	void startingAHostSchedulesOnlyItsPeriodicFlush() {
		WorkspaceHost host = host(settings(new RecordingTelemetryExporter()), FeatureFlagGate.FORCED);
		WorkspaceHost.Lease lease = host.join(TokenSource.NONE);
		host.start();
		host.start();
		assertThat(this.scheduler.activeScheduledCount()).as("the periodic flush, once").isEqualTo(1);
		assertThat(this.scheduler.pendingCount()).isZero();
		assertThat(lease.host()).isEqualTo(TestTelemetry.HOST);
		assertThat(lease.isRecording()).isTrue();
		assertThat(host.isClosed()).isFalse();
	}

	@Test
	void theFirstFeatureFlagRequestIsLeftToTheTelemetryThreadsAndAskedOnce() {
		List<Executor> startedOn = new CopyOnWriteArrayList<>();
		AnsweringGate gate = new AnsweringGate() {
			@Override
			public void start(Executor executor) {
				startedOn.add(executor);
			}
		};
		WorkspaceHost host = host(settings(new RecordingTelemetryExporter()), gate);
		host.start();
		host.start();
		assertThat(startedOn).containsExactly(this.scheduler);
	}

	// Batching and flushing

	@Test
	void aFlushSendsTheEventsOfALeaseWithThatLeasesEndpoint() {
		RecordingTelemetryExporter exporter = new RecordingTelemetryExporter();
		WorkspaceHost host = host(settings(exporter), FeatureFlagGate.FORCED);
		TokenSource credentials = token("dapi-one");
		WorkspaceHost.Lease lease = host.join(credentials);
		recordStatements(lease, "statement-", 1);
		flushAll(host);
		assertThat(exporter.logs()).extracting(HostFixtures::statementId).containsExactly("statement-0");
		assertThat(exporter.endpoints()).singleElement().satisfies((endpoint) -> {
			assertThat(endpoint.host()).isEqualTo(TestTelemetry.HOST);
			assertThat(endpoint.baseUrl()).isEqualTo(HostFixtures.BASE_URL);
			assertThat(endpoint.credentials()).isSameAs(credentials);
		});
	}

	@Test
	void aSlowExportDoesNotQueueAFlushPerStatement() {
		AtomicInteger exports = new AtomicInteger();
		CompletableFuture<ExportResult> never = new CompletableFuture<>();
		WorkspaceHost host = host(settings((endpoint, logs) -> {
			exports.incrementAndGet();
			return never;
		}).batchSize(10).maxPendingEvents(100_000), FeatureFlagGate.FORCED);
		WorkspaceHost.Lease lease = host.join(TokenSource.NONE);
		host.start();
		recordStatements(lease, "statement-", 20_000);
		assertThat(this.scheduler.pendingCount()).as("at most one waiting flush request").isLessThanOrEqualTo(1);
		this.scheduler.runPending();
		recordStatements(lease, "statement-", 20_000);
		assertThat(this.scheduler.pendingCount()).as("at most one waiting flush request").isLessThanOrEqualTo(1);
		this.scheduler.runPending();
		assertThat(exports).as("one export at a time").hasValue(1);
		assertThat(host.pendingCount()).isEqualTo(40_000 - 10);
	}

	@Test
	void aBusyLeaseDoesNotHoldBackAQuietOne() {
		TokenRecordingExporter exporter = new TokenRecordingExporter();
		WorkspaceHost host = host(settings(exporter).batchSize(10), FeatureFlagGate.FORCED);
		WorkspaceHost.Lease busy = host.join(token("busy"));
		WorkspaceHost.Lease quiet = host.join(token("quiet"));
		recordStatements(busy, "busy-", 30);
		recordStatements(quiet, "quiet-", 1);
		flushAll(host);
		List<String> tokens = exporter.calls().stream().map(TokenRecordingExporter.Call::token).toList();
		assertThat(tokens).containsExactlyInAnyOrder("busy", "busy", "busy", "quiet");
		assertThat(tokens.indexOf("quiet")).isLessThan(tokens.lastIndexOf("busy"));
	}

	@Test
	void eventsThatAccumulateWhileAnExportIsInFlightGoOutTogetherUpToTheMaximum() {
		HeldExports exports = new HeldExports();
		WorkspaceHost.Lease lease = exportingTenOfAtMostFifty(exports);
		WorkspaceHost host = lease.workspaceHost();
		assertThat(exports.sizes()).as("reaching the batch size starts an export").containsExactly(10);
		recordStatements(lease, "meanwhile-", 120);
		exports.answerAll();
		this.scheduler.runPending();
		exports.answerAll();
		this.scheduler.runPending();
		exports.answerAll();
		this.scheduler.runPending();
		assertThat(exports.sizes()).as("what accumulated, in requests of at most max-batch-size")
			.containsExactly(10, 50, 50, 20);
		exports.answerAll();
		assertThat(host.pendingCount()).isZero();
		assertThat(this.listener.exported()).isEqualTo(130);
	}

	@Test
	void recordingWhileAnExportIsInFlightWakesNoTelemetryThread() {
		HeldExports exports = new HeldExports();
		WorkspaceHost.Lease lease = exportingTenOfAtMostFifty(exports);
		int tasks = 0;
		for (int i = 0; i < 40; i++) {
			lease.record(TestTelemetry.statementCompleted("meanwhile-" + i, null));
			tasks += this.scheduler.runPending();
		}
		assertThat(tasks).as("tasks run for statements recorded during the export").isZero();
		exports.answerAll();
		this.scheduler.runPending();
		assertThat(exports.sizes()).as("the running exports take them on").containsExactly(10, 40);
	}

	@Test
	void exportsStartedByTheBatchSizeLeaveLessThanABatchForLater() {
		HeldExports exports = new HeldExports();
		WorkspaceHost.Lease lease = exportingTenOfAtMostFifty(exports);
		WorkspaceHost host = lease.workspaceHost();
		recordStatements(lease, "meanwhile-", 3);
		exports.answerAll();
		this.scheduler.runPending();
		assertThat(exports.sizes()).as("no request of 3 after the batch").containsExactly(10);
		assertThat(host.pendingCount()).isEqualTo(3);
		recordStatements(lease, "more-", 7);
		this.scheduler.advance(WorkspaceHost.POLL_INTERVAL);
		assertThat(exports.sizes()).containsExactly(10, 10);
	}

	@Test
	void onceExportsHaveSentSomethingTheNextBatchIsFoundByAPollWithoutWakingAThread() {
		HeldExports exports = new HeldExports();
		WorkspaceHost.Lease lease = pollingOnceTenWereExported(exports);
		recordStatements(lease, "next-", 10);
		assertThat(this.scheduler.pendingCount()).as("tasks handed over by the recording thread").isZero();
		assertThat(exports.sizes()).containsExactly(10);
		this.scheduler.advance(WorkspaceHost.POLL_INTERVAL);
		assertThat(exports.sizes()).as("found by the poll").containsExactly(10, 10);
		exports.answerAll();
		this.scheduler.runPending();
		recordStatements(lease, "then-", 10);
		this.scheduler.advance(WorkspaceHost.POLL_INTERVAL);
		assertThat(exports.sizes()).as("and by the poll its exports armed").containsExactly(10, 10, 10);
	}

	@Test
	void aPollThatFindsLessThanABatchStopsPollingAndTheNextBatchWakesAThreadAgain() {
		HeldExports exports = new HeldExports();
		WorkspaceHost.Lease lease = pollingOnceTenWereExported(exports);
		recordStatements(lease, "few-", 3);
		this.scheduler.advance(WorkspaceHost.POLL_INTERVAL);
		assertThat(exports.sizes()).containsExactly(10);
		assertThat(this.scheduler.activeScheduledCount()).as("no poll armed again").isZero();
		recordStatements(lease, "more-", 7);
		assertThat(this.scheduler.pendingCount()).as("the statement completing the batch asks for it").isEqualTo(1);
		this.scheduler.runPending();
		assertThat(exports.sizes()).containsExactly(10, 10);
	}

	@Test
	void recordingFromManyThreadsWhileExportsAndPollsRunLeavesNoFullBatchBehind() throws Exception {
		WorkspaceHost host = host(TestTelemetry.hostSettings((endpoint, logs) -> CompletableFuture
			.supplyAsync(() -> ExportResult.success(logs.size(), 200)), this.threads.scheduler())
			.listener(this.listener)
			.batchSize(10), FeatureFlagGate.FORCED);
		WorkspaceHost.Lease lease = host.join(TokenSource.NONE);
		host.start();
		List<Thread> recorders = new ArrayList<>();
		for (int t = 0; t < 4; t++) {
			String prefix = "thread-" + t + "-";
			Thread recorder = new Thread(() -> recordStatements(lease, prefix, 2_500));
			recorder.start();
			recorders.add(recorder);
		}
		for (Thread recorder : recorders) {
			recorder.join();
		}
		// No flush: whatever reaches a batch must go out by a wake or a poll, however they interleave.
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(host.pendingCount()).isLessThan(10));
		await().atMost(Duration.ofSeconds(10))
			.untilAsserted(() -> assertThat(this.listener.exported() + host.pendingCount()).isEqualTo(10_000));
		assertThat(this.listener.droppedTotal()).isZero();
	}

	@Test
	void halfTheBufferPendingWakesAThreadEvenWhileAPollIsArmed() {
		HeldExports exports = new HeldExports();
		WorkspaceHost host = host(settings(exports).batchSize(10).maxPendingEvents(100), FeatureFlagGate.FORCED);
		WorkspaceHost.Lease lease = host.join(TokenSource.NONE);
		recordStatements(lease, "first-", 10);
		this.scheduler.runPending();
		exports.answerAll();
		this.scheduler.runPending();
		recordStatements(lease, "burst-", 49);
		assertThat(this.scheduler.pendingCount()).as("left to the armed poll").isZero();
		recordStatements(lease, "half-", 1);
		assertThat(this.scheduler.pendingCount()).as("fifty of a hundred pending: not left to wait").isEqualTo(1);
		this.scheduler.runPending();
		assertThat(exports.sizes()).containsExactly(10, 10);
	}

	@Test
	void aFlushThatMeetsRunningExportsHasThemSendEverythingPending() {
		HeldExports exports = new HeldExports();
		WorkspaceHost.Lease lease = exportingTenOfAtMostFifty(exports);
		WorkspaceHost host = lease.workspaceHost();
		recordStatements(lease, "meanwhile-", 3);
		CompletableFuture<Void> flushed = host.flush();
		assertThat(exports.sizes()).as("the flush joins the export in flight").containsExactly(10);
		exports.answerAll();
		this.scheduler.runPending();
		exports.answerAll();
		assertThat(exports.sizes()).containsExactly(10, 3);
		assertThat(flushed).isDone();
		assertThat(host.pendingCount()).isZero();
	}

	// Credentials

	@Test
	void eventsGoOutOnlyWithTheCredentialsOfTheLeaseThatRecordedThem() {
		TokenRecordingExporter exporter = new TokenRecordingExporter();
		WorkspaceHost host = host(settings(exporter).batchSize(3), FeatureFlagGate.FORCED);
		WorkspaceHost.Lease a = host.join(token("A"));
		WorkspaceHost.Lease b = host.join(token("B"));
		List<String> recorded = new ArrayList<>();
		for (int i = 0; i < 10; i++) {
			a.record(TestTelemetry.statementCompleted("A-" + i, null));
			b.record(TestTelemetry.statementCompleted("B-" + i, null));
			recorded.add("A-" + i);
			recorded.add("B-" + i);
		}
		this.scheduler.runPending();
		flushAll(host);
		assertThat(exporter.calls()).hasSizeGreaterThan(2).allSatisfy((call) -> {
			assertThat(call.token()).isIn("A", "B");
			assertThat(call.statementIds()).as("a batch presenting token %s", call.token())
				.hasSizeLessThanOrEqualTo(3)
				.allSatisfy((id) -> assertThat(id).startsWith(call.token() + "-"));
		});
		assertThat(exporter.calls()).flatMap(TokenRecordingExporter.Call::statementIds)
			.containsExactlyInAnyOrderElementsOf(recorded);
	}

	@Test
	void aLeasesTokenIsAskedAgainAtEachExport() {
		TokenRecordingExporter exporter = new TokenRecordingExporter();
		WorkspaceHost host = host(settings(exporter), FeatureFlagGate.FORCED);
		AtomicReference<String> rotating = new AtomicReference<>("token-two");
		WorkspaceHost.Lease lease = host.join(() -> Optional.of(rotating.get()));
		recordStatements(lease, "first-", 1);
		flushAll(host);
		rotating.set("token-refreshed");
		recordStatements(lease, "second-", 1);
		flushAll(host);
		assertThat(exporter.calls()).extracting(TokenRecordingExporter.Call::token)
			.containsExactly("token-two", "token-refreshed");
	}

	@Test
	void eventsQueuedBeforeALeaseIsReleasedStillGoOutWithItsCredentials() {
		TokenRecordingExporter exporter = new TokenRecordingExporter();
		WorkspaceHost host = host(settings(exporter), FeatureFlagGate.FORCED);
		WorkspaceHost.Lease a = host.join(token("A"));
		WorkspaceHost.Lease b = host.join(token("B"));
		a.record(TestTelemetry.statementCompleted("A-0", null));
		a.markReleased();
		assertThat(a.isRecording()).isFalse();
		a.record(TestTelemetry.statementCompleted("A-1", null));
		b.record(TestTelemetry.statementCompleted("B-0", null));
		flushAll(host);
		assertThat(exporter.calls()).containsExactlyInAnyOrder(new TokenRecordingExporter.Call("A", List.of("A-0")),
				new TokenRecordingExporter.Call("B", List.of("B-0")));
	}

	// The workspace's answer

	@Test
	void aFullBufferDropsAndCountsInsteadOfGrowing() {
		RecordingTelemetryExporter exporter = new RecordingTelemetryExporter();
		WorkspaceHost host = host(settings(exporter).maxPendingEvents(10), new AnsweringGate());
		WorkspaceHost.Lease lease = host.join(TokenSource.NONE);
		recordStatements(lease, "statement-", 25);
		assertThat(host.pendingCount()).isEqualTo(10);
		assertDroppedOnly(DropReason.BUFFER_FULL, 15);
		assertThat(host.snapshot().dropped()).containsEntry(DropReason.BUFFER_FULL, 15L);
		flushAll(host);
		assertThat(exporter.logs()).as("held while the workspace has not answered").isEmpty();
		assertThat(host.shutdown(Duration.ZERO)).isEqualTo(10);
		assertThat(this.listener.dropped(DropReason.SHUTDOWN)).isEqualTo(10);
	}

	@Test
	void theBufferBoundIsSharedByEveryLeaseOfTheHost() {
		WorkspaceHost host = host(settings(new RecordingTelemetryExporter()).maxPendingEvents(10), new AnsweringGate());
		WorkspaceHost.Lease a = host.join(token("A"));
		WorkspaceHost.Lease b = host.join(token("B"));
		recordStatements(a, "A-", 6);
		recordStatements(b, "B-", 6);
		assertThat(host.pendingCount()).isEqualTo(10);
		assertDroppedOnly(DropReason.BUFFER_FULL, 2);
	}

	@Test
	void aWorkspaceThatSaysNoDiscardsTheHeldEventsAndStopsRecording() {
		RecordingTelemetryExporter exporter = new RecordingTelemetryExporter();
		AnsweringGate gate = new AnsweringGate();
		WorkspaceHost host = host(settings(exporter), gate);
		WorkspaceHost.Lease lease = host.join(TokenSource.NONE);
		recordStatements(lease, "statement-", 2);
		gate.answer(FeatureFlagState.DISABLED, null);
		flushAll(host);
		assertThat(host.pendingCount()).isZero();
		assertThat(exporter.logs()).isEmpty();
		assertDroppedOnly(DropReason.DISABLED_BY_WORKSPACE, 2);
		assertThat(lease.isRecording()).isFalse();
		recordStatements(lease, "statement-", 1);
		assertThat(host.pendingCount()).isZero();
		assertDroppedOnly(DropReason.DISABLED_BY_WORKSPACE, 2);
	}

	@ParameterizedTest
	@EnumSource(value = FeatureFlagState.class, names = { "ENABLED", "DISABLED" })
	void heldEventsAreSentOrDiscardedAsSoonAsTheWorkspaceAnswers(FeatureFlagState answer) {
		RecordingTelemetryExporter exporter = new RecordingTelemetryExporter();
		AnsweringGate gate = new AnsweringGate();
		WorkspaceHost host = host(settings(exporter), gate);
		WorkspaceHost.Lease lease = host.join(TokenSource.NONE);
		host.start();
		recordStatements(lease, "statement-", 2);
		this.scheduler.runPending();
		assertThat(host.pendingCount()).as("held until the workspace answers").isEqualTo(2);
		gate.answer(answer, null);
		this.scheduler.runPending();
		assertThat(host.pendingCount()).as("no interval to wait for").isZero();
		assertThat(exporter.logs()).hasSize((answer == FeatureFlagState.ENABLED) ? 2 : 0);
	}

	@ParameterizedTest
	@CsvSource(nullValues = "none", value = { "none, 42, 42", "7, 42, 7", "7, none, 7", "none, none, none" })
	void theWorkspaceIdIsStampedWhenTheBatchIsSent(@Nullable Long configured, @Nullable Long answered,
			@Nullable Long expected) {
		RecordingTelemetryExporter exporter = new RecordingTelemetryExporter();
		AnsweringGate gate = new AnsweringGate();
		WorkspaceHost host = host(settings(exporter), configured, gate);
		WorkspaceHost.Lease lease = host.join(TokenSource.NONE);
		recordStatements(lease, "statement-", 2);
		gate.answer(FeatureFlagState.ENABLED, answered);
		flushAll(host);
		assertThat(exporter.logs()).extracting(TelemetryFrontendLog::workspaceId).containsExactly(expected, expected);
	}

	// Accounting

	@ParameterizedTest
	@CsvSource({ "PARTIAL_SUCCESS, PARTIAL_FAILURE, 1, 1", "TERMINAL_FAILURE, TERMINAL_ERROR, 2, 0",
			"RETRIES_EXHAUSTED, RETRIES_EXHAUSTED, 2, 0", "OUTCOME_UNKNOWN, OUTCOME_UNKNOWN, 2, 0",
			"CIRCUIT_OPEN, CIRCUIT_OPEN, 2, 0" })
	void whatAnExportDidNotDeliverIsCountedAsDroppedForItsReason(ExportOutcome outcome, DropReason reason,
			int dropped, long exported) {
		WorkspaceHost host = host(settings((endpoint, logs) -> CompletableFuture
			.completedFuture(new ExportResult(outcome, logs.size(), logs.size() - dropped, 503, "http_503"))),
				FeatureFlagGate.FORCED);
		WorkspaceHost.Lease lease = host.join(TokenSource.NONE);
		recordStatements(lease, "statement-", 2);
		flushAll(host);
		assertDroppedOnly(reason, dropped);
		assertThat(host.snapshot().dropped()).containsEntry(reason, (long) dropped);
		assertThat(host.snapshot().exported()).isEqualTo(exported);
		assertThat(this.listener.results()).singleElement().extracting(ExportResult::outcome).isEqualTo(outcome);
	}

	@Test
	void theSnapshotTellsWhatTheHostHasDoneSoFar() {
		AtomicReference<ExportOutcome> outcome = new AtomicReference<>(ExportOutcome.PARTIAL_SUCCESS);
		WorkspaceHost host = host(settings((endpoint, logs) -> CompletableFuture.completedFuture(switch (outcome.get()) {
			case PARTIAL_SUCCESS -> ExportResult.partialSuccess(logs.size(), logs.size() - 1, 200);
			case CIRCUIT_OPEN -> ExportResult.circuitOpen(logs.size());
			default -> new ExportResult(outcome.get(), logs.size(), 0, 503, "http_503");
		})), FeatureFlagGate.FORCED);
		WorkspaceHost.Lease lease = host.join(TokenSource.NONE);
		recordStatements(lease, "statement-", 2);
		flushAll(host);
		for (ExportOutcome next : List.of(ExportOutcome.RETRIES_EXHAUSTED, ExportOutcome.TERMINAL_FAILURE,
				ExportOutcome.CIRCUIT_OPEN)) {
			outcome.set(next);
			recordStatements(lease, "statement-", 1);
			flushAll(host);
		}
		HostSnapshot snapshot = host.snapshot();
		assertThat(snapshot.host()).isEqualTo(TestTelemetry.HOST);
		assertThat(snapshot.featureFlag()).isEqualTo(FeatureFlagState.ENABLED);
		assertThat(snapshot.featureFlagForced()).isTrue();
		assertThat(snapshot.circuitBreaker()).as("breakers off").isEqualTo("NONE");
		assertThat(snapshot.pending()).isZero();
		assertThat(snapshot.exported()).isEqualTo(1);
		assertThat(snapshot.dropped()).containsEntry(DropReason.PARTIAL_FAILURE, 1L)
			.containsEntry(DropReason.RETRIES_EXHAUSTED, 1L)
			.containsEntry(DropReason.TERMINAL_ERROR, 1L)
			.containsEntry(DropReason.CIRCUIT_OPEN, 1L);
		assertThat(snapshot.totalDropped()).isEqualTo(4);
		assertThat(snapshot.lastFailureKind()).isEqualTo("circuit_open");
		assertThat(snapshot.lastFailure()).isNotNull();
		assertThat(snapshot.lastSuccess()).isNotNull();
	}

	@Test
	void anExporterThatThrowsAnErrorOnceDoesNotStopTheHostFromExporting() {
		AtomicInteger calls = new AtomicInteger();
		List<List<TelemetryFrontendLog>> delivered = new CopyOnWriteArrayList<>();
		WorkspaceHost host = host(settings((endpoint, logs) -> {
			if (calls.incrementAndGet() == 1) {
				throw new LinkageError("a class of the exporter went missing");
			}
			delivered.add(logs);
			return CompletableFuture.completedFuture(ExportResult.success(logs.size(), 200));
		}), FeatureFlagGate.FORCED);
		WorkspaceHost.Lease lease = host.join(TokenSource.NONE);
		recordStatements(lease, "first-", 1);
		flushAll(host);
		recordStatements(lease, "second-", 1);
		flushAll(host);
		assertThat(calls).hasValue(2);
		assertThat(delivered).singleElement().satisfies((logs) -> assertThat(logs).hasSize(1));
		assertDroppedOnly(DropReason.OUTCOME_UNKNOWN, 1);
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
		WorkspaceHost host = host(settings(new RecordingTelemetryExporter()).listener(broken), FeatureFlagGate.FORCED);
		WorkspaceHost.Lease lease = host.join(TokenSource.NONE);
		recordStatements(lease, "first-", 1);
		flushAll(host);
		recordStatements(lease, "second-", 1);
		flushAll(host);
		assertThat(exports).hasValue(2);
		assertThat(host.snapshot().exported()).isEqualTo(2);
	}

	// Closing

	@Test
	void closingExportsEverythingPendingInBatches() {
		List<Integer> batchSizes = new CopyOnWriteArrayList<>();
		WorkspaceHost host = host(TestTelemetry.hostSettings((endpoint, logs) -> {
			batchSizes.add(logs.size());
			return CompletableFuture.supplyAsync(() -> ExportResult.success(logs.size(), 200));
		}, this.threads.scheduler()).listener(this.listener).batchSize(10), FeatureFlagGate.FORCED);
		WorkspaceHost.Lease lease = host.join(TokenSource.NONE);
		host.start();
		recordStatements(lease, "statement-", 95);
		assertThat(host.shutdown(Duration.ofSeconds(10))).isZero();
		assertThat(batchSizes.stream().mapToInt(Integer::intValue).sum()).isEqualTo(95);
		assertThat(batchSizes).allSatisfy((size) -> assertThat(size).isLessThanOrEqualTo(10));
		assertThat(host.snapshot().exported()).isEqualTo(95);
		assertThat(lease.isRecording()).isFalse();
		recordStatements(lease, "late-", 1);
		assertThat(host.snapshot().pending()).as("nothing is recorded once closed").isZero();
		assertThat(this.listener.droppedTotal()).isZero();
	}

	@Test
	void closingCancelsThePeriodicFlushAndSchedulesNothingMore() {
		RecordingTelemetryExporter exporter = new RecordingTelemetryExporter();
		WorkspaceHost host = host(settings(exporter), FeatureFlagGate.FORCED);
		WorkspaceHost.Lease lease = host.join(TokenSource.NONE);
		host.start();
		recordStatements(lease, "statement-", 7);
		assertThat(host.shutdown(Duration.ofSeconds(5))).isZero();
		assertThat(exporter.logs()).hasSize(7);
		assertThat(host.isClosed()).isTrue();
		assertThat(this.scheduler.activeScheduledCount()).as("periodic flush cancelled").isZero();
		host.requestFlush();
		assertThat(this.scheduler.pendingCount()).as("a closed host schedules nothing").isZero();
	}

	@Test
	void closingCancelsAnArmedPoll() {
		HeldExports exports = new HeldExports();
		WorkspaceHost.Lease lease = pollingOnceTenWereExported(exports);
		assertThat(this.scheduler.activeScheduledCount()).as("the poll its exports armed").isEqualTo(1);
		lease.workspaceHost().shutdown(Duration.ZERO);
		assertThat(this.scheduler.activeScheduledCount()).isZero();
	}

	@Test
	void closingCountsWhatTheDeadlineLeftBehind() {
		CompletableFuture<ExportResult> never = new CompletableFuture<>();
		WorkspaceHost host = host(settings((endpoint, logs) -> never).batchSize(10), FeatureFlagGate.FORCED);
		WorkspaceHost.Lease lease = host.join(TokenSource.NONE);
		recordStatements(lease, "statement-", 30);
		assertThat(host.shutdown(Duration.ofMillis(100))).isEqualTo(30);
		// the batch in flight at the deadline counts too
		assertDroppedOnly(DropReason.SHUTDOWN, 30);
	}

	@Test
	void aBatchInFlightAtTheDeadlineIsCountedOnceAsAShutdownDrop() {
		CompletableFuture<ExportResult> slow = new CompletableFuture<>();
		WorkspaceHost host = host(settings((endpoint, logs) -> slow).batchSize(10), FeatureFlagGate.FORCED);
		WorkspaceHost.Lease lease = host.join(TokenSource.NONE);
		recordStatements(lease, "statement-", 13);
		host.flush();
		assertThat(host.pendingCount()).as("one batch of 10 in flight").isEqualTo(3);
		assertThat(host.shutdown(Duration.ZERO)).isEqualTo(13);
		assertDroppedOnly(DropReason.SHUTDOWN, 13);
		slow.complete(ExportResult.success(10, 200));
		// not counted again
		assertDroppedOnly(DropReason.SHUTDOWN, 13);
		assertThat(this.listener.exported()).isZero();
		assertThat(host.snapshot().exported()).isZero();
		assertThat(host.snapshot().totalDropped()).isEqualTo(13);
	}

	@Test
	void aBatchCompletingBeforeTheDeadlineIsCountedAsExportedOnly() {
		CompletableFuture<ExportResult> answer = new CompletableFuture<>();
		WorkspaceHost host = host(settings((endpoint, logs) -> answer).batchSize(10), FeatureFlagGate.FORCED);
		WorkspaceHost.Lease lease = host.join(TokenSource.NONE);
		recordStatements(lease, "statement-", 10);
		host.flush();
		answer.complete(ExportResult.success(10, 200));
		assertThat(host.shutdown(Duration.ZERO)).isZero();
		assertThat(host.snapshot().exported()).isEqualTo(10);
		assertThat(this.listener.droppedTotal()).isZero();
	}

	@Test
	void theExportInFlightAtTheShutdownDeadlineIsCancelledAndCountedOnce() {
		CompletableFuture<ExportResult> hanging = new CompletableFuture<>();
		WorkspaceHost host = host(settings((endpoint, logs) -> hanging), FeatureFlagGate.FORCED);
		WorkspaceHost.Lease lease = host.join(TokenSource.NONE);
		recordStatements(lease, "statement-", 2);
		host.flush();
		assertThat(host.shutdown(Duration.ofMillis(50))).isEqualTo(2);
		assertThat(hanging).isCancelled();
		assertDroppedOnly(DropReason.SHUTDOWN, 2);
	}

	@Test
	void anExporterThatThrowsIsCountedAsOutcomeUnknownAndClosingDoesNotThrow() {
		WorkspaceHost host = host(settings((endpoint, logs) -> {
			throw new IllegalStateException("exporter broken");
		}), FeatureFlagGate.FORCED);
		WorkspaceHost.Lease lease = host.join(TokenSource.NONE);
		recordStatements(lease, "statement-", 1);
		assertThatCode(() -> host.shutdown(Duration.ofSeconds(1))).doesNotThrowAnyException();
		// counted, not lost
		assertDroppedOnly(DropReason.OUTCOME_UNKNOWN, 1);
	}

	@Test
	void aGateThatThrowsReachesNeitherTheRecordingThreadNorTheCallerOfClose() {
		AtomicBoolean broken = new AtomicBoolean();
		FeatureFlagGate gate = () -> {
			if (broken.get()) {
				throw new IllegalStateException("gate broken");
			}
			return FeatureFlagState.ENABLED;
		};
		WorkspaceHost host = host(settings(new RecordingTelemetryExporter()), gate);
		WorkspaceHost.Lease lease = host.join(TokenSource.NONE);
		recordStatements(lease, "statement-", 1);
		broken.set(true);
		assertThatCode(() -> recordStatements(lease, "statement-", 1)).doesNotThrowAnyException();
		assertThatCode(() -> host.shutdown(Duration.ofSeconds(1))).doesNotThrowAnyException();
		assertThat(host.isClosed()).isTrue();
		// counted, not lost
		assertDroppedOnly(DropReason.SHUTDOWN, 1);
	}

	/** The workspace's answer, given by the test when it chooses; unknown until then. */
	private static class AnsweringGate implements FeatureFlagGate {

		private final CompletableFuture<FeatureFlagState> first = new CompletableFuture<>();

		private volatile FeatureFlagState state = FeatureFlagState.UNKNOWN;

		private volatile @Nullable Long workspaceId;

		void answer(FeatureFlagState answer, @Nullable Long workspaceId) {
			this.workspaceId = workspaceId;
			this.state = answer;
			this.first.complete(answer);
		}

		@Override
		public FeatureFlagState state() {
			return this.state;
		}

		@Override
		public @Nullable Long workspaceId() {
			return this.workspaceId;
		}

		@Override
		public CompletableFuture<FeatureFlagState> firstAnswer() {
			return this.first;
		}

		@Override
		public boolean isForced() {
			return false;
		}

	}

	/** Holds each export's answer until the test gives it, and remembers each batch's size. */
	private static final class HeldExports implements TelemetryExporter {

		private final List<Integer> sizes = new CopyOnWriteArrayList<>();

		private final List<CompletableFuture<ExportResult>> unanswered = new CopyOnWriteArrayList<>();

		private final List<Integer> unansweredSizes = new CopyOnWriteArrayList<>();

		@Override
		public CompletableFuture<ExportResult> export(TelemetryEndpoint endpoint, List<TelemetryFrontendLog> logs) {
			CompletableFuture<ExportResult> answer = new CompletableFuture<>();
			this.sizes.add(logs.size());
			this.unansweredSizes.add(logs.size());
			this.unanswered.add(answer);
			return answer;
		}

		List<Integer> sizes() {
			return this.sizes;
		}

		/** Answers every export waiting so far with a success. */
		void answerAll() {
			while (!this.unanswered.isEmpty()) {
				CompletableFuture<ExportResult> answer = this.unanswered.remove(0);
				answer.complete(ExportResult.success(this.unansweredSizes.remove(0), 200));
			}
		}

	}

}
