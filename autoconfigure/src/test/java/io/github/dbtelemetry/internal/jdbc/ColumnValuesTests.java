package io.github.dbtelemetry.internal.jdbc;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import javax.sql.DataSource;

import com.zaxxer.hikari.SQLExceptionOverride;
import com.zaxxer.hikari.pool.ProxyResultSet;
import org.h2.jdbc.JdbcResultSet;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.support.RecordingTelemetryExporter;
import io.github.dbtelemetry.support.TelemetryTestFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * Where the result set wrapper reads column values: beneath HikariCP's proxy, which only sees
 * failures, with every failed read made again through it; as they come from any other source.
 */
class ColumnValuesTests {

	private static final String QUERY = "SELECT 7 AS n, 'seven' AS word";

	private final RecordingTelemetryExporter exporter = new RecordingTelemetryExporter();

	// what HikariCP's proxies handed to the pool's exception check
	private final List<SQLException> seenByThePool = new CopyOnWriteArrayList<>();

	private final TelemetryTestFixture fixture = new TelemetryTestFixture(this.exporter);

	@AfterEach
	void close() throws Exception {
		this.fixture.close();
	}

	@Test
	void valuesAreReadBeneathHikariCpsProxyAndComeOutUnchanged() throws SQLException {
		try (Connection connection = this.fixture.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(QUERY)) {
			DelegatingResultSet wrapper = (DelegatingResultSet) rows;
			assertThat(wrapper.delegate).isInstanceOf(ProxyResultSet.class);
			assertThat(wrapper.values).isInstanceOf(JdbcResultSet.class);
			assertThat(rows.next()).isTrue();
			assertThat(rows.getInt(1)).isEqualTo(7);
			assertThat(rows.getLong("n")).isEqualTo(7L);
			assertThat(rows.getString(2)).isEqualTo("seven");
			assertThat(rows.getObject("word", String.class)).isEqualTo("seven");
			assertThat(rows.wasNull()).isFalse();
		}
	}

	@Test
	void aReadThatFailsBeneathTheProxyIsMadeAgainThroughItSoThePoolSeesTheFailure() throws SQLException {
		this.fixture.pool().setExceptionOverride(new SQLExceptionOverride() {
			@java.lang.Override
			public SQLExceptionOverride.Override adjudicate(SQLException failure) {
				ColumnValuesTests.this.seenByThePool.add(failure);
				return SQLExceptionOverride.Override.CONTINUE_EVICT;
			}
		});
		try (Connection connection = this.fixture.dataSource().getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery(QUERY)) {
			rows.next();
			SQLException failure = catchThrowableOfType(SQLException.class, () -> rows.getInt(99));
			assertThat(this.seenByThePool).containsExactly(failure);
			SQLException byLabel = catchThrowableOfType(SQLException.class, () -> rows.getString("missing"));
			assertThat(this.seenByThePool).containsExactly(failure, byLabel);
		}
	}

	@Test
	void anyOtherResultSetIsReadAsItIs() throws Exception {
		JdbcDataSource h2 = new JdbcDataSource();
		h2.setURL("jdbc:h2:mem:column-values;DB_CLOSE_DELAY=-1");
		try (DatabricksTelemetry telemetry = TelemetryTestFixture.builder(this.exporter).build()) {
			DataSource dataSource = telemetry.instrument(h2, "plainH2");
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery(QUERY)) {
				DelegatingResultSet wrapper = (DelegatingResultSet) rows;
				assertThat(wrapper.values).isSameAs(wrapper.delegate);
				rows.next();
				assertThat(rows.getInt(1)).isEqualTo(7);
				SQLException failure = catchThrowableOfType(SQLException.class, () -> rows.getInt(99));
				assertThat(failure.getSQLState()).isEqualTo("90008");
			}
		}
	}

}
