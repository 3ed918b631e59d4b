package io.github.dbtelemetry.internal.host;

import java.net.URI;
import java.time.Clock;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.dbtelemetry.export.CredentialsProvider;
import io.github.dbtelemetry.internal.export.TelemetryHttpClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * The telemetry feature flag of every workspace host in use, one reference-counted
 * {@link FeatureFlagContext} per host. Fetches run on the {@link TelemetryHttpClient}'s threads and never
 * block callers; no lock is held while a request is made. Lookups never throw: a host without
 * an answer counts as disabled.
 */
public final class FeatureFlagCache implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(FeatureFlagCache.class);

	private final ConcurrentMap<String, FeatureFlagContext> contexts = new ConcurrentHashMap<>();

	private final FeatureFlagFetcher fetcher;

	private final FeatureFlagSettings settings;

	private final Clock clock;

	private volatile boolean closed;

	/**
	 * @param http the client the flag requests are made with
	 * @param settings what to ask for and how long to trust the answer
	 * @param allowInsecure whether the bearer token may be sent to a plain {@code http://} base URL
	 * @param clock the source of time for expiry
	 */
	public FeatureFlagCache(TelemetryHttpClient http, FeatureFlagSettings settings, boolean allowInsecure,
			Clock clock) {
		this(http, JsonMapper.builder().build(), settings, allowInsecure, clock);
	}

	public FeatureFlagCache(TelemetryHttpClient http, JsonMapper jsonMapper, FeatureFlagSettings settings,
			boolean allowInsecure, Clock clock) {
		Objects.requireNonNull(http, "http");
		Objects.requireNonNull(jsonMapper, "jsonMapper");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.fetcher = new FeatureFlagFetcher(http, jsonMapper, settings, allowInsecure);
	}

	/**
	 * Takes a reference to the host's context, creating it and starting its first fetch in the
	 * background when the host is new. The base URL and credentials of the first caller are the
	 * ones used for the host. Every call must be matched by {@link #releaseContext(String)}.
	 */
	public FeatureFlagContext getOrCreateContext(String host, URI baseUrl, CredentialsProvider credentials) {
		Objects.requireNonNull(host, "host");
		Objects.requireNonNull(baseUrl, "baseUrl");
		Objects.requireNonNull(credentials, "credentials");
		if (this.closed) {
			// Nothing would ever refresh or release it; hand out a context that says "disabled".
			FeatureFlagContext detached = new FeatureFlagContext(host, baseUrl, credentials);
			detached.close();
			return detached;
		}
		FeatureFlagContext context = this.contexts.compute(host, (key, existing) -> {
			FeatureFlagContext target = (existing != null) ? existing
					: new FeatureFlagContext(key, baseUrl, credentials);
			target.retain();
			return target;
		});
		if (this.closed) {
			// close() ran concurrently and may have missed this context.
			this.contexts.remove(host, context);
			context.close();
			return context;
		}
		// Outside compute(): starting the request must not run under the map's bin lock.
		context.startFirstFetch(this.fetcher, this.clock, this.settings.cacheTtl());
		return context;
	}

	/** Drops one reference to the host's context; the last one removes it. Unknown hosts are ignored. */
	public void releaseContext(String host) {
		if (host == null) {
			return;
		}
		FeatureFlagContext[] removed = new FeatureFlagContext[1];
		this.contexts.computeIfPresent(host, (key, context) -> {
			if (context.release() > 0) {
				return context;
			}
			removed[0] = context;
			return null;
		});
		if (removed[0] != null) {
			removed[0].close();
		}
	}

	/** The host's live context, if any reference to it is held. */
	public Optional<FeatureFlagContext> getContext(String host) {
		return (host != null) ? Optional.ofNullable(this.contexts.get(host)) : Optional.empty();
	}

	/**
	 * Whether the host's server enables telemetry: from the cache while the answer is fresh,
	 * else after a fetch. Completes with {@code false} for a host without a context (there is no
	 * base URL or credential to ask with) and whenever no answer is known. Never completes
	 * exceptionally. When it waits for a fetch it completes on an HTTP client thread, so
	 * dependent actions must not block.
	 */
	public CompletableFuture<Boolean> isTelemetryEnabled(String host) {
		FeatureFlagContext context = (host != null) ? this.contexts.get(host) : null;
		if (context == null || this.closed) {
			return CompletableFuture.completedFuture(false);
		}
		try {
			// A copy, so that a caller completing its future cannot answer for the others.
			return context.currentOrRefresh(this.fetcher, this.clock, this.settings.cacheTtl()).copy();
		}
		catch (RuntimeException ex) {
			logger.debug("Telemetry feature flag lookup for " + host + " failed", ex);
			return CompletableFuture.completedFuture(false);
		}
	}

	/** Refetches the flag of every live host whose answer has expired; meant for a scheduler. */
	public void refreshExpired() {
		if (this.closed) {
			return;
		}
		Instant now = this.clock.instant();
		for (FeatureFlagContext context : this.contexts.values()) {
			try {
				if (context.isExpired(now) && !context.isFetching()) {
					context.refresh(this.fetcher, this.clock, this.settings.cacheTtl());
				}
			}
			catch (RuntimeException ex) {
				// One bad host must not stop the scheduled refresh of the others.
				logger.debug("Telemetry feature flag refresh for " + context.getHost() + " failed", ex);
			}
		}
	}

	/** Cancels fetches in progress and forgets every host. */
	@Override
	public void close() {
		this.closed = true;
		for (String host : this.contexts.keySet()) {
			FeatureFlagContext context = this.contexts.remove(host);
			if (context != null) {
				context.close();
			}
		}
	}

}
