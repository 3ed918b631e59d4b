package io.github.dbtelemetry.internal.host;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.dbtelemetry.export.CredentialsProvider;

/**
 * One {@link TelemetryClient} per workspace host, shared and reference-counted. Reference counts
 * change inside {@link ConcurrentHashMap#compute}, but closing a client (which flushes and may
 * wait on I/O) always happens outside it, so an opening connection never waits on a closing one.
 *
 * <p>Each holder of a reference brings its own credentials; the client uses whichever of them
 * currently yields a token, so the client does not keep a closed data source's token forever.
 */
public final class TelemetryClientManager implements AutoCloseable {

	private static final Log logger = LogFactory.getLog(TelemetryClientManager.class);

	private final TelemetryClientFactory clientFactory;

	private final Duration shutdownTimeout;

	private final ConcurrentHashMap<String, Holder> clients = new ConcurrentHashMap<>();

	private volatile boolean closed;

	public TelemetryClientManager(TelemetryClientFactory clientFactory, Duration shutdownTimeout) {
		this.clientFactory = clientFactory;
		this.shutdownTimeout = shutdownTimeout;
	}

	/**
	 * The host's shared client, created on first use; counts one more reference. The caller's
	 * credentials join the host's live credential sources until it releases.
	 */
	public TelemetryClient getOrCreateClient(String host, URI baseUrl, CredentialsProvider credentials) {
		if (this.closed) {
			throw new IllegalStateException("Telemetry client manager is closed");
		}
		Holder holder = this.clients.compute(host, (key, existing) -> {
			if (existing == null) {
				// The first caller's credentials join before the client exists: creating it starts the
				// feature-flag fetch, which reads them at once (a fetch without them gets a 401).
				Holder created = new Holder(host, baseUrl, credentials, this.clientFactory);
				created.references++;
				return created;
			}
			existing.references++;
			existing.credentials.add(credentials);
			return existing;
		});
		return holder.client;
	}

	/** Counts one reference less; the last release closes the client, outside any lock. */
	public void releaseClient(String host, CredentialsProvider credentials) {
		Holder[] removed = new Holder[1];
		this.clients.computeIfPresent(host, (key, holder) -> {
			holder.credentials.remove(credentials);
			holder.references--;
			if (holder.references > 0) {
				return holder;
			}
			removed[0] = holder;
			return null;
		});
		if (removed[0] != null) {
			closeQuietly(removed[0]);
		}
	}

	/** Reference count of a host's client; 0 when it has none. */
	public int getReferenceCount(String host) {
		Holder holder = this.clients.get(host);
		return (holder != null) ? holder.references : 0;
	}

	public Map<String, TelemetryClient> getClients() {
		Map<String, TelemetryClient> view = new TreeMap<>();
		this.clients.forEach((host, holder) -> view.put(host, holder.client));
		return view;
	}

	/**
	 * Flushes and closes every client within one shutdown timeout (not one per host: the
	 * exports of all hosts run at the same time), then forgets them. Events still undelivered at
	 * the deadline are counted as dropped and logged once, at INFO, with their number.
	 */
	@Override
	public void close() {
		this.closed = true;
		List<Holder> all = new ArrayList<>(this.clients.values());
		this.clients.clear();
		long deadline = System.nanoTime() + this.shutdownTimeout.toNanos();
		for (Holder holder : all) {
			// starts every host's final export now; each shutdown below only waits for its own
			holder.client.requestFlush();
		}
		int dropped = 0;
		for (Holder holder : all) {
			dropped += shutdownQuietly(holder, Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
		}
		if (dropped > 0) {
			logger.info("Dropped " + dropped + " telemetry events of " + all.size()
					+ " workspace host(s) that could not be exported within the shutdown timeout of "
					+ this.shutdownTimeout.toMillis() + " ms");
		}
	}

	private void closeQuietly(Holder holder) {
		int dropped = shutdownQuietly(holder, this.shutdownTimeout);
		if (dropped > 0) {
			logger.info("Dropped " + dropped + " telemetry events for " + holder.client.getHost()
					+ " that could not be exported within the shutdown timeout");
		}
	}

	private int shutdownQuietly(Holder holder, Duration timeout) {
		try {
			return holder.client.shutdown(timeout);
		}
		catch (RuntimeException ex) {
			logger.debug("Closing the telemetry client of " + holder.client.getHost() + " failed", ex);
			return 0;
		}
		finally {
			try {
				this.clientFactory.released(holder.client);
			}
			catch (RuntimeException ex) {
				logger.debug("Releasing the resources of " + holder.client.getHost() + " failed", ex);
			}
		}
	}

	/** Creates the client of a host; told when one is closed so it can release per-host resources. */
	public interface TelemetryClientFactory {

		/**
		 * @param host the workspace host
		 * @param baseUrl where its telemetry and feature-flag calls go
		 * @param credentials the live credentials of every current holder of the client
		 */
		TelemetryClient create(String host, URI baseUrl, CredentialsProvider credentials);

		default void released(TelemetryClient client) {
		}

	}

	private static final class Holder {

		private final TelemetryClient client;

		private final List<CredentialsProvider> credentials = new CopyOnWriteArrayList<>();

		// changed only inside ConcurrentHashMap.compute for this host
		private int references;

		Holder(String host, URI baseUrl, CredentialsProvider first, TelemetryClientFactory factory) {
			this.credentials.add(first);
			CredentialsProvider live = () -> {
				for (CredentialsProvider provider : this.credentials) {
					var token = provider.bearerToken();
					if (token.isPresent()) {
						return token;
					}
				}
				return Optional.empty();
			};
			this.client = factory.create(host, baseUrl, live);
		}

	}

}
