package io.github.dbtelemetry.internal.jdbc;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.AbstractDataSource;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.observation.ConnectionObservationContext;
import io.github.dbtelemetry.support.RecordingTelemetryExporter;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * With metrics or tracing on, {@code databricks.connection} covers getting a connection as a
 * whole: started before the pool is asked, stopped once it has answered (or failed).
 */
class ConnectionObservationTests {

	private final List<String> steps = new CopyOnWriteArrayList<>();

	@Test
	void theObservationStartsBeforeThePoolIsAskedAndStopsWhenItHasAnswered() throws Exception {
		ObservationRegistry registry = recordingRegistry();
		try (DatabricksTelemetry telemetry = telemetry(registry)) {
			DataSource dataSource = telemetry.instrument(new SteppingDataSource(false), "stepping");
			dataSource.getConnection().close(); // the first connection decides what is instrumented
			this.steps.clear();
			try (Connection connection = dataSource.getConnection()) {
				assertThat(connection).isInstanceOf(TelemetryConnection.class);
			}
			assertThat(this.steps).containsExactly("observation started", "pool asked", "pool answered",
					"observation stopped");
		}
	}

	@Test
	void aPoolThatFailsEndsTheObservationWithItsErrorAndTheCallerGetsThePoolsException() throws Exception {
		ObservationRegistry registry = recordingRegistry();
		SteppingDataSource pool = new SteppingDataSource(false);
		try (DatabricksTelemetry telemetry = telemetry(registry)) {
			DataSource dataSource = telemetry.instrument(pool, "failing");
			dataSource.getConnection().close();
			pool.fail = true;
			this.steps.clear();
			assertThatExceptionOfType(SQLException.class).isThrownBy(dataSource::getConnection)
				.withMessage("pool exhausted");
			assertThat(this.steps).containsExactly("observation started", "pool asked", "observation failed",
					"observation stopped");
		}
	}

	private DatabricksTelemetry telemetry(ObservationRegistry registry) {
		return DatabricksTelemetry.builder()
			.exporter(new RecordingTelemetryExporter())
			.forceEnable(true)
			.urlPrefixes(List.of("jdbc:h2:"))
			.endpoint(URI.create("https://collector.example.com"))
			.observationRegistry(registry)
			.build();
	}

	private ObservationRegistry recordingRegistry() {
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new ObservationHandler<ConnectionObservationContext>() {

			@Override
			public void onStart(ConnectionObservationContext context) {
				ConnectionObservationTests.this.steps.add("observation started");
			}

			@Override
			public void onError(ConnectionObservationContext context) {
				ConnectionObservationTests.this.steps.add("observation failed");
			}

			@Override
			public void onStop(ConnectionObservationContext context) {
				ConnectionObservationTests.this.steps.add("observation stopped");
			}

			@Override
			public boolean supportsContext(Observation.Context context) {
				return context instanceof ConnectionObservationContext;
			}

		});
		return registry;
	}

	/** A data source that says when it is asked and when it answers. */
	private final class SteppingDataSource extends AbstractDataSource {

		private volatile boolean fail;

		SteppingDataSource(boolean fail) {
			this.fail = fail;
		}

		@Override
		public Connection getConnection() throws SQLException {
			ConnectionObservationTests.this.steps.add("pool asked");
			if (this.fail) {
				throw new SQLException("pool exhausted");
			}
			Connection connection = DriverManager.getConnection("jdbc:h2:mem:stepping;DB_CLOSE_DELAY=-1");
			ConnectionObservationTests.this.steps.add("pool answered");
			return connection;
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return getConnection();
		}

	}

}
