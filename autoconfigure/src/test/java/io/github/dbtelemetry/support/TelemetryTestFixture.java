package io.github.dbtelemetry.support;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import io.github.dbtelemetry.internal.event.IdGenerator;
import io.github.dbtelemetry.internal.event.SystemConfigurations;
import io.github.dbtelemetry.internal.event.TelemetryEventFactory;
import io.github.dbtelemetry.internal.host.FeatureFlagGate;
import io.github.dbtelemetry.internal.host.TelemetryClient;
import io.github.dbtelemetry.internal.host.TelemetryClientManager;
import io.github.dbtelemetry.internal.host.TelemetryClientSettings;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;
import io.github.dbtelemetry.internal.host.TelemetryThreads;
import io.github.dbtelemetry.export.TelemetryEndpoint;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.internal.databricks.JdbcUrlMatcher;
import io.github.dbtelemetry.internal.jdbc.ManagedDataSourceTelemetryFactory;
import io.github.dbtelemetry.internal.jdbc.TelemetryDataSource;
import io.micrometer.observation.ObservationRegistry;

/**
 * The engine wired by hand around an H2 pool that is treated as Databricks, for tests that need
 * real JDBC without a Spring context.
 */
public final class TelemetryTestFixture implements AutoCloseable {

	private static int counter;

	private final TelemetryThreads threads = new TelemetryThreads(1);

	private final TelemetryClientManager clientManager;

	private final HikariDataSource pool;

	private final TelemetryDataSource dataSource;

	private final ObservationRegistry registry = ObservationRegistry.create();

	public TelemetryTestFixture(TelemetryExporter exporter, TelemetryClientSettings settings) {
		this(exporter, settings, false);
	}

	/**
	 * @param recordSqlText whether statement observations carry the SQL text locally, as with
	 * {@code databricks.telemetry.observation.record-sql-text}
	 */
	public TelemetryTestFixture(TelemetryExporter exporter, TelemetryClientSettings settings, boolean recordSqlText) {
		this(exporter, settings, recordSqlText, FeatureFlagGate.FORCED, TelemetryPipelineListener.NONE);
	}

	/**
	 * @param gate the workspace's answer every host's client sees
	 * @param listener hears exports and drops
	 */
	public TelemetryTestFixture(TelemetryExporter exporter, TelemetryClientSettings settings, boolean recordSqlText,
			FeatureFlagGate gate, TelemetryPipelineListener listener) {
		TelemetryEventFactory events = new TelemetryEventFactory(SystemConfigurations.forApplication("test"),
				SystemConfigurations.userAgent(null), Clock.systemUTC(), IdGenerator.RANDOM);
		this.clientManager = new TelemetryClientManager(
				(host, baseUrl, credentials) -> new TelemetryClient(
						new TelemetryEndpoint(host, baseUrl, credentials, true), exporter, gate, settings, events,
						listener, this.threads.scheduler(), Clock.systemUTC()),
				settings.shutdownTimeout());
		this.pool = new HikariDataSource();
		this.pool.setJdbcUrl("jdbc:h2:mem:fixture" + nextId() + ";DB_CLOSE_DELAY=-1");
		this.pool.setUsername("token");
		this.pool.setPassword("dapi-fixture-token");
		this.pool.setMaximumPoolSize(4);
		ManagedDataSourceTelemetryFactory factory = new ManagedDataSourceTelemetryFactory(
				new JdbcUrlMatcher(List.of("jdbc:h2:")), URI.create("http://127.0.0.1:1"), null, this.clientManager,
				this.registry, null, null, (connection) -> IdGenerator.RANDOM.next(), recordSqlText);
		this.dataSource = new TelemetryDataSource(this.pool, "testDataSource", this.pool.getJdbcUrl(), () -> factory);
	}

	public TelemetryTestFixture(TelemetryExporter exporter) {
		this(exporter, new TelemetryClientSettings(1000, Duration.ofHours(1), 10_000, Duration.ofSeconds(5)));
	}

	private static synchronized int nextId() {
		return ++counter;
	}

	public DataSource dataSource() {
		return this.dataSource;
	}

	public HikariDataSource pool() {
		return this.pool;
	}

	public TelemetryClientManager clientManager() {
		return this.clientManager;
	}

	public ObservationRegistry registry() {
		return this.registry;
	}

	/** Exports everything pending and waits for it. */
	public void flush() {
		this.clientManager.getClients().values().forEach((client) -> client.flush().join());
	}

	@Override
	public void close() throws Exception {
		this.dataSource.close();
		this.clientManager.close();
		this.threads.close();
	}

}
