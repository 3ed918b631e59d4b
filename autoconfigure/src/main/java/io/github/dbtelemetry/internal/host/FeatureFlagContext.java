package io.github.dbtelemetry.internal.host;

import java.net.URI;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.dbtelemetry.export.CredentialsProvider;

/**
 * The server's telemetry switch for one workspace host, shared by everything that talks to the
 * host and kept alive by a reference count held in {@link FeatureFlagCache}.
 * <p>
 * {@link #state()} is {@link State#UNKNOWN UNKNOWN} only while the first answer is awaited, so
 * that early events are held rather than dropped. After that it follows the last value the
 * server sent; a failed fetch keeps that value, and without any value telemetry counts as
 * {@link State#DISABLED DISABLED}, as the protocol requires.
 */
public final class FeatureFlagContext implements FeatureFlagGate {

	private static final Log logger = LogFactory.getLog(FeatureFlagContext.class);

	private final String host;

	private final URI baseUrl;

	private final CredentialsProvider credentials;

	private final AtomicInteger refCount = new AtomicInteger();

	private final CompletableFuture<State> firstAnswer = new CompletableFuture<>();

	private final AtomicBoolean fetchStarted = new AtomicBoolean();

	/** The fetch in progress, if any; claiming it is what keeps fetches to one at a time. */
	private final AtomicReference<CompletableFuture<Boolean>> inFlight = new AtomicReference<>();

	/** Written only by the holder of {@link #inFlight}; read lock-free by {@link #state()}. */
	private volatile Answer answer = Answer.NONE;

	private volatile CompletableFuture<FlagFetchResult> pendingRequest;

	private volatile boolean closed;

	FeatureFlagContext(String host, URI baseUrl, CredentialsProvider credentials) {
		this.host = host;
		this.baseUrl = baseUrl;
		this.credentials = credentials;
	}

	@Override
	public State state() {
		Boolean enabled = this.answer.enabled();
		if (enabled != null) {
			return enabled ? State.ENABLED : State.DISABLED;
		}
		return this.firstAnswer.isDone() ? State.DISABLED : State.UNKNOWN;
	}

	public String getHost() {
		return this.host;
	}

	public URI getBaseUrl() {
		return this.baseUrl;
	}

	/** The last value the server sent, empty before any successful fetch. */
	public Optional<Boolean> getLastKnownValue() {
		return Optional.ofNullable(this.answer.enabled());
	}

	/** When the last successful fetch completed, {@code null} before any. */
	public Instant getFetchedAt() {
		return this.answer.fetchedAt();
	}

	/** When the next fetch is due, {@code null} before the first fetch has ended. */
	public Instant getExpiresAt() {
		return this.answer.expiresAt();
	}

	public int getRefCount() {
		return this.refCount.get();
	}

	/** The workspace id from the {@code x-databricks-org-id} response header, else {@code null}. */
	@Override
	public Long workspaceId() {
		return getWorkspaceId();
	}

	public Long getWorkspaceId() {
		return this.answer.workspaceId();
	}

	/**
	 * Completes with {@link State#ENABLED} or {@link State#DISABLED} once the first fetch has
	 * ended (at once if it already has), so that held events can be sent or discarded. The
	 * future is a copy; completing it does not affect the context. Dependent actions may run on
	 * an HTTP client thread and must not block.
	 */
	public CompletableFuture<State> firstAnswer() {
		return this.firstAnswer.copy();
	}

	int retain() {
		return this.refCount.incrementAndGet();
	}

	int release() {
		return this.refCount.decrementAndGet();
	}

	boolean isExpired(Instant now) {
		Instant expiresAt = this.answer.expiresAt();
		return expiresAt == null || !now.isBefore(expiresAt);
	}

	boolean isFetching() {
		return this.inFlight.get() != null;
	}

	/** Starts the first fetch unless one has already been started. */
	void startFirstFetch(FeatureFlagFetcher fetcher, Clock clock, Duration defaultTtl) {
		if (!this.fetchStarted.get()) {
			refresh(fetcher, clock, defaultTtl);
		}
	}

	/**
	 * The cached value while fresh, else the outcome of a fetch (joining one already running).
	 */
	CompletableFuture<Boolean> currentOrRefresh(FeatureFlagFetcher fetcher, Clock clock, Duration defaultTtl) {
		CompletableFuture<Boolean> running = this.inFlight.get();
		if (running != null) {
			return running;
		}
		if (!isExpired(clock.instant())) {
			return CompletableFuture.completedFuture(isEnabled(this.answer));
		}
		return refresh(fetcher, clock, defaultTtl);
	}

	/**
	 * Fetches the flag unless a fetch is already running, in which case that one is joined. The
	 * future completes with the effective value once the fetch has ended; it never completes
	 * exceptionally.
	 */
	CompletableFuture<Boolean> refresh(FeatureFlagFetcher fetcher, Clock clock, Duration defaultTtl) {
		CompletableFuture<Boolean> outcome = new CompletableFuture<>();
		CompletableFuture<Boolean> running = this.inFlight.compareAndExchange(null, outcome);
		if (running != null) {
			return running;
		}
		this.fetchStarted.set(true);
		if (this.closed) {
			finish(FlagFetchResult.failed(), clock, defaultTtl, outcome);
			return outcome;
		}
		CompletableFuture<FlagFetchResult> request = fetcher.fetch(this.host, this.baseUrl, this.credentials);
		this.pendingRequest = request;
		request.whenComplete((result, ex) -> finish((ex == null && result != null) ? result : FlagFetchResult.failed(),
				clock, defaultTtl, outcome));
		if (this.closed) {
			// close() ran between claiming the fetch and publishing the request.
			request.cancel(false);
		}
		return outcome;
	}

	private void finish(FlagFetchResult result, Clock clock, Duration defaultTtl, CompletableFuture<Boolean> outcome) {
		try {
			Instant now = clock.instant();
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
			boolean enabled = isEnabled(this.answer);
			this.firstAnswer.complete(enabled ? State.ENABLED : State.DISABLED);
			outcome.complete(enabled);
		}
	}

	/** Cancels a fetch in progress; a context that never got an answer becomes disabled. */
	void close() {
		this.closed = true;
		CompletableFuture<FlagFetchResult> request = this.pendingRequest;
		if (request != null) {
			request.cancel(false);
		}
		this.firstAnswer.complete(isEnabled(this.answer) ? State.ENABLED : State.DISABLED);
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
		return "FeatureFlagContext[host=" + this.host + ", state=" + state() + ", refCount=" + getRefCount() + "]";
	}

	private record Answer(Boolean enabled, Instant fetchedAt, Instant expiresAt, Long workspaceId) {

		static final Answer NONE = new Answer(null, null, null, null);

	}

}
