package io.github.dbtelemetry.internal.host;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryEndpoint;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.internal.export.CircuitBreakerTelemetryExporter;
import io.github.dbtelemetry.internal.export.CircuitBreakers;
import io.github.dbtelemetry.internal.export.ExceptionClassifier;
import io.github.dbtelemetry.internal.operation.ConnectionOperation;
import io.github.dbtelemetry.internal.operation.DatabricksOperation;
import io.github.dbtelemetry.internal.operation.OperationSink;
import io.github.dbtelemetry.internal.operation.SessionCloseOperation;
import io.github.dbtelemetry.internal.operation.StatementOperation;
import io.github.dbtelemetry.model.TelemetryFrontendLog;
import io.github.dbtelemetry.pipeline.DropReason;
import io.github.dbtelemetry.pipeline.FeatureFlagState;
import io.github.dbtelemetry.pipeline.HostSnapshot;

/**
 * Everything about the telemetry of one workspace host: its feature flag, its circuit breaker,
 * its bounded buffer and batching, the credentials of the data sources that use it, its
 * accounting and its snapshot. Shared by every data source that talks to the host, each through
 * a {@link Lease} of its own.
 * <p>
 * Events stay with the credentials of the data source that produced them: each lease has its
 * own queue, batches are formed per lease, and each goes out with that lease's token. Two data
 * sources can reach one workspace as different principals; one's events are never sent under
 * the other's token.
 * <p>
 * Creating a host does no I/O; {@link #start()} schedules the first feature-flag request (and
 * with it any token request) on a telemetry thread. Exports run off the JDBC threads, at most
 * one at a time, and closing flushes within a deadline.
 */
public final class WorkspaceHost {

	private static final Log logger = LogFactory.getLog(WorkspaceHost.class);

	/** How soon after its exports end a busy host looks at its buffer again. */
	static final Duration POLL_INTERVAL = Duration.ofMillis(50);

	private final String host;

	private final URI baseUrl;

	private final @Nullable Long configuredWorkspaceId;

	private final HostSettings settings;

	private final FeatureFlagGate flag;

	private final @Nullable CircuitBreaker breaker;

	private final TelemetryExporter exporter;

	private final CopyOnWriteArrayList<Lease> leases = new CopyOnWriteArrayList<>();

	// Events in all leases' queues: the host's bound is shared, whoever produces the events.
	private final AtomicInteger pending = new AtomicInteger();

	private final AtomicInteger nextLease = new AtomicInteger();

	private final AtomicBoolean exportInFlight = new AtomicBoolean();

	private final AtomicBoolean flushRequested = new AtomicBoolean();

	// Set while a look at the buffer is scheduled on a telemetry thread (see armPoll): recording
	// threads then leave the next batch to it instead of waking a telemetry thread themselves.
	private final AtomicBoolean pollArmed = new AtomicBoolean();

	// Pending events at which a recording thread wakes a telemetry thread even while a poll is
	// armed: half the buffer, so that a burst faster than the polls cannot fill it.
	private final int wakeThreshold;

	// Set by a flush: the exports running or started go on until nothing is pending. Exports
	// started by reaching the batch size stop once less than a batch is left, so that a steady
	// trickle of events still goes out in batches and not in one small request per round trip.
	private volatile boolean drainRequested;

	private final AtomicReference<CompletableFuture<Void>> currentExport = new AtomicReference<>(
			CompletableFuture.completedFuture(null));

	// The batch handed to the exporter and not yet accounted for; see InFlightBatch.
	private final AtomicReference<@Nullable InFlightBatch> inFlight = new AtomicReference<>();

	private final LongAdder exported = new LongAdder();

	private final Map<DropReason, LongAdder> dropped = new EnumMap<>(DropReason.class);

	private volatile @Nullable ScheduledFuture<?> periodicFlush;

	private volatile @Nullable ScheduledFuture<?> armedPoll;

	private volatile boolean started;

	private volatile boolean closed;

	private volatile @Nullable Instant lastSuccess;

	private volatile @Nullable Failure lastFailure;

	private final HostAlarms alarms;

	// What makes a failed operation terminal: the same rule that ends an export's retries.
	private final ExceptionClassifier classifier = new ExceptionClassifier();

	// When exports were first refused by the open breaker since the last success; 0 when not.
	private volatile long breakerOpenSince;

	/**
	 * Makes the host's state; no I/O and no thread is started, so this may run under the
	 * registry's lock.
	 * @param host the workspace host, the key of everything here
	 * @param baseUrl where its export and feature-flag requests go
	 * @param configuredWorkspaceId the workspace id known without asking, else {@code null}: the
	 * workspace's feature-flag answer may tell it
	 */
	WorkspaceHost(String host, URI baseUrl, @Nullable Long configuredWorkspaceId, HostSettings settings) {
		this(host, baseUrl, configuredWorkspaceId, settings, null);
	}

	/**
	 * As above, with the gate given rather than made from the settings: for tests that play
	 * the workspace's answer.
	 */
	WorkspaceHost(String host, URI baseUrl, @Nullable Long configuredWorkspaceId, HostSettings settings,
			@Nullable FeatureFlagGate gate) {
		this.alarms = new HostAlarms(host, settings.warnInterval(), settings.clock());
		this.host = host;
		this.baseUrl = baseUrl;
		this.configuredWorkspaceId = configuredWorkspaceId;
		this.settings = settings;
		this.wakeThreshold = Math.max(settings.batchSize(), settings.maxPendingEvents() / 2);
		for (DropReason reason : DropReason.values()) {
			this.dropped.put(reason, new LongAdder());
		}
		FeatureFlagFetcher featureFlags = settings.featureFlags();
		if (gate != null) {
			this.flag = gate;
		}
		else {
			this.flag = (featureFlags != null)
					? new FeatureFlag(host, baseUrl, this::flagToken, featureFlags, settings.clock(), this::flagFetched)
					: FeatureFlagGate.FORCED;
		}
		this.breaker = (settings.breakers() != null) ? settings.breakers().create(host) : null;
		this.exporter = (this.breaker != null) ? new CircuitBreakerTelemetryExporter(settings.exporter(), this.breaker)
				: settings.exporter();
	}

	/**
	 * Starts the periodic flush and the first feature-flag request, both on the telemetry
	 * threads. Events held while the workspace has not answered are sent, or discarded, as soon
	 * as it does: waiting for the next interval would keep a "no" workspace's events in memory.
	 */
	void start() {
		if (this.closed || this.started) {
			return;
		}
		this.started = true;
		try {
			long interval = this.settings.flushInterval().toNanos();
			this.periodicFlush = this.settings.scheduler()
				.scheduleWithFixedDelay(this::flushQuietly, interval, interval, TimeUnit.NANOSECONDS);
			if (this.flag.state() == FeatureFlagState.UNKNOWN) {
				this.flag.firstAnswer().thenRun(this::requestFlush);
			}
			this.flag.start(this.settings.scheduler());
		}
		catch (RuntimeException ex) {
			// the telemetry threads are stopping: the engine is closing this host anyway
			logger.debug("Telemetry of " + this.host + " could not start", ex);
		}
	}

	public String host() {
		return this.host;
	}

	/** Joins a data source to this host; its events go out with its own credentials. */
	Lease join(TokenSource credentials) {
		Lease lease = new Lease(new TelemetryEndpoint(this.host, this.baseUrl, credentials,
				this.settings.allowInsecure()));
		this.leases.add(lease);
		return lease;
	}

	/** The host's feature flag; for tests. */
	FeatureFlagGate featureFlag() {
		return this.flag;
	}

	// The feature flag is asked with the token of a data source still in use: never with one
	// whose data source was closed, and never kept from the first data source forever.
	private java.util.Optional<String> flagToken() {
		for (Lease lease : this.leases) {
			if (!lease.released.get()) {
				java.util.Optional<String> token = lease.endpoint.credentials().bearerToken();
				if (token != null && token.isPresent()) {
					return token;
				}
			}
		}
		return java.util.Optional.empty();
	}

	boolean isAccepting() {
		return !this.closed && this.flag.state() != FeatureFlagState.DISABLED;
	}

	/** Asks the workspace again when its answer has expired; for the registry's schedule. */
	void refreshFeatureFlagIfExpired() {
		if (!this.closed) {
			this.flag.refreshIfExpired();
		}
	}

	/**
	 * Asks for a flush on a telemetry thread: everything pending is exported. Returns at once.
	 */
	void requestFlush() {
		this.drainRequested = true;
		requestExports();
	}

	/**
	 * Asks for exports on a telemetry thread; returns at once. At most one request waits at a
	 * time: while an export is slow, statements keep reaching the batch size, and each must not
	 * queue a task of its own.
	 */
	private void requestExports() {
		if (this.closed || !this.flushRequested.compareAndSet(false, true)) {
			return;
		}
		try {
			this.settings.scheduler().execute(() -> {
				this.flushRequested.set(false);
				startExportsQuietly();
			});
		}
		catch (RuntimeException ex) {
			this.flushRequested.set(false);
			logger.debug("Telemetry flush for " + this.host + " could not be scheduled", ex);
		}
	}

	int pendingCount() {
		return this.pending.get();
	}

	/**
	 * Exports pending events in batches until none are left, or joins the exports already
	 * running, which then go on until none are left; the returned future completes when those
	 * exports have ended.
	 */
	public CompletableFuture<Void> flush() {
		this.drainRequested = true;
		return startExports();
	}

	private CompletableFuture<Void> startExports() {
		if (!this.exportInFlight.compareAndSet(false, true)) {
			return this.currentExport.get();
		}
		CompletableFuture<Void> done = new CompletableFuture<>();
		this.currentExport.set(done);
		exportNextBatch(done);
		return done;
	}

	private void flushQuietly() {
		this.drainRequested = true;
		startExportsQuietly();
	}

	private void startExportsQuietly() {
		try {
			startExports();
		}
		catch (Throwable ex) {
			logger.debug("Telemetry export for " + this.host + " failed", ex);
		}
	}

	// Runs with exportInFlight held; releases it when nothing is left or held back. Whatever is
	// thrown (an exporter's or a listener's Error included) ends in finishExports, so that one
	// broken call can never leave the host unable to export again.
	private void exportNextBatch(CompletableFuture<Void> done) {
		try {
			FeatureFlagState state = this.flag.state();
			if (state == FeatureFlagState.DISABLED) {
				drop(DropReason.DISABLED_BY_WORKSPACE, discardAll());
			}
			if (state != FeatureFlagState.ENABLED) {
				finishExports(done);
				return;
			}
			// Published before the events leave the queues, so that close() always finds them:
			// in a queue, or in this batch.
			InFlightBatch sent = new InFlightBatch();
			this.inFlight.set(sent);
			Batch batch = nextBatch();
			if (batch == null) {
				this.inFlight.compareAndSet(sent, null);
				finishExports(done);
				return;
			}
			if (!sent.fill(batch.logs().size())) {
				// close() settled it while it was being filled: its events are shutdown drops
				drop(DropReason.SHUTDOWN, batch.logs().size());
				finishExports(done);
				return;
			}
			long start = System.nanoTime();
			CompletableFuture<ExportResult> export;
			try {
				export = this.exporter.export(batch.endpoint(), batch.logs());
			}
			catch (Throwable ex) {
				export = CompletableFuture.failedFuture(ex);
			}
			if (export == null) {
				export = CompletableFuture.completedFuture(null);
			}
			sent.exporting(export);
			export.whenComplete((result, failure) -> afterExport(done, sent, result, start));
		}
		catch (Throwable ex) {
			logger.debug("Telemetry export for " + this.host + " failed", ex);
			finishExports(done);
		}
	}

	/**
	 * Up to a request's worth of one lease's events ({@code maxBatchSize}: whatever accumulated
	 * while the last export was in flight goes together), taking the leases in turn so that a
	 * busy data source does not hold back a quiet one. The workspace id is stamped here, once
	 * per batch: events built before the workspace's first answer could not know the id it tells.
	 */
	private @Nullable Batch nextBatch() {
		int count = this.leases.size();
		int first = Math.floorMod(this.nextLease.getAndIncrement(), Math.max(count, 1));
		for (int i = 0; i < count; i++) {
			Lease lease;
			try {
				lease = this.leases.get((first + i) % count);
			}
			catch (IndexOutOfBoundsException ex) {
				break;
			}
			List<DatabricksOperation> drained = lease.drain(this.settings.maxBatchSize());
			if (lease.released.get() && lease.queue.isEmpty()) {
				this.leases.remove(lease);
			}
			if (!drained.isEmpty()) {
				return new Batch(lease.endpoint, events(drained));
			}
		}
		return null;
	}

	// The events of a batch, built here on a telemetry thread; the workspace id is stamped in
	// the same pass.
	private List<TelemetryFrontendLog> events(List<DatabricksOperation> operations) {
		Long workspaceId = (this.configuredWorkspaceId != null) ? this.configuredWorkspaceId
				: this.flag.workspaceId();
		boolean stamp = workspaceId != null && this.settings.events().exportsWorkspaceId();
		List<TelemetryFrontendLog> logs = new ArrayList<>(operations.size());
		for (DatabricksOperation operation : operations) {
			try {
				TelemetryFrontendLog log;
				if (operation instanceof StatementOperation statement) {
					log = this.settings.events().statementEvent(statement);
				}
				else if (operation instanceof SessionCloseOperation closed) {
					log = this.settings.events().sessionClosedEvent(closed);
				}
				else {
					log = this.settings.events().connectionEvent((ConnectionOperation) operation);
				}
				logs.add(stamp ? log.withWorkspaceIdIfAbsent(workspaceId) : log);
			}
			catch (RuntimeException | LinkageError ex) {
				logger.debug("Could not build a telemetry event", ex);
			}
		}
		return logs;
	}

	private int discardAll() {
		int discarded = 0;
		for (Lease lease : this.leases) {
			discarded += lease.drain(Integer.MAX_VALUE).size();
			if (lease.released.get()) {
				this.leases.remove(lease);
			}
		}
		return discarded;
	}

	private void afterExport(CompletableFuture<Void> done, InFlightBatch sent, @Nullable ExportResult result,
			long start) {
		boolean more = false;
		try {
			ExportResult outcome = (result != null) ? result
					: ExportResult.outcomeUnknown(sent.size(), 0, "exporter_error");
			this.inFlight.compareAndSet(sent, null);
			// close() may have counted this batch as a shutdown drop already: never twice
			if (sent.settle()) {
				account(outcome, System.nanoTime() - start);
			}
			// Cleared before pending is read: a flush asking for its events after this point is
			// seen by the read below or by the look after the exports have ended. A failed export
			// ends a flush too: the rest waits for the next one rather than failing in a loop.
			if (this.pending.get() == 0 || !outcome.isSuccess()) {
				this.drainRequested = false;
			}
			int left = this.pending.get();
			more = left > 0 && (this.closed || left >= this.settings.batchSize()
					|| (this.drainRequested && outcome.isSuccess()));
		}
		catch (Throwable ex) {
			logger.debug("Telemetry export result for " + this.host + " could not be accounted", ex);
		}
		finally {
			if (more) {
				continueOnTelemetryThread(done);
			}
			else {
				finishExportsAndLookAgain(done);
			}
		}
	}

	// The export completes on an HTTP client thread; serializing the next batch belongs on ours.
	private void continueOnTelemetryThread(CompletableFuture<Void> done) {
		try {
			this.settings.scheduler().execute(() -> exportNextBatch(done));
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

	// Events recorded while these exports ended did not ask for exports of their own (see
	// Lease.offer), and a flush that met their end joined them: either may still be owed one.
	// Only after an export: exports that found nothing to send have nothing to look for.
	private void finishExportsAndLookAgain(CompletableFuture<Void> done) {
		finishExports(done);
		int left = this.pending.get();
		if (left >= this.settings.batchSize() || (this.drainRequested && left > 0)) {
			requestExports();
		}
		armPoll();
	}

	/**
	 * Schedules a look at the buffer after {@link #POLL_INTERVAL}, on a telemetry thread, once
	 * exports have sent something: while events keep coming, the next batch is found by the
	 * telemetry thread instead of being announced by the statement that completes it. Waking a
	 * parked thread is a system call on the recording thread, several microseconds on a virtual
	 * machine, that every statement would otherwise pay a share of. A look that finds less than
	 * a batch lets the polls stop, and the next batch wakes a telemetry thread again.
	 */
	private void armPoll() {
		if (this.closed || !this.pollArmed.compareAndSet(false, true)) {
			return;
		}
		try {
			this.armedPoll = this.settings.scheduler()
				.schedule(this::poll, pollIntervalNanos(), TimeUnit.NANOSECONDS);
		}
		catch (RuntimeException ex) {
			// the telemetry threads are stopping: recording threads wake them, or close() flushes
			this.pollArmed.set(false);
		}
	}

	private void poll() {
		// Disarmed before the count is read: a recording thread that saw the poll armed added its
		// event before that, so the read below sees it; one that comes later wakes a thread itself.
		this.pollArmed.set(false);
		if (!this.closed && this.pending.get() >= this.settings.batchSize()) {
			startExportsQuietly();
		}
	}

	// Never longer than the flush interval: a host flushed more often than it would poll is
	// served by its periodic flushes.
	private long pollIntervalNanos() {
		return Math.min(POLL_INTERVAL.toNanos(), this.settings.flushInterval().toNanos());
	}

	private void account(ExportResult result, long durationNanos) {
		int accepted = result.accepted();
		if (accepted > 0) {
			this.exported.add(accepted);
			this.settings.listener().onEventsExported(this.host, accepted);
		}
		switch (result.outcome()) {
			case SUCCESS -> succeeded();
			case PARTIAL_SUCCESS -> {
				succeeded();
				drop(DropReason.PARTIAL_FAILURE, result.rejected());
			}
			case TERMINAL_FAILURE -> {
				drop(DropReason.TERMINAL_ERROR, result.rejected());
				if (result.httpStatus() == 401 || result.httpStatus() == 403) {
					this.alarms.failing(HostAlarms.Condition.TOKEN_REJECTED);
				}
			}
			case RETRIES_EXHAUSTED -> drop(DropReason.RETRIES_EXHAUSTED, result.rejected());
			case OUTCOME_UNKNOWN -> drop(DropReason.OUTCOME_UNKNOWN, result.rejected());
			case CIRCUIT_OPEN -> {
				drop(DropReason.CIRCUIT_OPEN, result.rejected());
				breakerRefused();
			}
		}
		if (!result.isSuccess() && result.failureKind() != null) {
			this.lastFailure = new Failure(result.failureKind(), this.settings.clock().instant());
		}
		this.settings.listener().onExport(this.host, result, durationNanos);
	}

	private void succeeded() {
		this.lastSuccess = this.settings.clock().instant();
		this.breakerOpenSince = 0;
		this.alarms.recovered(HostAlarms.Condition.TOKEN_REJECTED);
		this.alarms.recovered(HostAlarms.Condition.BREAKER_OPEN);
	}

	// A breaker that opened once is the breaker doing its job; one that refuses exports for
	// longer than an open duration means its trials failed too: the workspace stays unreachable.
	private void breakerRefused() {
		long now = this.settings.clock().millis();
		if (this.breakerOpenSince == 0) {
			this.breakerOpenSince = now;
			return;
		}
		CircuitBreakers breakers = this.settings.breakers();
		if (breakers != null && now - this.breakerOpenSince >= breakers.openDuration().toMillis()) {
			this.alarms.failing(HostAlarms.Condition.BREAKER_OPEN);
		}
	}

	private void flagFetched(boolean answered) {
		if (answered) {
			this.alarms.recovered(HostAlarms.Condition.FEATURE_FLAG_UNREACHABLE);
		}
		else {
			this.alarms.failing(HostAlarms.Condition.FEATURE_FLAG_UNREACHABLE);
		}
	}

	private void drop(DropReason reason, int count) {
		if (count <= 0) {
			return;
		}
		this.dropped.get(reason).add(count);
		this.settings.listener().onEventsDropped(this.host, reason, count);
		if (logger.isDebugEnabled()) {
			logger.debug("Dropped " + count + " telemetry events for " + this.host + ": " + reason.tagValue());
		}
	}

	/**
	 * Stops accepting events and exports what is pending, waiting at most {@code timeout}.
	 * Never throws.
	 * @return the events counted as dropped because the deadline passed: still buffered, or in a
	 * batch whose export had not completed (that batch is not counted again when it completes)
	 */
	int shutdown(Duration timeout) {
		if (this.closed) {
			return 0;
		}
		this.closed = true;
		long deadline = System.nanoTime() + timeout.toNanos();
		try {
			ScheduledFuture<?> periodic = this.periodicFlush;
			if (periodic != null) {
				periodic.cancel(false);
			}
			// A poll armed as close() began; one armed after this finds the host closed.
			ScheduledFuture<?> poll = this.armedPoll;
			if (poll != null) {
				poll.cancel(false);
			}
			awaitFinalFlush(deadline);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		catch (Throwable ex) {
			logger.debug("Final telemetry flush for " + this.host + " did not finish", ex);
		}
		this.flag.close();
		int left = 0;
		for (Lease lease : this.leases) {
			left += lease.drain(Integer.MAX_VALUE).size();
		}
		this.leases.clear();
		InFlightBatch unfinished = this.inFlight.getAndSet(null);
		int unsent = (unfinished != null) ? unfinished.settleAtShutdown() : -1;
		if (unsent >= 0) {
			left += unsent;
			// Counted as dropped, so it must not be delivered after all: abort the exchange and
			// the retries still pending.
			unfinished.cancel();
		}
		drop(DropReason.SHUTDOWN, left);
		return left;
	}

	private void awaitFinalFlush(long deadline) throws Exception {
		if (this.flag.state() == FeatureFlagState.UNKNOWN) {
			// events held for the workspace's first answer are sent or discarded by it
			this.flag.firstAnswer().get(remaining(deadline), TimeUnit.NANOSECONDS);
		}
		if (this.flag.state() == FeatureFlagState.DISABLED) {
			drop(DropReason.DISABLED_BY_WORKSPACE, discardAll());
		}
		while (System.nanoTime() < deadline) {
			this.currentExport.get().get(remaining(deadline), TimeUnit.NANOSECONDS);
			if (this.flag.state() != FeatureFlagState.ENABLED) {
				return;
			}
			// An empty buffer is not enough: a telemetry thread may have just drained the last
			// batch and not yet published its export; returning then would count that batch
			// as dropped although it is about to be delivered.
			if (this.pending.get() == 0 && !this.exportInFlight.get()) {
				return;
			}
			if (this.pending.get() > 0) {
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

	boolean isClosed() {
		return this.closed;
	}

	/** A consistent-enough view of this host's state for health, metrics and the console. */
	public HostSnapshot snapshot() {
		Map<DropReason, Long> drops = new EnumMap<>(DropReason.class);
		this.dropped.forEach((reason, count) -> drops.put(reason, count.sum()));
		Failure failure = this.lastFailure;

		String breakerState = (this.breaker != null) ? this.breaker.getState().name() : "NONE";
		return new HostSnapshot(this.host, this.flag.state(), this.flag.isForced(), this.flag.answeredAt(),
				breakerState, this.pending.get(), this.exported.sum(), drops, this.lastSuccess,
				(failure != null) ? failure.kind() : null, (failure != null) ? failure.at() : null);
	}

	@Override
	public String toString() {
		return "WorkspaceHost[" + this.host + "]";
	}

	private record Failure(String kind, Instant at) {
	}

	private record Batch(TelemetryEndpoint endpoint, List<TelemetryFrontendLog> logs) {
	}

	/**
	 * One data source's share of the host: where its finished operations become events, queued
	 * with its own credentials. Released when the data source closes; its queued events are
	 * still sent with its credentials, and the lease is forgotten once they are.
	 */
	public final class Lease implements OperationSink {

		private final TelemetryEndpoint endpoint;

		// Finished operations, not events: the event is built on a telemetry thread when its batch
		// is sent, so the JDBC thread only queues what it already has.
		private final Queue<DatabricksOperation> queue = new ConcurrentLinkedQueue<>();

		private final AtomicBoolean released = new AtomicBoolean();

		private Lease(TelemetryEndpoint endpoint) {
			this.endpoint = endpoint;
		}

		public String host() {
			return WorkspaceHost.this.host;
		}

		WorkspaceHost workspaceHost() {
			return WorkspaceHost.this;
		}

		/** Whether events are wanted now: the host is open and the workspace has not said no. */
		@Override
		public boolean isRecording() {
			return !this.released.get() && isAccepting();
		}

		/**
		 * Queues a finished operation; its event is built when its batch is sent. Never blocks
		 * and never throws. An operation whose failure is terminal (the workspace refused the
		 * credentials: see {@link ExceptionClassifier}) makes the host flush at once: the
		 * application is likely about to give up on the workspace.
		 */
		@Override
		public void record(DatabricksOperation operation) {
			try {
				if (!isRecording() || operation == null) {
					return;
				}
				Throwable failure = operation.getFailure();
				boolean terminal = failure != null && WorkspaceHost.this.classifier.isTerminal(failure);
				operation.keepOnlyWhatIsExported();
				offer(operation);
				if (terminal) {
					requestFlush();
				}
			}
			catch (RuntimeException | LinkageError ex) {
				logger.debug("Could not record a telemetry event", ex);
			}
		}

		private void offer(DatabricksOperation log) {
			if (WorkspaceHost.this.closed) {
				drop(DropReason.SHUTDOWN, 1);
				return;
			}
			// The slot is reserved before the event is added, so the bound holds under any
			// number of JDBC threads and the heap never grows past it while the endpoint is down.
			int current;
			do {
				current = WorkspaceHost.this.pending.get();
				if (current >= WorkspaceHost.this.settings.maxPendingEvents()) {
					drop(DropReason.BUFFER_FULL, 1);
					return;
				}
			}
			while (!WorkspaceHost.this.pending.compareAndSet(current, current + 1));
			this.queue.offer(log);
			// Running exports go on by themselves while a batch is pending, an armed poll finds the
			// batch (unless half the buffer is pending), and events held for the workspace's first
			// answer are sent by it: asking again would wake a telemetry thread for every statement.
			int now = current + 1;
			if (now >= WorkspaceHost.this.settings.batchSize() && !WorkspaceHost.this.exportInFlight.get()
					&& (now >= WorkspaceHost.this.wakeThreshold || !WorkspaceHost.this.pollArmed.get())
					&& WorkspaceHost.this.flag.state() == FeatureFlagState.ENABLED) {
				requestExports();
			}
		}

		private List<DatabricksOperation> drain(int max) {
			List<DatabricksOperation> drained = new ArrayList<>(Math.min(max, 16));
			DatabricksOperation log;
			while (drained.size() < max && (log = this.queue.poll()) != null) {
				drained.add(log);
			}
			WorkspaceHost.this.pending.addAndGet(-drained.size());
			return drained;
		}

		/**
		 * Marks the lease released; the registry decides whether the host closes with it.
		 * @return {@code false} when it was released already, so that a second release never
		 * takes a reference another data source holds
		 */
		boolean markReleased() {
			return this.released.compareAndSet(false, true);
		}

		@Override
		public String toString() {
			return "WorkspaceHost.Lease[" + WorkspaceHost.this.host + "]";
		}

	}

	/**
	 * A batch given to the exporter. Exactly one of its export's completion and close()'s
	 * deadline settles it, so it is counted once: exported (or failed), or dropped at shutdown
	 * and its export cancelled.
	 */
	private static final class InFlightBatch {

		// -1 while its events are being taken from the queues
		private int size = -1;

		private boolean settled;

		private volatile @Nullable CompletableFuture<ExportResult> export;

		/** Records the batch's size; {@code false} when close() has settled it meanwhile. */
		synchronized boolean fill(int size) {
			if (this.settled) {
				return false;
			}
			this.size = size;
			return true;
		}

		synchronized int size() {
			return Math.max(this.size, 0);
		}

		void exporting(CompletableFuture<ExportResult> export) {
			this.export = export;
			if (isSettled()) {
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

		private synchronized boolean isSettled() {
			return this.settled;
		}

		/** Settles it by its export's completion; {@code false} when close() did first. */
		synchronized boolean settle() {
			if (this.settled) {
				return false;
			}
			this.settled = true;
			return true;
		}

		/**
		 * Settles it at close(): the events it holds, which its filler counts itself when it is
		 * still being filled (0 here), or -1 when its export's completion settled it first.
		 */
		synchronized int settleAtShutdown() {
			if (this.settled) {
				return -1;
			}
			this.settled = true;
			return Math.max(this.size, 0);
		}

	}

}
