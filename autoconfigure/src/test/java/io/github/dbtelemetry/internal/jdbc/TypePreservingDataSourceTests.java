package io.github.dbtelemetry.internal.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.AbstractDataSource;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.support.RecordingTelemetryExporter;
import io.github.dbtelemetry.support.TelemetryTestFixture;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * An instrumented data source keeps its class, and each of its methods goes where it must: the
 * ways of getting a connection through telemetry, everything else to the original.
 */
class TypePreservingDataSourceTests {

	private static final String URL = "jdbc:h2:mem:type-preserving;DB_CLOSE_DELAY=-1";

	@Test
	void bothWaysOfGettingAConnectionGoThroughTelemetryAndTheRestToTheOriginal() throws Exception {
		try (DatabricksTelemetry telemetry = TelemetryTestFixture.builder(new RecordingTelemetryExporter()).build()) {
			UrlDataSource original = new UrlDataSource(URL);
			DataSource instrumented = telemetry.instrument(original, "typed");

			assertThat(instrumented).isInstanceOf(UrlDataSource.class).isNotSameAs(original);
			try (Connection connection = instrumented.getConnection()) {
				assertThat(connection).isInstanceOf(TelemetryConnection.class);
			}
			try (Connection connection = instrumented.getConnection("", "")) {
				assertThat(connection).isInstanceOf(TelemetryConnection.class);
			}
			assertThat(((UrlDataSource) instrumented).url()).isEqualTo(URL);
			assertThat(original.connectionsWithoutUser).isEqualTo(1);
			assertThat(original.connectionsWithUser).isEqualTo(1);
		}
	}

	/** A data source of a class of its own, as a pool's is, that counts how it was asked. */
	static class UrlDataSource extends AbstractDataSource {

		private final String url;

		int connectionsWithoutUser;

		int connectionsWithUser;

		UrlDataSource(String url) {
			this.url = url;
		}

		String url() {
			return this.url;
		}

		@Override
		public Connection getConnection() throws SQLException {
			this.connectionsWithoutUser++;
			return DriverManager.getConnection(this.url);
		}

		@Override
		public Connection getConnection(String username, String password) throws SQLException {
			this.connectionsWithUser++;
			return DriverManager.getConnection(this.url, username, password);
		}

	}

}
