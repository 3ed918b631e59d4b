package io.github.dbtelemetry.e2e;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Base64;
import java.util.List;

import javax.sql.DataSource;

import com.github.tomakehurst.wiremock.http.HttpHeader;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.support.StandInWorkspace;
import io.github.dbtelemetry.support.TelemetryContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a data source's credentials may travel, checked on what the servers received. The
 * collector stands for a {@code databricks.telemetry.endpoint} override (a proxy that must never
 * see a client secret); the identity server for the token endpoint the JDBC URL names, or for the
 * workspace host itself. Both answer token requests, so a request sent to the wrong one would be
 * seen, not refused.
 */
@ExtendWith(OutputCaptureExtension.class)
class CredentialDestinationsEndToEndTests {

	private static final String CLIENT_SECRET = "m2m-secret-never-on-the-wire";

	private static final String PASSWORD = "ldap-password-never-on-the-wire";

	private static final String HTTP_PATH = ";httpPath=/sql/1.0/warehouses/abc123";

	private StandInWorkspace collector;

	private StandInWorkspace identity;

	@BeforeEach
	void start() {
		this.collector = new StandInWorkspace();
		this.identity = new StandInWorkspace();
		this.collector.answerToken("token-from-the-collector");
		this.identity.answerToken("m2m-access-token");
	}

	@AfterEach
	void stop() {
		this.collector.close();
		this.identity.close();
	}

	private String identityUrl() {
		return "http://127.0.0.1:" + this.identity.port();
	}

	private static String m2m(String host) {
		return "jdbc:databricks://" + host + "/default" + HTTP_PATH
				+ ";AuthMech=11;Auth_Flow=1;OAuth2ClientId=client-1;OAuth2Secret=" + CLIENT_SECRET;
	}

	/** A data source with a Databricks URL, as its pool would say; H2 answers the SQL. */
	private ApplicationContextRunner application(String url, String... properties) {
		return TelemetryContextRunner.application()
			.withBean("dataSource", DataSource.class, () -> new OAuthMachineToMachineEndToEndTests.UrlOnlyDataSource(url))
			.withPropertyValues("databricks.telemetry.endpoint=" + this.collector.baseUrl(),
					"databricks.telemetry.flush-interval=200ms")
			.withPropertyValues(properties);
	}

	private static void selectOne(DataSource dataSource) throws Exception {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet resultSet = statement.executeQuery("SELECT 1")) {
			resultSet.next();
		}
	}

	// Any request under /oidc/, not only token requests: discovery sent to the wrong server counts too.
	private static List<LoggedRequest> tokenRequests(StandInWorkspace server) {
		return server.requestsTo("/oidc/.*");
	}

	private static void assertNothingCarries(List<LoggedRequest> requests, String secret) {
		String basic = Base64.getEncoder().encodeToString(("client-1:" + secret).getBytes());
		assertThat(requests).allSatisfy((request) -> {
			assertThat(request.getBodyAsString()).doesNotContain(secret);
			for (HttpHeader header : request.getHeaders().all()) {
				assertThat(header.values()).as(header.key()).noneMatch((value) -> value.contains(secret))
					.noneMatch((value) -> value.contains(basic));
			}
		});
	}

	@Test
	void tokenRequestIsNeverSentToTheEndpointOverride() {
		String url = m2m("dbc-a1b2c3d4-e5f6.cloud.databricks.com:443") + ";OAuth2TokenEndpoint=" + identityUrl()
				+ "/oidc/v1/token";
		application(url, "databricks.telemetry.allow-insecure-endpoint=true")
			.run((context) -> selectOne(context.getBean(DataSource.class)));
		assertThat(tokenRequests(this.collector)).as("the override never sees a token request").isEmpty();
		assertThat(tokenRequests(this.identity)).singleElement().satisfies((request) -> {
			assertThat(request.getUrl()).isEqualTo("/oidc/v1/token");
			assertThat(request.getHeader("Authorization")).isEqualTo(
					"Basic " + Base64.getEncoder().encodeToString(("client-1:" + CLIENT_SECRET).getBytes()));
		});
		assertThat(this.collector.telemetryRequests()).isNotEmpty().allSatisfy((request) -> {
			assertThat(request.getUrl()).isEqualTo("/telemetry-ext");
			assertThat(request.getHeader("Authorization")).isEqualTo("Bearer m2m-access-token");
		});
		assertNothingCarries(this.collector.requests(), CLIENT_SECRET);
	}

	@Test
	void tokenRequestGoesToTheWorkspaceHostOfTheUrlWhenAnEndpointOverrideIsSet() {
		// ssl=0: the workspace host's own /oidc/v1/token over http, which the opt-in allows
		String url = m2m("127.0.0.1:" + this.identity.port()) + ";ssl=0";
		application(url, "databricks.telemetry.allow-insecure-endpoint=true")
			.run((context) -> selectOne(context.getBean(DataSource.class)));
		assertThat(tokenRequests(this.collector)).isEmpty();
		assertThat(tokenRequests(this.identity)).hasSize(1);
		assertThat(this.collector.telemetryRequests()).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.getHeader("Authorization")).isEqualTo("Bearer m2m-access-token"));
		assertNothingCarries(this.collector.requests(), CLIENT_SECRET);
	}

	@Test
	void theClientSecretIsNeverSentOverPlainHttpWithoutTheOptIn(CapturedOutput output) {
		String url = m2m("dbc-a1b2c3d4-e5f6.cloud.databricks.com:443") + ";OAuth2TokenEndpoint=" + identityUrl()
				+ "/oidc/v1/token";
		application(url).run((context) -> selectOne(context.getBean(DataSource.class)));
		assertThat(this.identity.requests()).as("no token request at all").isEmpty();
		assertThat(tokenRequests(this.collector)).isEmpty();
		assertThat(this.collector.telemetryRequests()).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.getUrl()).isEqualTo("/telemetry-unauth"));
		assertThat(this.collector.requests()).allSatisfy(
				(request) -> assertThat(request.containsHeader("Authorization")).as(request.getUrl()).isFalse());
		assertThat(output.getAll()
			.split("No OAuth token is requested for telemetry of data source 'dataSource': its token endpoint is "
					+ "plain http://", -1))
			.as("one WARN, naming the bean")
			.hasSize(2);
		assertThat(output.getAll()).doesNotContain(CLIENT_SECRET).doesNotContain(identityUrl());
	}

	@Test
	void personalAccessTokenAuthWithAnotherUserSendsNoAuthorization() {
		// a jdbc:spark: URL with an LDAP login: AuthMech=3, but the user is not "token"
		String url = "jdbc:spark://127.0.0.1:" + this.collector.port() + "/default" + HTTP_PATH
				+ ";ssl=0;AuthMech=3;UID=alice;PWD=" + PASSWORD;
		application(url, "databricks.telemetry.allow-insecure-endpoint=true")
			.run((context) -> selectOne(context.getBean(DataSource.class)));
		assertThat(this.collector.telemetryRequests()).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.getUrl()).isEqualTo("/telemetry-unauth"));
		assertThat(this.collector.requests()).allSatisfy(
				(request) -> assertThat(request.containsHeader("Authorization")).as(request.getUrl()).isFalse());
		assertNothingCarries(this.collector.requests(), PASSWORD);
	}

	@Test
	void aPoolsPasswordIsABearerTokenOnlyForTheUserToken() {
		ApplicationContextRunner pool = TelemetryContextRunner.application()
			.withPropertyValues("spring.datasource.password=" + PASSWORD,
					"databricks.telemetry.datasource.url-prefixes=jdbc:h2:",
					"databricks.telemetry.endpoint=" + this.collector.baseUrl(),
					"databricks.telemetry.allow-insecure-endpoint=true", "databricks.telemetry.flush-interval=200ms");
		// one database per user: H2 keeps the user that created it
		pool.withPropertyValues("spring.datasource.url=jdbc:h2:mem:pool-alice", "spring.datasource.username=alice")
			.run((context) -> selectOne(context.getBean(DataSource.class)));
		assertThat(this.collector.telemetryRequests()).isNotEmpty();
		assertThat(this.collector.requests()).allSatisfy(
				(request) -> assertThat(request.containsHeader("Authorization")).as(request.getUrl()).isFalse());
		assertNothingCarries(this.collector.requests(), PASSWORD);
		this.collector.server().resetRequests();
		pool.withPropertyValues("spring.datasource.url=jdbc:h2:mem:pool-token", "spring.datasource.username=TOKEN")
			.run((context) -> selectOne(context.getBean(DataSource.class)));
		assertThat(this.collector.telemetryRequests()).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + PASSWORD));
	}

	@Test
	void anUnreadableHostYieldsNoHostAndOneWarnNamingTheBean(CapturedOutput output) {
		String url = "jdbc:databricks://my_host:443/default" + HTTP_PATH + ";AuthMech=3;UID=token;PWD=" + PASSWORD;
		application(url, "databricks.telemetry.allow-insecure-endpoint=true").run((context) -> {
			selectOne(context.getBean(DataSource.class));
			selectOne(context.getBean(DataSource.class));
			assertThat(context.getBean(DatabricksTelemetry.class).hosts()).isEmpty();
		});
		assertThat(this.collector.requests()).as("no flag call, no export").isEmpty();
		assertThat(this.identity.requests()).isEmpty();
		assertThat(output.getAll()
			.split("Databricks telemetry for data source 'dataSource': observed locally only: its JDBC URL has no "
					+ "host the starter can use", -1))
			.hasSize(2);
		assertThat(output.getAll()).doesNotContain(PASSWORD).doesNotContain("my_host");
	}

}
