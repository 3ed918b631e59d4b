package io.github.dbtelemetry.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import com.sun.net.httpserver.HttpServer;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

/**
 * The starter's engine as {@link DatabricksTelemetry#builder()} makes it for the
 * auto-configuration, with the HTTP exporter replaced by a local sink. The sink accepts batches
 * without serializing them: the wire format's cost is measured on its own by
 * {@link PipelineThroughputBenchmark}.
 */
final class StarterEngine implements AutoCloseable {

	private final ObservationRegistry registry = ObservationRegistry.create();

	private final LongAdder exported = new LongAdder();

	private final DatabricksTelemetry telemetry;

	// answers the feature flag with "no" for the variant whose workspace does not want telemetry
	private final HttpServer workspace;

	/**
	 * @param workspaceSaysNo whether a local workspace answers the feature flag with no, rather
	 * than export being forced on
	 * @param exporter where batches go, or {@code null} for a sink that counts them
	 * @param maxPending the bound of the host's buffer
	 * @param otherHandlers observation handlers besides telemetry (metrics, tracing)
	 */
	StarterEngine(boolean workspaceSaysNo, TelemetryExporter exporter, int maxPending,
			List<ObservationHandler<?>> otherHandlers) {
		for (ObservationHandler<?> handler : otherHandlers) {
			this.registry.observationConfig().observationHandler(handler);
		}
		this.workspace = workspaceSaysNo ? sayingNo() : null;
		URI endpoint = (this.workspace != null)
				? URI.create("http://127.0.0.1:" + this.workspace.getAddress().getPort()) : URI.create("http://127.0.0.1:9");
		this.telemetry = DatabricksTelemetry.builder()
			.exporter((exporter != null) ? exporter : discardingSink())
			.forceEnable(!workspaceSaysNo)
			.urlPrefixes(List.of("jdbc:h2:"))
			.endpoint(endpoint)
			.allowInsecureEndpoint(true)
			.maxPendingEvents(maxPending)
			.observationRegistry(this.registry)
			.applicationName("bench")
			.build();
	}

	StarterEngine(boolean workspaceSaysNo, List<ObservationHandler<?>> otherHandlers) {
		this(workspaceSaysNo, null, 10_000, otherHandlers);
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

	private TelemetryExporter discardingSink() {
		return (endpoint, logs) -> {
			this.exported.add(logs.size());
			return CompletableFuture.completedFuture(ExportResult.success(logs.size(), 200));
		};
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
		long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
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

	long exported() {
		return this.exported.sum();
	}

	@Override
	public void close() {
		this.telemetry.close();
		if (this.workspace != null) {
			this.workspace.stop(0);
		}
	}

}
