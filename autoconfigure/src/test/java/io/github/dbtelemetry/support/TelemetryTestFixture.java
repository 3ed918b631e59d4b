package io.github.dbtelemetry.support;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.function.Consumer;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.pipeline.HostSnapshot;
import io.micrometer.observation.ObservationRegistry;

/**
 * The engine as {@link DatabricksTelemetry#builder()} makes it, around an H2 pool that is treated
 * as Databricks, for tests that need real JDBC without a Spring context. Export is forced on (no
 * feature-flag request) and goes to the given exporter; a customizer may change any setting.
 */
public final class TelemetryTestFixture implements AutoCloseable {

	private static int counter;

	private final DatabricksTelemetry telemetry;

	private final HikariDataSource pool;

	private final DataSource dataSource;

	private final ObservationRegistry registry = ObservationRegistry.create();

	/**
	 * The engine's settings of every fixture, for a test that makes its own data sources: batch
	 * size 1000, a flush interval of an hour (exports only when the test flushes), export forced,
	 * {@code jdbc:h2:} instrumented, an endpoint that is never reached.
	 */
	public static DatabricksTelemetry.Builder builder(TelemetryExporter exporter) {
		return DatabricksTelemetry.builder()
			.exporter(exporter)
			.forceEnable(true)
			.batchSize(1000)
			.flushInterval(Duration.ofHours(1))
			.urlPrefixes(List.of("jdbc:h2:"))
			.endpoint(URI.create("http://127.0.0.1:1"))
			.allowInsecureEndpoint(true);
	}

	public TelemetryTestFixture(TelemetryExporter exporter) {
		this(exporter, (builder) -> {
		});
	}

	/**
	 * @param customizer changes the builder after the fixture's settings (batch size 1000, a
	 * flush interval of an hour, export forced, {@code jdbc:h2:} instrumented)
	 */
	public TelemetryTestFixture(TelemetryExporter exporter, Consumer<DatabricksTelemetry.Builder> customizer) {
		DatabricksTelemetry.Builder builder = builder(exporter).observationRegistry(this.registry)
			.applicationName("test");
		customizer.accept(builder);
		this.telemetry = builder.build();
		this.pool = new HikariDataSource();
		this.pool.setJdbcUrl("jdbc:h2:mem:fixture" + nextId() + ";DB_CLOSE_DELAY=-1");
		this.pool.setUsername("token");
		this.pool.setPassword("dapi-fixture-token");
		this.pool.setMaximumPoolSize(4);
		this.dataSource = this.telemetry.instrument(this.pool, "testDataSource");
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

	public DatabricksTelemetry telemetry() {
		return this.telemetry;
	}

	/** The only host in use; fails when there is none. */
	public HostSnapshot host() {
		List<HostSnapshot> hosts = this.telemetry.hosts();
		if (hosts.size() != 1) {
			throw new IllegalStateException("Expected one host in use, found " + hosts);
		}
		return hosts.get(0);
	}

	public ObservationRegistry registry() {
		return this.registry;
	}

	/** Exports everything pending and waits for it. */
	public void flush() {
		this.telemetry.flush().join();
	}

	@Override
	public void close() throws Exception {
		((AutoCloseable) this.dataSource).close();
		this.telemetry.close();
	}

}
