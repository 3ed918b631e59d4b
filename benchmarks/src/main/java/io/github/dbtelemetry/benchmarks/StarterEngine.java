package io.github.dbtelemetry.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import com.sun.net.httpserver.HttpServer;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.pipeline.DropReason;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

/**
 * The starter's engine as {@link DatabricksTelemetry#builder()} makes it for the
 * auto-configuration. By default the HTTP exporter is replaced by a local sink that accepts
 * batches without serializing them: the wire format's cost is measured on its own by
 * {@link PipelineThroughputBenchmark}. {@link #exportingTo} keeps the starter's own exporter
 * instead, serializing and sending every batch to a workspace over HTTP.
 */
final class StarterEngine implements AutoCloseable {

	private final ObservationRegistry registry = ObservationRegistry.create();

	// Events the workspace (or the local sink) accepted and events dropped, as the engine tells
	// its listeners: what the whole-cost benchmark waits for and checks.
	private final LongAdder exported = new LongAdder();

	private final LongAdder dropped = new LongAdder();

	private final DatabricksTelemetry telemetry;

	// answers the feature flag with "no" for the variant whose workspace does not want telemetry
	private final HttpServer workspace;

	/**
	 * @param workspaceSaysNo whether a local workspace answers the feature flag with no, rather
	 * than export being forced on
	 * @param exporter where batches go, or {@code null} for a sink that accepts them
	 * @param maxPending the bound of the host's buffer
	 * @param otherHandlers observation handlers besides telemetry (metrics, tracing)
	 */
	StarterEngine(boolean workspaceSaysNo, TelemetryExporter exporter, int maxPending,
			List<ObservationHandler<?>> otherHandlers) {
		addHandlers(otherHandlers);
		this.workspace = workspaceSaysNo ? sayingNo() : null;
		URI endpoint = (this.workspace != null)
				? URI.create("http://127.0.0.1:" + this.workspace.getAddress().getPort()) : URI.create("http://127.0.0.1:9");
		this.telemetry = builder()
			.exporter((exporter != null) ? exporter : discardingSink())
			.forceEnable(!workspaceSaysNo)
			.endpoint(endpoint)
			.maxPendingEvents(maxPending)
			.build();
	}

	StarterEngine(boolean workspaceSaysNo, List<ObservationHandler<?>> otherHandlers) {
		this(workspaceSaysNo, null, 10_000, otherHandlers);
	}

	// Exports through the starter's own exporter and HTTP client to a workspace at workspaceUrl,
	// whose feature flag decides, as in an application; every other setting is the default.
	private StarterEngine(URI workspaceUrl, int batchSize, int maxBatchSize,
			List<ObservationHandler<?>> otherHandlers) {
		addHandlers(otherHandlers);
		this.workspace = null;
		this.telemetry = builder().endpoint(workspaceUrl)
			.batchSize(batchSize)
			.maxBatchSize((maxBatchSize > 0) ? maxBatchSize : null)
			.build();
	}

	/**
	 * An engine that serializes and sends every batch over HTTP, as in an application, to the
	 * workspace at {@code workspaceUrl}, which must turn the feature flag on.
	 * @param batchSize pending events that start an export ({@code batch-size}, 100 by default)
	 * @param maxBatchSize most events in one request ({@code max-batch-size}), 0 for the default
	 */
	static StarterEngine exportingTo(URI workspaceUrl, int batchSize, int maxBatchSize,
			List<ObservationHandler<?>> otherHandlers) {
		return new StarterEngine(workspaceUrl, batchSize, maxBatchSize, otherHandlers);
	}

	private void addHandlers(List<ObservationHandler<?>> otherHandlers) {
		for (ObservationHandler<?> handler : otherHandlers) {
			this.registry.observationConfig().observationHandler(handler);
		}
	}

	private DatabricksTelemetry.Builder builder() {
		return DatabricksTelemetry.builder()
			.urlPrefixes(List.of("jdbc:h2:"))
			.allowInsecureEndpoint(true)
			.observationRegistry(this.registry)
			.applicationName("bench")
			.listener(new TelemetryPipelineListener() {
				@Override
				public void onEventsExported(String host, int count) {
					StarterEngine.this.exported.add(count);
				}

				@Override
				public void onEventsDropped(String host, DropReason reason, int count) {
					StarterEngine.this.dropped.add(count);
				}
			});
	}

	private static HttpServer sayingNo() {
		try {
			HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
			byte[] answer = "{\"flags\":[],\"ttl_seconds\":3600}".getBytes(StandardCharsets.UTF_8);
			server.createContext("/", (exchange) -> {
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, answer.length);
				exchange.getResponseBody().write(answer);
				exchange.close();
			});
			server.start();
			return server;
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static TelemetryExporter discardingSink() {
		return (endpoint, logs) -> CompletableFuture.completedFuture(ExportResult.success(logs.size(), 200));
	}

	DataSource wrap(DataSource pool) {
		return this.telemetry.instrument(pool, "dataSource");
	}

	/**
	 * Opens one connection, so that the host exists, and waits until the workspace has
	 * answered: the trial then measures a workspace that has said no, not the few statements
	 * before its answer.
	 */
	DataSource wrapAnswered(DataSource pool) {
		DataSource dataSource = wrap(pool);
		try (java.sql.Connection connection = dataSource.getConnection()) {
			connection.isValid(1);
		}
		catch (java.sql.SQLException ex) {
			throw new IllegalStateException(ex);
		}
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
		while (this.telemetry.hosts().isEmpty()
				|| this.telemetry.hosts().get(0).featureFlag() == io.github.dbtelemetry.pipeline.FeatureFlagState.UNKNOWN) {
			if (System.nanoTime() > deadline) {
				throw new IllegalStateException("The stand-in workspace did not answer");
			}
			Thread.onSpinWait();
		}
		return dataSource;
	}

	/** Events waiting for export on the only host. */
	int pending() {
		return this.telemetry.hosts().get(0).pending();
	}

	/** Events accepted so far. */
	long exported() {
		return this.exported.sum();
	}

	/** Events dropped so far, whatever the reason. */
	long dropped() {
		return this.dropped.sum();
	}

	/**
	 * Flushes until at least {@code events} events have been accepted in all, that is until the
	 * exports that carry them have been answered.
	 * @throws IllegalStateException when an event was dropped, or after 30 seconds
	 */
	void awaitExported(long events) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (this.exported.sum() < events) {
			if (this.dropped.sum() > 0) {
				throw new IllegalStateException(this.dropped.sum() + " telemetry events were dropped");
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				throw new IllegalStateException("Only " + this.exported.sum() + " of " + events
						+ " telemetry events were exported within 30 seconds");
			}
			try {
				// Completes when the host's exports end; when it joined an export that was just
				// ending (or the workspace's answer is still awaited) the loop asks again.
				this.telemetry.flush().get(left, TimeUnit.NANOSECONDS);
			}
			catch (ExecutionException | TimeoutException ex) {
				throw new IllegalStateException("The telemetry flush failed", ex);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				throw new IllegalStateException(ex);
			}
		}
	}

	@Override
	public void close() {
		this.telemetry.close();
		if (this.workspace != null) {
			this.workspace.stop(0);
		}
	}

}
