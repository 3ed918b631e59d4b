package io.github.dbtelemetry.internal.jdbc;

import java.net.URI;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.AbstractDataSource;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.metrics.DatabricksMeterObservationHandler;
import io.github.dbtelemetry.observation.ConnectionObservationContext;
import io.github.dbtelemetry.support.RecordingTelemetryExporter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * With metrics or tracing on, {@code databricks.connection} observes opening a session. Without a
 * pool every connection is one, and getting it is observed as a whole: started before the data
 * source is asked, stopped once it has answered (or failed). A pool's checkouts are observed only
 * when one hands out a new session or fails to open one, once it has ended, unless every
 * checkout is to be observed.
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
			pool.failure = new SQLException("pool exhausted");
			this.steps.clear();
			assertThatExceptionOfType(SQLException.class).isThrownBy(dataSource::getConnection)
				.withMessage("pool exhausted");
			assertThat(this.steps).containsExactly("observation started", "pool asked", "observation failed",
					"observation stopped");
		}
	}

	@Test
	void aPoolsCheckoutOfASessionItHasAlreadyOpenedIsNotObserved() throws Exception {
		ObservationRegistry registry = recordingRegistry();
		try (DatabricksTelemetry telemetry = telemetry(registry, false);
				SteppingDataSource pool = new SteppingDataSource(true)) {
			DataSource dataSource = telemetry.instrument(pool, "pooled");
			dataSource.getConnection().close();
			this.steps.clear();
			try (Connection connection = dataSource.getConnection()) {
				assertThat(connection).isInstanceOf(TelemetryConnection.class);
			}
			assertThat(this.steps).containsExactly("pool asked", "pool answered");
		}
	}

	@Test
	void aPoolsCheckoutThatHandsOutANewSessionIsObservedOnceThePoolHasAnswered() throws Exception {
		ObservationRegistry registry = recordingRegistry();
		try (DatabricksTelemetry telemetry = telemetry(registry, false);
				SteppingDataSource pool = new SteppingDataSource(true)) {
			DataSource dataSource = telemetry.instrument(pool, "pooled");
			try (Connection first = dataSource.getConnection()) {
				this.steps.clear();
				// the first session is in use: the pool has to hand out another one
				try (Connection second = dataSource.getConnection()) {
					assertThat(second).isInstanceOf(TelemetryConnection.class);
				}
			}
			assertThat(this.steps).containsExactly("pool asked", "pool answered", "observation started",
					"observation stopped");
		}
	}

	@Test
	void everyCheckoutOfAPoolIsObservedAsAWholeWhenAskedFor() throws Exception {
		ObservationRegistry registry = recordingRegistry();
		try (DatabricksTelemetry telemetry = telemetry(registry, true);
				SteppingDataSource pool = new SteppingDataSource(true)) {
			DataSource dataSource = telemetry.instrument(pool, "pooled");
			dataSource.getConnection().close();
			this.steps.clear();
			dataSource.getConnection().close();
			assertThat(this.steps).containsExactly("observation started", "pool asked", "pool answered",
					"observation stopped");
		}
	}

	@Test
	void aPoolThatFailsToOpenASessionHasTheFailureObservedAndAWaitForItsOwnConnectionsIsNot() throws Exception {
		ObservationRegistry registry = recordingRegistry();
		try (DatabricksTelemetry telemetry = telemetry(registry, false);
				SteppingDataSource pool = new SteppingDataSource(true)) {
			DataSource dataSource = telemetry.instrument(pool, "pooled");
			dataSource.getConnection().close();
			pool.failure = new SQLException("session refused", "08001");
			this.steps.clear();
			assertThatExceptionOfType(SQLException.class).isThrownBy(dataSource::getConnection)
				.withMessage("session refused");
			assertThat(this.steps).containsExactly("pool asked", "observation started", "observation failed",
					"observation stopped");
			pool.failure = new SQLTransientConnectionException("pooled - Connection is not available");
			this.steps.clear();
			assertThatExceptionOfType(SQLTransientConnectionException.class).isThrownBy(dataSource::getConnection);
			assertThat(this.steps).containsExactly("pool asked");
		}
	}

	@Test
	void theTimerOfASessionObservedOnceThePoolHasAnsweredHoldsTheWholeAcquisition() throws Exception {
		SimpleMeterRegistry meters = new SimpleMeterRegistry();
		ObservationRegistry registry = ObservationRegistry.create();
		registry.observationConfig().observationHandler(new DatabricksMeterObservationHandler(meters));
		try (DatabricksTelemetry telemetry = telemetry(registry, false);
				SteppingDataSource pool = new SteppingDataSource(true)) {
			DataSource dataSource = telemetry.instrument(pool, "pooled");
			dataSource.getConnection().close();
			Timer timer = meters.get("databricks.connection").timer();
			assertThat(timer.count()).isOne();
			assertThat(timer.totalTime(TimeUnit.NANOSECONDS)).isGreaterThanOrEqualTo(pool.lastAnswerNanos);
			dataSource.getConnection().close();
			assertThat(timer.count()).as("a checkout of the same session").isOne();
		}
	}

	private DatabricksTelemetry telemetry(ObservationRegistry registry) {
		return telemetry(registry, false);
	}

	private DatabricksTelemetry telemetry(ObservationRegistry registry, boolean observeCheckouts) {
		return DatabricksTelemetry.builder()
			.exporter(new RecordingTelemetryExporter())
			.forceEnable(true)
			.urlPrefixes(List.of("jdbc:h2:"))
			.endpoint(URI.create("https://collector.example.com"))
			.observationRegistry(registry)
			.observeCheckouts(observeCheckouts)
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

	/**
	 * A data source that says when it is asked and when it answers: the driver's own connections,
	 * or those of a pool of two in front of the driver.
	 */
	private final class SteppingDataSource extends AbstractDataSource implements AutoCloseable {

		private final @Nullable HikariDataSource pool;

		private volatile @Nullable SQLException failure;

		// how long the latest answer took, from being asked
		private volatile long lastAnswerNanos;

		SteppingDataSource(boolean pooled) {
			this.pool = pooled ? pool() : null;
		}

		@Override
		public Connection getConnection() throws SQLException {
			long asked = System.nanoTime();
			ConnectionObservationTests.this.steps.add("pool asked");
			SQLException failure = this.failure;
			if (failure != null) {
				throw failure;
			}
			Connection connection = (this.pool != null) ? this.pool.getConnection()
					: DriverManager.getConnection("jdbc:h2:mem:stepping;DB_CLOSE_DELAY=-1");
			this.lastAnswerNanos = System.nanoTime() - asked;
			ConnectionObservationTests.this.steps.add("pool answered");
			return connection;
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			return getConnection();
		}

		@Override
		public void close() {
			if (this.pool != null) {
				this.pool.close();
			}
		}

		private static HikariDataSource pool() {
			HikariDataSource pool = new HikariDataSource();
			pool.setJdbcUrl("jdbc:h2:mem:stepping-pool;DB_CLOSE_DELAY=-1");
			pool.setMaximumPoolSize(2);
			pool.setMinimumIdle(0);
			return pool;
		}

	}

}
