package io.github.dbtelemetry.autoconfigure;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.dbtelemetry.support.StandInWorkspace;
import io.github.dbtelemetry.support.TelemetryContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * What the health and metrics tests look at: an application exporting to a
 * {@link StandInWorkspace}, and the workload it runs. Secrets that must never reach a health
 * detail or a metric tag are planted in its password, its SQL and the workspace's answers.
 */
final class MonitoredApplication {

	static final String TOKEN = "dapi-ops-secret-token-0815";

	static final String SECRET_SQL_MARKER = "ops_secret_column";

	/** Server text that must never reach a health detail or a metric tag. */
	static final String SERVER_SECRET = "internal-trace-7f3a";

	private MonitoredApplication() {
	}

	/**
	 * The application, exporting every event at once in a request of its own, without retries,
	 * to {@code workspace}.
	 */
	static ApplicationContextRunner exportingTo(StandInWorkspace workspace, ApplicationContextRunner runner) {
		return runner.withPropertyValues(TelemetryContextRunner.h2ExportingTo(workspace.baseUrl(), TOKEN))
			.withPropertyValues("databricks.telemetry.batch-size=1", "databricks.telemetry.max-batch-size=1",
					"databricks.telemetry.flush-interval=100ms",
					"databricks.telemetry.max-retries=0", "databricks.telemetry.circuit-breaker.failure-threshold=2",
					"databricks.telemetry.observation.record-sql-text=true");
	}

	/** A failed export whose body carries {@link #SERVER_SECRET}. */
	static ResponseDefinitionBuilder failedExport(int status) {
		return aResponse().withStatus(status).withBody("{\"message\":\"" + SERVER_SECRET + "\"}");
	}

	/** Statements that succeed and one that fails; the SQL names a marker the tests look for. */
	static void runWorkload(JdbcTemplate jdbc, int queries) {
		jdbc.execute("CREATE TABLE IF NOT EXISTS orders (id INT PRIMARY KEY, " + SECRET_SQL_MARKER + " VARCHAR(40))");
		for (int i = 0; i < queries; i++) {
			jdbc.queryForObject("SELECT COUNT(" + SECRET_SQL_MARKER + ") FROM orders", Integer.class);
		}
		try {
			jdbc.queryForList("SELECT " + SECRET_SQL_MARKER + " FROM missing_table");
		}
		catch (DataAccessException ex) {
			// intended: a failed statement is observed too
		}
	}

}
