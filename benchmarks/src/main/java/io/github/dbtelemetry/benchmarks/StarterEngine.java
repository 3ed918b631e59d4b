package io.github.dbtelemetry.benchmarks;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.LongAdder;

import javax.sql.DataSource;

import io.github.dbtelemetry.internal.event.IdGenerator;
import io.github.dbtelemetry.internal.event.SystemConfigurations;
import io.github.dbtelemetry.internal.event.TelemetryEventBuilder;
import io.github.dbtelemetry.internal.host.FeatureFlagGate;
import io.github.dbtelemetry.internal.host.TelemetryClient;
import io.github.dbtelemetry.internal.host.TelemetryClientManager;
import io.github.dbtelemetry.internal.host.TelemetryClientSettings;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;
import io.github.dbtelemetry.internal.host.TelemetryThreads;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryEndpoint;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.internal.databricks.JdbcUrlMatcher;
import io.github.dbtelemetry.internal.jdbc.ManagedDataSourceTelemetryFactory;
import io.github.dbtelemetry.internal.jdbc.TelemetryDataSource;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

/**
 * The starter's engine wired as its auto-configuration wires it, with the HTTP exporter replaced
 * by a local sink. The sink accepts batches without serializing them: the wire format's cost is
 * measured on its own by {@link PipelineThroughputBenchmark}.
 */
final class StarterEngine implements AutoCloseable {

	private final TelemetryThreads threads = new TelemetryThreads(1);

	private final TelemetryClientManager clients;

	private final ObservationRegistry registry = ObservationRegistry.create();

	private final LongAdder exported = new LongAdder();

	StarterEngine(FeatureFlagGate gate, TelemetryExporter exporter, TelemetryClientSettings settings,
			List<ObservationHandler<?>> otherHandlers) {
		TelemetryEventBuilder events = new TelemetryEventBuilder(SystemConfigurations.forApplication("bench"),
				SystemConfigurations.userAgent(null), Clock.systemUTC(), IdGenerator.RANDOM);
		TelemetryExporter sink = (exporter != null) ? exporter : discardingSink();
		this.clients = new TelemetryClientManager((host, baseUrl, credentials) -> new TelemetryClient(
				new TelemetryEndpoint(host, baseUrl, credentials, true), sink, gate, settings, events,
				TelemetryPipelineListener.NONE, this.threads.scheduler(), Clock.systemUTC()),
				settings.shutdownTimeout());
		for (ObservationHandler<?> handler : otherHandlers) {
			this.registry.observationConfig().observationHandler(handler);
		}
	}

	StarterEngine(FeatureFlagGate gate, List<ObservationHandler<?>> otherHandlers) {
		this(gate, null, TelemetryClientSettings.defaults(), otherHandlers);
	}

	private TelemetryExporter discardingSink() {
		return (endpoint, logs) -> {
			this.exported.add(logs.size());
			return CompletableFuture.completedFuture(ExportResult.success(logs.size(), 200));
		};
	}

	DataSource wrap(DataSource pool, String jdbcUrl) {
		ManagedDataSourceTelemetryFactory factory = new ManagedDataSourceTelemetryFactory(
				new JdbcUrlMatcher(List.of("jdbc:h2:")), URI.create("http://127.0.0.1:9"), null, this.clients,
				this.registry, null, null, (connection) -> IdGenerator.RANDOM.next(), false);
		return new TelemetryDataSource(pool, "dataSource", jdbcUrl, () -> factory);
	}

	TelemetryClientManager clients() {
		return this.clients;
	}

	long exported() {
		return this.exported.sum();
	}

	@Override
	public void close() {
		this.clients.close();
		this.threads.close();
	}

	static TelemetryClientSettings settings(int maxPending) {
		return new TelemetryClientSettings(100, Duration.ofSeconds(5), maxPending, Duration.ofSeconds(5));
	}

}
