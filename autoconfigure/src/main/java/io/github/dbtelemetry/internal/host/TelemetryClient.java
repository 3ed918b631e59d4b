package io.github.dbtelemetry.internal.host;

import io.github.dbtelemetry.pipeline.DropReason;
import io.github.dbtelemetry.pipeline.TelemetryClientSnapshot;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;

import java.time.Clock;
import java.util.ArrayList;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.dbtelemetry.internal.event.MetricsAggregator;
import io.github.dbtelemetry.internal.event.TelemetryEventFactory;
import io.github.dbtelemetry.internal.event.TelemetryEventQueue;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryEndpoint;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.model.TelemetryFrontendLog;

/**
 * The telemetry of one workspace host: it buffers events (bounded), exports them in batches off
 * the JDBC threads, at most one export at a time, and flushes within a deadline when closed.
 * Shared by every data source and connection that talks to the host.
 */
public final class TelemetryClient implements TelemetryEventQueue {

	private static final Log logger = LogFactory.getLog(TelemetryClient.class);

	private final String host;

	private final TelemetryEndpoint endpoint;

	private final TelemetryExporter exporter;

	private final FeatureFlagGate gate;

	private final TelemetryClientSettings settings;

	private final TelemetryPipelineListener listener;

	private final ScheduledExecutorService scheduler;

	private final Clock clock;

	private final PendingEventBuffer<TelemetryFrontendLog> buffer;

	private final MetricsAggregator aggregator;

	private final AtomicBoolean exportInFlight = new AtomicBoolean();

	private final AtomicBoolean flushRequested = new AtomicBoolean();

	private final AtomicReference<CompletableFuture<Void>> currentExport = new AtomicReference<>(
			CompletableFuture.completedFuture(null));

	// The batch handed to the exporter and not yet accounted for; see InFlightBatch.
	private final AtomicReference<InFlightBatch> inFlight = new AtomicReference<>();

	private final ScheduledFuture<?> periodicFlush;

	private final LongAdder exported = new LongAdder();

	private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);

	private volatile boolean closed;

	private volatile long lastSuccessMillis;

	private volatile Failure lastFailure;

	public TelemetryClient(TelemetryEndpoint endpoint, TelemetryExporter exporter, FeatureFlagGate gate,
			TelemetryClientSettings settings, TelemetryEventFactory eventFactory, TelemetryPipelineListener listener,
			ScheduledExecutorService scheduler, Clock clock) {
		this.host = endpoint.host();
		this.endpoint = endpoint;
		this.exporter = exporter;
		this.gate = gate;
		this.settings = settings;
		this.listener = listener;
		this.scheduler = scheduler;
		this.clock = clock;
		this.buffer = new PendingEventBuffer<>(settings.maxPendingEvents());
		for (DropReason reason : DropReason.values()) {
			this.dropped.put(reason, new LongAdder());
		}
		this.aggregator = new MetricsAggregator(eventFactory, this);
		long interval = settings.flushInterval().toNanos();
		this.periodicFlush = scheduler.scheduleWithFixedDelay(this::flushQuietly, interval, interval,
				TimeUnit.NANOSECONDS);
		actOnFirstAnswer();
	}

	// Events held while the workspace has not answered are sent, or discarded, as soon as it
	// does: waiting for the next interval would keep a "no" workspace's events in memory.
	private void actOnFirstAnswer() {
		try {
			if (this.gate.state() == FeatureFlagGate.State.UNKNOWN) {
				this.gate.firstAnswer().thenRun(this::requestFlush);
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not follow the feature flag of " + this.host, ex);
		}
	}

	public String getHost() {
		return this.host;
	}

	public TelemetryEndpoint getEndpoint() {
		return this.endpoint;
	}

	/** The recorder that turns this host's finished observations into events. */
	public MetricsAggregator getAggregator() {
		return this.aggregator;
	}

	@Override
	public boolean isAccepting() {
		return !this.closed && this.gate.state() != FeatureFlagGate.State.DISABLED;
	}

	@Override
	public void enqueue(TelemetryFrontendLog log) {
		if (this.closed) {
			drop(DropReason.SHUTDOWN, 1);
			return;
		}
		if (!this.buffer.offer(log)) {
			drop(DropReason.BUFFER_FULL, 1);
			return;
		}
		if (this.buffer.size() >= this.settings.batchSize()) {
			requestFlush();
		}
	}

	/**
	 * Asks for a flush on a telemetry thread; returns at once. At most one request waits at a
	 * time: while an export is slow, statements keep reaching the batch size, and each must not
	 * queue a task of its own.
	 */
	@Override
	public void requestFlush() {
		if (this.closed || !this.flushRequested.compareAndSet(false, true)) {
			return;
		}
		try {
			this.scheduler.execute(() -> {
				this.flushRequested.set(false);
				flushQuietly();
			});
		}
		catch (RuntimeException ex) {
			this.flushRequested.set(false);
			logger.debug("Telemetry flush for " + this.host + " could not be scheduled", ex);
		}
	}

	public int getPendingCount() {
		return this.buffer.size();
	}

	/**
	 * Exports pending events in batches until none are left or an export is already running;
	 * the returned future completes when the exports started here have ended.
	 */
	public CompletableFuture<Void> flush() {
		if (!this.exportInFlight.compareAndSet(false, true)) {
			return this.currentExport.get();
		}
		CompletableFuture<Void> done = new CompletableFuture<>();
		this.currentExport.set(done);
		exportNextBatch(done);
		return done;
	}

	private void flushQuietly() {
		try {
			flush();
		}
		catch (Throwable ex) {
			logger.debug("Telemetry flush for " + this.host + " failed", ex);
		}
	}

	// Events built before the workspace's answer could not know the id it tells; they learn it here.
	private List<TelemetryFrontendLog> withKnownWorkspaceId(List<TelemetryFrontendLog> logs) {
		Long workspaceId = this.gate.workspaceId();
		if (workspaceId == null) {
			return logs;
		}
		List<TelemetryFrontendLog> completed = new ArrayList<>(logs.size());
		for (TelemetryFrontendLog log : logs) {
			completed.add(log.withWorkspaceIdIfAbsent(workspaceId));
		}
		return completed;
	}

	// Runs with exportInFlight held; releases it when the buffer is empty or held back. Whatever
	// is thrown (an exporter's or a listener's Error included) ends in finishExports, so that one
	// broken call can never leave the host unable to export again.
	private void exportNextBatch(CompletableFuture<Void> done) {
		try {
			FeatureFlagGate.State state = this.gate.state();
			if (state == FeatureFlagGate.State.DISABLED) {
				int discarded = this.buffer.drain(Integer.MAX_VALUE).size();
				drop(DropReason.DISABLED_BY_WORKSPACE, discarded);
			}
			List<TelemetryFrontendLog> drained = (state == FeatureFlagGate.State.ENABLED)
					? this.buffer.drain(this.settings.batchSize()) : List.of();
			if (drained.isEmpty()) {
				finishExports(done);
				return;
			}
			List<TelemetryFrontendLog> batch = withKnownWorkspaceId(drained);
			long start = System.nanoTime();
			InFlightBatch sent = new InFlightBatch(batch.size());
			this.inFlight.set(sent);
			CompletableFuture<ExportResult> export;
			try {
				export = this.exporter.export(this.endpoint, batch);
			}
			catch (Throwable ex) {
				export = CompletableFuture.failedFuture(ex);
			}
			if (export == null) {
				export = CompletableFuture.completedFuture(null);
			}
			sent.exporting(export);
			export.whenComplete((result, failure) -> afterExport(done, sent, batch.size(), result, start));
		}
		catch (Throwable ex) {
			logger.debug("Telemetry export for " + this.host + " failed", ex);
			finishExports(done);
		}
	}

	private void afterExport(CompletableFuture<Void> done, InFlightBatch sent, int size, ExportResult result,
			long start) {
		boolean more = false;
		try {
			ExportResult outcome = (result != null) ? result
					: ExportResult.outcomeUnknown(size, 0, "exporter_error");
			this.inFlight.compareAndSet(sent, null);
			// close() may have counted this batch as a shutdown drop already: never twice
			if (sent.settle()) {
				account(outcome, System.nanoTime() - start);
			}
			more = this.buffer.size() > 0
					&& (this.closed || this.buffer.size() >= this.settings.batchSize() || outcome.isSuccess());
		}
		catch (Throwable ex) {
			logger.debug("Telemetry export result for " + this.host + " could not be accounted", ex);
		}
		finally {
			if (more) {
				continueOnTelemetryThread(done);
			}
			else {
				finishExports(done);
			}
		}
	}

	// The export completes on an HTTP client thread; serializing the next batch belongs on ours.
	private void continueOnTelemetryThread(CompletableFuture<Void> done) {
		try {
			this.scheduler.execute(() -> exportNextBatch(done));
		}
		catch (RuntimeException ex) {
			// the scheduler is shutting down: the caller of close() drains what is left
			finishExports(done);
		}
	}

	private void finishExports(CompletableFuture<Void> done) {
		this.exportInFlight.set(false);
		done.complete(null);
	}

	private void account(ExportResult result, long durationNanos) {
		int accepted = result.accepted();
		if (accepted > 0) {
			this.exported.add(accepted);
			this.listener.onEventsExported(this.host, accepted);
		}
		switch (result.outcome()) {
			case SUCCESS -> this.lastSuccessMillis = this.clock.millis();
			case PARTIAL_SUCCESS -> {
				this.lastSuccessMillis = this.clock.millis();
				drop(DropReason.PARTIAL_FAILURE, result.rejected());
			}
			case TERMINAL_FAILURE -> drop(DropReason.TERMINAL_ERROR, result.rejected());
			case RETRIES_EXHAUSTED -> drop(DropReason.RETRIES_EXHAUSTED, result.rejected());
			case OUTCOME_UNKNOWN -> drop(DropReason.OUTCOME_UNKNOWN, result.rejected());
			case CIRCUIT_OPEN -> drop(DropReason.CIRCUIT_OPEN, result.rejected());
		}
		if (!result.isSuccess() && result.failureKind() != null) {
			this.lastFailure = new Failure(result.failureKind(), this.clock.millis());
		}
		this.listener.onExport(this.host, result, durationNanos);
	}

	private void drop(DropReason reason, int count) {
		if (count <= 0) {
			return;
		}
		this.dropped.get(reason).add(count);
		this.listener.onEventsDropped(this.host, reason, count);
		if (logger.isDebugEnabled()) {
			logger.debug("Dropped " + count + " telemetry events for " + this.host + ": " + reason.tagValue());
		}
	}

	/**
	 * Stops accepting events and exports what is pending, waiting at most {@code timeout}; what
	 * is still pending then is counted as dropped and logged. Never throws.
	 */
	public void close(Duration timeout) {
		int dropped = shutdown(timeout);
		if (dropped > 0) {
			logger.info("Dropped " + dropped + " telemetry events for " + this.host
					+ " that could not be exported before shutdown");
		}
	}

	/**
	 * Like {@link #close(Duration)} but leaves logging to the caller, who may be closing many
	 * hosts and wants one line for all of them.
	 * @return the events counted as dropped because the deadline passed: still buffered, or in a
	 * batch whose export had not completed (that batch is not counted again when it completes)
	 */
	public int shutdown(Duration timeout) {
		if (this.closed) {
			return 0;
		}
		this.closed = true;
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			this.periodicFlush.cancel(false);
			awaitFinalFlush(deadline);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Throwable ex) {
			logger.debug("Final telemetry flush for " + this.host + " did not finish", ex);
		}
		int left = this.buffer.drain(Integer.MAX_VALUE).size();
		InFlightBatch unfinished = this.inFlight.getAndSet(null);
		if (unfinished != null && unfinished.settle()) {
			left += unfinished.size();
			// Counted as dropped, so it must not be delivered after all: abort the exchange and
			// the retries still pending.
			unfinished.cancel();
		}
		drop(DropReason.SHUTDOWN, left);
		return left;
	}

	private void awaitFinalFlush(long deadline) throws Exception {
		if (this.gate.state() == FeatureFlagGate.State.UNKNOWN) {
			// events held for the workspace's first answer are sent or discarded by it
			this.gate.firstAnswer().get(remaining(deadline), TimeUnit.NANOSECONDS);
		}
		if (this.gate.state() == FeatureFlagGate.State.DISABLED) {
			drop(DropReason.DISABLED_BY_WORKSPACE, this.buffer.drain(Integer.MAX_VALUE).size());
		}
		while (System.nanoTime() < deadline) {
			this.currentExport.get().get(remaining(deadline), TimeUnit.NANOSECONDS);
			if (this.gate.state() != FeatureFlagGate.State.ENABLED) {
				return;
			}
			// An empty buffer is not enough: a telemetry thread may have just drained the last
			// batch and not yet published its export; returning then would count that batch
			// as dropped although it is about to be delivered.
			if (this.buffer.size() == 0 && !this.exportInFlight.get()) {
				return;
			}
			if (this.buffer.size() > 0) {
				flush().get(remaining(deadline), TimeUnit.NANOSECONDS);
			}
			else {
				Thread.onSpinWait();
			}
		}
	}

	private static long remaining(long deadline) {
		return Math.max(0, deadline - System.nanoTime());
	}

	public boolean isClosed() {
		return this.closed;
	}

	/** A consistent-enough view of this client's state for health and the console. */
	public TelemetryClientSnapshot snapshot() {
		Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
		this.dropped.forEach((reason, count) -> drops.put(reason, count.sum()));
		Failure failure = this.lastFailure;
		return new TelemetryClientSnapshot(this.host, this.gate.state(), this.buffer.size(), this.exported.sum(),
				drops, (this.lastSuccessMillis != 0) ? this.lastSuccessMillis : null,
				(failure != null) ? failure.kind() : null, (failure != null) ? failure.atMillis() : null);
	}

	private record Failure(String kind, long atMillis) {
	}

	/**
	 * A batch given to the exporter. Exactly one of its export's completion and close()'s
	 * deadline settles it, so it is counted once: exported (or failed), or dropped at shutdown
	 * and its export cancelled.
	 */
	private static final class InFlightBatch {

		private final int size;

		private final AtomicBoolean settled = new AtomicBoolean();

		private volatile CompletableFuture<ExportResult> export;

		InFlightBatch(int size) {
			this.size = size;
		}

		int size() {
			return this.size;
		}

		void exporting(CompletableFuture<ExportResult> export) {
			this.export = export;
			if (this.settled.get()) {
				// close() settled it between being handed out and this call
				export.cancel(true);
			}
		}

		void cancel() {
			CompletableFuture<ExportResult> running = this.export;
			if (running != null) {
				running.cancel(true);
			}
		}

		boolean settle() {
			return this.settled.compareAndSet(false, true);
		}

	}

}
