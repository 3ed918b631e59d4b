package io.github.dbtelemetry.internal.host;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.internal.export.CircuitBreakers;
import io.github.dbtelemetry.pipeline.HostSnapshot;

/**
 * The one registry of workspace hosts: one {@link WorkspaceHost} per host name, with one
 * reference count, the number of data sources using it. Reference counts change inside
 * {@link ConcurrentHashMap#compute}, where nothing but in-memory work happens; the first feature
 * flag request, flushing and closing always run outside it, so an opening connection never waits
 * on a token request or on a closing host.
 * <p>
 * The number of hosts is bounded: beyond {@code maxHosts}, data sources of new hosts are not
 * exported, and one WARN says so.
 */
public final class WorkspaceHosts implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(WorkspaceHosts.class);

	private final HostSettings settings;

	private final int maxHosts;

	private final ConcurrentHashMap<String, Entry> hosts = new ConcurrentHashMap<>();

	// Hosts in the map, reserved before one is added, so that the bound holds under races.
	private final AtomicInteger count = new AtomicInteger();

	private final AtomicBoolean boundWarned = new AtomicBoolean();

	private final @Nullable ScheduledFuture<?> flagRefresh;

	private volatile boolean closed;

	/**
	 * @param settings what every host shares
	 * @param maxHosts how many hosts may be in use at once
	 * @param flagRefreshPeriod how often expired feature-flag answers are looked for; only
	 * expired answers are fetched again
	 */
	public WorkspaceHosts(HostSettings settings, int maxHosts, Duration flagRefreshPeriod) {
		this.settings = settings;
		this.maxHosts = maxHosts;
		this.flagRefresh = (settings.featureFlags() != null)
				? settings.scheduler()
					.scheduleWithFixedDelay(this::refreshExpiredFlags, flagRefreshPeriod.toNanos(),
							flagRefreshPeriod.toNanos(), TimeUnit.NANOSECONDS)
				: null;
	}

	/**
	 * Joins a data source to its host, creating the host on first use; counts one more
	 * reference. No I/O happens here: a new host's first feature-flag request is scheduled on a
	 * telemetry thread.
	 * @param host the host name, the registry's key
	 * @param baseUrl where the host's requests go; the first data source's is used for the host
	 * @param workspaceId the workspace id known without asking, or {@code null}
	 * @param credentials the data source's own credentials, used for its events only
	 * @return the data source's lease, or {@code null} when the host bound is reached or the
	 * registry is closed
	 */
	public WorkspaceHost.@Nullable Lease acquire(String host, URI baseUrl, @Nullable Long workspaceId,
			TokenSource credentials) {
		if (this.closed) {
			return null;
		}
		boolean[] created = new boolean[1];
		Entry entry = this.hosts.compute(host, (key, existing) -> {
			Entry target = existing;
			if (target == null) {
				if (this.count.incrementAndGet() > this.maxHosts) {
					this.count.decrementAndGet();
					return null;
				}
				target = new Entry(new WorkspaceHost(key, baseUrl, workspaceId, this.settings));
				created[0] = true;
			}
			target.references++;
			return target;
		});
		if (entry == null) {
			warnBoundReached(host);
			return null;
		}
		WorkspaceHost.Lease lease = entry.host.join(credentials);
		if (created[0]) {
			entry.host.start();
			this.settings.listener().onHostOpened(host, entry.host::snapshot);
		}
		if (this.closed) {
			// close() ran concurrently and may have missed this host
			release(lease);
			return null;
		}
		return lease;
	}

	private void warnBoundReached(String host) {
		if (this.boundWarned.compareAndSet(false, true)) {
			logger.warn("Databricks telemetry is in use for " + this.maxHosts + " workspace hosts, the most "
					+ "databricks.telemetry.max-hosts allows: data sources of further hosts (first: " + host
					+ ") are not exported");
		}
	}

	/**
	 * Counts one reference less. The lease's queued events still go out with its credentials;
	 * the last release closes the host (flushing within the shutdown timeout) outside any lock,
	 * and forgets everything about it, breaker and meters included.
	 */
	public void release(WorkspaceHost.Lease lease) {
		if (!lease.markReleased()) {
			return;
		}
		WorkspaceHost owner = lease.workspaceHost();
		WorkspaceHost[] removed = new WorkspaceHost[1];
		this.hosts.computeIfPresent(owner.host(), (key, entry) -> {
			if (entry.host != owner) {
				return entry;
			}
			if (--entry.references > 0) {
				return entry;
			}
			removed[0] = entry.host;
			forget(key);
			return null;
		});
		if (removed[0] != null) {
			int dropped = close(removed[0], this.settings.shutdownTimeout());
			if (dropped > 0) {
				logger.info("Dropped " + dropped + " telemetry events for " + owner.host()
						+ " that could not be exported within the shutdown timeout");
			}
		}
		else {
			owner.requestFlush();
		}
	}

	// Under the map's lock for the host: in-memory only. The breaker goes now, so that a host
	// of the same name created right after gets a fresh one.
	private void forget(String host) {
		this.count.decrementAndGet();
		CircuitBreakers breakers = this.settings.breakers();
		if (breakers != null) {
			breakers.remove(host);
		}
	}

	private int close(WorkspaceHost host, Duration timeout) {
		try {
			return host.shutdown(timeout);
		}
		catch (RuntimeException ex) {
			logger.debug("Closing the telemetry of " + host.host() + " failed", ex);
			return 0;
		}
		finally {
			try {
				this.settings.listener().onHostClosed(host.host());
			}
			catch (RuntimeException ex) {
				logger.debug("A pipeline listener failed on the closing of " + host.host(), ex);
			}
		}
	}

	/** The number of data sources using a host; 0 when it is not in use. */
	public int referenceCount(String host) {
		Entry entry = this.hosts.get(host);
		return (entry != null) ? entry.references : 0;
	}

	/** The host of a name, if in use. */
	public @Nullable WorkspaceHost get(String host) {
		Entry entry = this.hosts.get(host);
		return (entry != null) ? entry.host : null;
	}

	/** The hosts in use, by name. */
	public List<WorkspaceHost> hosts() {
		List<WorkspaceHost> all = new ArrayList<>();
		this.hosts.values().forEach((entry) -> all.add(entry.host));
		all.sort(Comparator.comparing(WorkspaceHost::host));
		return all;
	}

	public List<HostSnapshot> snapshots() {
		return hosts().stream().map(WorkspaceHost::snapshot).toList();
	}

	private void refreshExpiredFlags() {
		for (Entry entry : this.hosts.values()) {
			try {
				entry.host.refreshFeatureFlagIfExpired();
			}
			catch (RuntimeException ex) {
				// One bad host must not stop the scheduled refresh of the others.
				logger.debug("Telemetry feature flag refresh for " + entry.host.host() + " failed", ex);
			}
		}
	}

	/**
	 * Flushes and closes every host within one shutdown timeout (not one per host: the exports
	 * of all hosts run at the same time), then forgets them. Events still undelivered at the
	 * deadline are counted as dropped and logged once, at INFO, with their number.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (this.flagRefresh != null) {
			this.flagRefresh.cancel(false);
		}
		List<WorkspaceHost> all = new ArrayList<>();
		for (String host : List.copyOf(this.hosts.keySet())) {
			this.hosts.computeIfPresent(host, (key, entry) -> {
				all.add(entry.host);
				forget(key);
				return null;
			});
		}
		Duration timeout = this.settings.shutdownTimeout();
		long deadline = System.nanoTime() + timeout.toNanos();
		for (WorkspaceHost host : all) {
			// starts every host's final export now; each close below only waits for its own
			host.requestFlush();
		}
		int dropped = 0;
		for (WorkspaceHost host : all) {
			dropped += close(host, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
		}
		if (dropped > 0) {
			logger.info("Dropped " + dropped + " telemetry events of " + all.size()
					+ " workspace host(s) that could not be exported within the shutdown timeout of "
					+ timeout.toMillis() + " ms");
		}
	}

	private static final class Entry {

		private final WorkspaceHost host;

		// changed only inside ConcurrentHashMap.compute for this host
		private int references;

		Entry(WorkspaceHost host) {
			this.host = host;
		}

	}

}
