package io.github.dbtelemetry.e2e;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.jdbc.datasource.AbstractDriverBasedDataSource;

import io.github.dbtelemetry.support.StandInWarehouse;
import io.github.dbtelemetry.support.TelemetryContextRunner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * OAuth machine-to-machine ({@code AuthMech=11;Auth_Flow=1}) through the starter: the export and
 * the flag call carry a token from the workspace's {@code /oidc/v1/token} on the URL's host.
 * <p>
 * The real driver cannot take part here: for M2M it asks {@code https://<host>:443/oidc/...}
 * whatever the URL's port, which a loopback stand-in cannot answer. So the data source says it
 * has the M2M URL (as a pool's configuration does) while H2 serves the SQL.
 */
class OAuthMachineToMachineEndToEndTests {

	private static final String SECRET = "stand-in-client-secret";

	private StandInWarehouse warehouse;

	@BeforeEach
	void start() {
		this.warehouse = new StandInWarehouse();
		this.warehouse.answerToken("m2m-access-token");
	}

	@AfterEach
	void stop() {
		this.warehouse.close();
	}

	@Test
	void exportAndFlagCallCarryTheClientCredentialsToken() {
		// ssl=0: the token endpoint is the URL's own host, here plain http, which the opt-in allows
		String url = "jdbc:databricks://127.0.0.1:" + this.warehouse.port() + "/default;httpPath="
				+ StandInWarehouse.HTTP_PATH + ";ssl=0;AuthMech=11;Auth_Flow=1;OAuth2ClientId=stand-in-client;"
				+ "OAuth2Secret=" + SECRET;
		TelemetryContextRunner.application()
			.withBean("dataSource", DataSource.class, () -> new UrlOnlyDataSource(url))
			.withPropertyValues("databricks.telemetry.endpoint=" + this.warehouse.baseUrl(),
					"databricks.telemetry.allow-insecure-endpoint=true", "databricks.telemetry.flush-interval=200ms")
			.run((context) -> {
				try (Connection connection = context.getBean(DataSource.class).getConnection();
						Statement statement = connection.createStatement();
						ResultSet resultSet = statement.executeQuery("SELECT 1")) {
					resultSet.next();
				}
			});
		assertThat(this.warehouse.tokenRequests())
			.as("one token for the flag call and the export").hasSize(1);
		assertThat(this.warehouse.flagRequests())
			.singleElement()
			.satisfies((request) -> assertThat(request.getHeader("Authorization")).isEqualTo("Bearer m2m-access-token"));
		assertThat(this.warehouse.telemetryRequests()).isNotEmpty().allSatisfy((request) -> {
			assertThat(request.getUrl()).isEqualTo("/telemetry-ext");
			assertThat(request.getHeader("Authorization")).isEqualTo("Bearer m2m-access-token");
			assertThat(request.getBodyAsString()).doesNotContain(SECRET);
		});
		// the session, the query, and the session's end: the data source hands out its driver's
		// own connections, so closing one ends its session
		assertThat(this.warehouse.starterEvents()).hasSize(3).allSatisfy((event) -> {
			assertThat(event.at("/entry/sql_driver_log/auth_type").asString()).isEqualTo("oauth-client_credentials");
			assertThat(event.at("/entry/sql_driver_log/driver_connection_params/auth_flow").asString())
				.isEqualTo("CLIENT_CREDENTIALS");
		});
	}

	/**
	 * The token endpoint answers only once the first connection has been handed out. Had
	 * opening the connection waited for the token (as when the host's first flag request ran on
	 * the caller's thread), the token request would have timed out unanswered and no request
	 * would carry the token.
	 */
	@Test
	void theFirstConnectionIsHandedOutWhileItsTokenRequestIsStillPending() throws Exception {
		CountDownLatch connectionHandedOut = new CountDownLatch(1);
		List<String> answeredAfterHandOut = new CopyOnWriteArrayList<>();
		HttpServer tokenEndpoint = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		tokenEndpoint.setExecutor(Executors.newSingleThreadExecutor());
		tokenEndpoint.createContext("/oidc/v1/token", (exchange) -> {
			try {
				answeredAfterHandOut.add(String.valueOf(connectionHandedOut.await(30, TimeUnit.SECONDS)));
				byte[] token = "{\"access_token\":\"slow-token\",\"token_type\":\"Bearer\",\"expires_in\":3600}"
					.getBytes(StandardCharsets.UTF_8);
				exchange.getResponseHeaders().add("Content-Type", "application/json");
				exchange.sendResponseHeaders(200, token.length);
				exchange.getResponseBody().write(token);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				exchange.close();
			}
		});
		tokenEndpoint.start();
		try {
			String url = "jdbc:databricks://127.0.0.1:" + this.warehouse.port() + "/default;httpPath="
					+ StandInWarehouse.HTTP_PATH + ";ssl=0;AuthMech=11;Auth_Flow=1;OAuth2ClientId=stand-in-client;"
					+ "OAuth2Secret=" + SECRET + ";OAuth2TokenEndpoint=http://127.0.0.1:"
					+ tokenEndpoint.getAddress().getPort() + "/oidc/v1/token";
			TelemetryContextRunner.application()
				.withBean("dataSource", DataSource.class, () -> new UrlOnlyDataSource(url))
				.withPropertyValues("databricks.telemetry.endpoint=" + this.warehouse.baseUrl(),
						"databricks.telemetry.allow-insecure-endpoint=true",
						"databricks.telemetry.response-timeout=3s", "databricks.telemetry.flush-interval=200ms")
				.run((context) -> {
					try (Connection connection = context.getBean(DataSource.class).getConnection()) {
						connectionHandedOut.countDown();
						try (Statement statement = connection.createStatement();
								ResultSet resultSet = statement.executeQuery("SELECT 1")) {
							resultSet.next();
						}
					}
					await().atMost(Duration.ofSeconds(20)).until(() -> !this.warehouse.telemetryRequests().isEmpty());
				});
		}
		finally {
			tokenEndpoint.stop(0);
		}
		assertThat(answeredAfterHandOut).as("the token was asked for, and answered after the hand-out")
			.containsExactly("true");
		assertThat(this.warehouse.flagRequests())
			.singleElement()
			.satisfies((request) -> assertThat(request.getHeader("Authorization")).isEqualTo("Bearer slow-token"));
		assertThat(this.warehouse.telemetryRequests())
			.allSatisfy((request) -> assertThat(request.getHeader("Authorization")).isEqualTo("Bearer slow-token"));
	}

	/** Configured with a Databricks URL, as a pool would be; H2 answers the SQL. */
	static final class UrlOnlyDataSource extends AbstractDriverBasedDataSource {

		UrlOnlyDataSource(String url) {
			setUrl(url);
		}

		@Override
		protected Connection getConnectionFromDriver(Properties props) throws SQLException {
			return DriverManager.getConnection("jdbc:h2:mem:m2m;DB_CLOSE_DELAY=-1");
		}

	}

}
