package io.github.dbtelemetry.autoconfigure;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/** A WireMock workspace for the health and metrics tests, and the workload they run against it. */
final class TelemetryWorkspaceStub implements AutoCloseable {

	static final String TOKEN = "dapi-ops-secret-token-0815";

	static final String SECRET_SQL_MARKER = "ops_secret_column";

	/** Server text that must never reach a health detail or a metric tag. */
	static final String SERVER_SECRET = "internal-trace-7f3a";

	private static final String FLAG = "databricks.partnerplatform.clientConfigsFeatureFlags.enableTelemetryForJdbc";

	private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort());

	TelemetryWorkspaceStub() {
		this.server.start();
		featureFlag(true);
		exportsAnswer(200);
	}

	void featureFlag(boolean enabled) {
		this.server.stubFor(get(urlPathMatching("/api/2.0/connector-service/feature-flags/.*"))
			.willReturn(aResponse().withStatus(200)
				.withBody("{\"flags\":[{\"name\":\"" + FLAG + "\",\"value\":\"" + enabled + "\"}],\"ttl_seconds\":300}")));
	}

	void exportsAnswer(int status) {
		String body = (status == 200) ? "{\"errors\":[]}" : "{\"message\":\"" + SERVER_SECRET + "\"}";
		this.server.stubFor(post(urlPathMatching("/telemetry-(ext|unauth)"))
			.willReturn(aResponse().withStatus(status).withBody(body)));
	}

	String baseUrl() {
		return this.server.baseUrl();
	}

	/** The application, exporting every event at once, without retries, to this workspace. */
	ApplicationContextRunner configure(ApplicationContextRunner runner) {
		return runner.withPropertyValues(
				"spring.datasource.url=jdbc:h2:mem:ops" + System.nanoTime() + ";DB_CLOSE_DELAY=-1",
				"spring.datasource.username=token", "spring.datasource.password=" + TOKEN,
				"databricks.telemetry.datasource.url-prefixes=jdbc:h2:", "databricks.telemetry.endpoint=" + baseUrl(),
				"databricks.telemetry.allow-insecure-endpoint=true", "databricks.telemetry.batch-size=1",
				"databricks.telemetry.flush-interval=100ms", "databricks.telemetry.max-retries=0",
				"databricks.telemetry.circuit-breaker.failure-threshold=2",
				"databricks.telemetry.observation.record-sql-text=true");
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

	@Override
	public void close() {
		this.server.stop();
	}

}
