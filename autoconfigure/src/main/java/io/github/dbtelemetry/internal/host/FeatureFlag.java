package io.github.dbtelemetry.internal.host;

import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.pipeline.FeatureFlagState;

/**
 * The server's telemetry switch for one workspace host, owned by its {@link WorkspaceHost}.
 * Requests run on telemetry threads only (the token they need may take a request of its own);
 * reading the state never blocks.
 * <p>
 * {@link #state()} is {@link FeatureFlagState#UNKNOWN UNKNOWN} only while the first answer is awaited, so
 * that early events are held rather than dropped. After that it follows the last value the
 * server sent; a failed fetch keeps that value, and without any value telemetry counts as
 * {@link FeatureFlagState#DISABLED DISABLED}, as the protocol requires.
 */
final class FeatureFlag implements FeatureFlagGate {

	private static final Log logger = LogFactory.getLog(FeatureFlag.class);

	private final String host;

	private final URI baseUrl;

	private final TokenSource credentials;

	private final FeatureFlagFetcher fetcher;

	private final Clock clock;

	private final Consumer<Boolean> fetched;

	private final CompletableFuture<FeatureFlagState> firstAnswer = new CompletableFuture<>();

	/** The fetch in progress, if any; claiming it is what keeps fetches to one at a time. */
	private final AtomicReference<CompletableFuture<Boolean>> inFlight = new AtomicReference<>();

	/** Written only by the holder of {@link #inFlight}; read lock-free by {@link #state()}. */
	private volatile Answer answer = Answer.NONE;

	private volatile FeatureFlagState state = FeatureFlagState.UNKNOWN;

	private volatile CompletableFuture<FlagFetchResult> pendingRequest;

	private volatile boolean closed;

	/**
	 * @param credentials the token of a data source still using the host, asked at each request
	 */
	FeatureFlag(String host, URI baseUrl, TokenSource credentials, FeatureFlagFetcher fetcher, Clock clock) {
		this(host, baseUrl, credentials, fetcher, clock, (answered) -> {
		});
	}

	/**
	 * @param fetched told after each request whether the workspace answered
	 */
	FeatureFlag(String host, URI baseUrl, TokenSource credentials, FeatureFlagFetcher fetcher, Clock clock,
			Consumer<Boolean> fetched) {
		this.fetched = fetched;
		this.host = host;
		this.baseUrl = baseUrl;
		this.credentials = credentials;
		this.fetcher = fetcher;
		this.clock = clock;
	}

	@Override
	public FeatureFlagState state() {
		return this.state;
	}

	// Read on every checkout of a connection: one volatile read, computed when the answer changes.
	// Set before the first answer is told, so that whoever hears of it reads the state it gives;
	// once a request has ended, no value means disabled.
	private FeatureFlagState updateState() {
		FeatureFlagState definite = isEnabled(this.answer) ? FeatureFlagState.ENABLED : FeatureFlagState.DISABLED;
		this.state = definite;
		return definite;
	}

	/** When the last successful fetch completed, {@code null} before any. */
	@Override
	public @Nullable Instant answeredAt() {
		return this.answer.fetchedAt();
	}

	@Override
	public boolean isForced() {
		return false;
	}

	@Override
	public void start(Executor executor) {
		executor.execute(this::refresh);
	}

	/** The workspace id from the {@code x-databricks-org-id} response header, else {@code null}. */
	@Override
	public @Nullable Long workspaceId() {
		return this.answer.workspaceId();
	}

	/**
	 * Completes with {@link FeatureFlagState#ENABLED} or {@link FeatureFlagState#DISABLED} once the first fetch has
	 * ended (at once if it already has), so that held events can be sent or discarded. The
	 * future is a copy; completing it does not affect the context. Dependent actions may run on
	 * an HTTP client thread and must not block.
	 */
	@Override
	public CompletableFuture<FeatureFlagState> firstAnswer() {
		return this.firstAnswer.copy();
	}

	boolean isExpired(Instant now) {
		Instant expiresAt = this.answer.expiresAt();
		return expiresAt == null || !now.isBefore(expiresAt);
	}

	boolean isFetching() {
		return this.inFlight.get() != null;
	}

	/** Fetches the flag when the last answer has expired and no fetch is running. */
	@Override
	public void refreshIfExpired() {
		if (isExpired(this.clock.instant()) && !isFetching()) {
			refresh();
		}
	}

	/**
	 * Fetches the flag unless a fetch is already running, in which case that one is joined. The
	 * future completes with the effective value once the fetch has ended; it never completes
	 * exceptionally.
	 */
	CompletableFuture<Boolean> refresh() {
		CompletableFuture<Boolean> outcome = new CompletableFuture<>();
		CompletableFuture<Boolean> running = this.inFlight.compareAndExchange(null, outcome);
		if (running != null) {
			return running;
		}
		if (this.closed) {
			finish(FlagFetchResult.failed(), outcome);
			return outcome;
		}
		CompletableFuture<FlagFetchResult> request = this.fetcher.fetch(this.host, this.baseUrl, this.credentials);
		this.pendingRequest = request;
		request.whenComplete((result, ex) -> finish((ex == null && result != null) ? result : FlagFetchResult.failed(),
				outcome));
		if (this.closed) {
			// close() ran between claiming the fetch and publishing the request.
			request.cancel(false);
		}
		return outcome;
	}

	private void finish(FlagFetchResult result, CompletableFuture<Boolean> outcome) {
		Duration defaultTtl = this.fetcher.cacheTtl();
		try {
			Instant now = this.clock.instant();
			Answer previous = this.answer;
			if (result.isSuccess()) {
				Duration ttl = (result.serverTtl() != null) ? result.serverTtl() : defaultTtl;
				Long workspaceId = (result.workspaceId() != null) ? result.workspaceId() : previous.workspaceId();
				this.answer = new Answer(result.enabled(), now, plus(now, ttl), workspaceId);
				if (logger.isDebugEnabled()) {
					logger.debug("Telemetry feature flag for " + this.host + " is " + result.enabled() + " for " + ttl);
				}
			}
			else {
				// Keep the last known value, and wait a full TTL before asking again so that a
				// failing server is not asked again on every lookup.
				this.answer = new Answer(previous.enabled(), previous.fetchedAt(), plus(now, defaultTtl),
						previous.workspaceId());
				if (logger.isDebugEnabled()) {
					logger.debug("Telemetry feature flag for " + this.host + " could not be fetched; keeping "
							+ ((previous.enabled() != null) ? previous.enabled() : "disabled (no value yet)"));
				}
			}
		}
		finally {
			this.pendingRequest = null;
			this.inFlight.set(null);
			FeatureFlagState state = updateState();
			tellFetched(result.isSuccess());
			this.firstAnswer.complete(state);
			outcome.complete(state == FeatureFlagState.ENABLED);
		}
	}

	/** Cancels a fetch in progress; a context that never got an answer becomes disabled. */
	@Override
	public void close() {
		this.closed = true;
		CompletableFuture<FlagFetchResult> request = this.pendingRequest;
		if (request != null) {
			request.cancel(false);
		}
		this.firstAnswer.complete(updateState());
	}

	private void tellFetched(boolean answered) {
		if (this.closed) {
			return;
		}
		try {
			this.fetched.accept(answered);
		}
		catch (RuntimeException ex) {
			logger.debug("Telemetry feature flag listener for " + this.host + " failed", ex);
		}
	}

	private static boolean isEnabled(Answer answer) {
		return Boolean.TRUE.equals(answer.enabled());
	}

	private static Instant plus(Instant now, Duration ttl) {
		try {
			return now.plus(ttl);
		}
		catch (DateTimeException | ArithmeticException ex) {
			// An absurd server TTL means "never expires" rather than a failure.
			return Instant.MAX;
		}
	}

	@Override
	public String toString() {
		return "FeatureFlag[host=" + this.host + ", state=" + state() + "]";
	}

	private record Answer(@Nullable Boolean enabled, @Nullable Instant fetchedAt, @Nullable Instant expiresAt,
			@Nullable Long workspaceId) {

		static final Answer NONE = new Answer(null, null, null, null);

	}

}
