package io.github.dbtelemetry.internal.auth;

import java.net.URI;
import java.time.Duration;
import java.util.Base64;
import java.util.Optional;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.dbtelemetry.auth.DatabricksCredentialsProvider;
import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.internal.databricks.DatabricksJdbcUrl;
import io.github.dbtelemetry.internal.export.TelemetryHttpClient;
import io.github.dbtelemetry.support.MutableClock;
import io.github.dbtelemetry.support.StandInWorkspace;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/** OAuth machine-to-machine credentials against WireMock as the workspace's token endpoint. */
@ExtendWith(OutputCaptureExtension.class)
class OAuthClientCredentialsTests {

	private static final String SECRET = "m2m-client-secret-0815";

	private StandInWorkspace workspace;

	private final MutableClock clock = new MutableClock();

	private final TelemetryHttpClient http = TelemetryHttpClient.create(null, Duration.ofSeconds(2),
			Duration.ofSeconds(3));

	@BeforeEach
	void start() {
		this.workspace = new StandInWorkspace();
		this.workspace.answerToken("oauth-token-1");
	}

	@AfterEach
	void stop() {
		this.http.close();
		this.workspace.close();
	}

	// WireMock answers plain http here, which only an explicit opt-in allows.
	private TokenSource credentials() {
		return new OAuthClientCredentials.Factory(this.http, this.clock, true)
			.create("m2mDataSource", tokenEndpoint(), "client-id-1", SECRET);
	}

	private String tokenEndpoint() {
		return this.workspace.baseUrl() + "/oidc/v1/token";
	}

	private int tokenRequests() {
		return this.workspace.tokenRequests().size();
	}

	@Test
	void asksForAClientCredentialsTokenWithBasicAuthAndScopeAllApis() {
		assertThat(credentials().bearerToken()).contains("oauth-token-1");
		LoggedRequest request = this.workspace.tokenRequests().get(0);
		assertThat(request.getHeader("Authorization")).isEqualTo(
				"Basic " + Base64.getEncoder().encodeToString(("client-id-1:" + SECRET).getBytes()));
		assertThat(request.getHeader("Content-Type")).startsWith("application/x-www-form-urlencoded");
		assertThat(request.getBodyAsString()).contains("grant_type=client_credentials").contains("scope=all-apis")
			.doesNotContain(SECRET);
	}

	@Test
	void keepsTheTokenUntilShortlyBeforeItExpiresThenRefreshes() {
		TokenSource credentials = credentials();
		assertThat(credentials.bearerToken()).contains("oauth-token-1");
		this.clock.advance(Duration.ofMinutes(58));
		assertThat(credentials.bearerToken()).contains("oauth-token-1");
		assertThat(tokenRequests()).isEqualTo(1);
		this.workspace.answerToken("oauth-token-2");
		// inside the refresh margin the valid token is still returned while a new one is fetched
		this.clock.advance(Duration.ofSeconds(90));
		assertThat(credentials.bearerToken()).contains("oauth-token-1");
		org.awaitility.Awaitility.await().until(() -> credentials.bearerToken().equals(Optional.of("oauth-token-2")));
		assertThat(tokenRequests()).isEqualTo(2);
	}

	@Test
	void anExpiredTokenIsReplacedBeforeUse() {
		TokenSource credentials = credentials();
		assertThat(credentials.bearerToken()).contains("oauth-token-1");
		this.workspace.answerToken("oauth-token-2");
		this.clock.advance(Duration.ofHours(2));
		assertThat(credentials.bearerToken()).contains("oauth-token-2");
	}

	@Test
	void aFailingEndpointMeansNoTokenAndIsNotAskedAgainAtOnce(CapturedOutput output) {
		this.workspace.answerToken(aResponse().withStatus(401));
		TokenSource credentials = credentials();
		assertThat(credentials.bearerToken()).isEmpty();
		assertThat(credentials.bearerToken()).isEmpty();
		assertThat(tokenRequests()).isEqualTo(1);
		this.clock.advance(OAuthClientCredentials.RETRY_AFTER_FAILURE.plusSeconds(1));
		this.workspace.answerToken("oauth-token-3");
		assertThat(credentials.bearerToken()).contains("oauth-token-3");
		assertThat(output.getAll()).doesNotContain(SECRET);
		assertThat(credentials.toString()).doesNotContain(SECRET).doesNotContain("oauth-token");
	}

	@Test
	void anAnswerWithoutATokenIsAFailure() {
		this.workspace
			.answerToken(aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody("{}"));
		assertThat(credentials().bearerToken()).isEmpty();
	}

	@Test
	void theDataSourcesCredentialsFollowItsUrlAndTheApplicationsBeanComesFirst() {
		OAuthClientCredentials.Factory factory = new OAuthClientCredentials.Factory(this.http, this.clock, true);
		DatabricksJdbcUrl m2m = DatabricksJdbcUrl.parse("jdbc:databricks://h;AuthMech=11;Auth_Flow=1;"
				+ "OAuth2ClientId=client-id-1;OAuth2Secret=" + SECRET + ";OAuth2TokenEndpoint=" + tokenEndpoint());
		DatabricksJdbcUrl pat = DatabricksJdbcUrl.parse("jdbc:databricks://h;AuthMech=3;UID=token;PWD=dapi-1");
		DatabricksJdbcUrl passThrough = DatabricksJdbcUrl.parse("jdbc:databricks://h;AuthMech=11;Auth_Flow=0;Auth_AccessToken=at-1");
		DatabricksJdbcUrl none = DatabricksJdbcUrl.parse("jdbc:databricks://h;AuthMech=11;Auth_Flow=2");
		assertThat(DataSourceCredentials.of(m2m, "h", null, "ds", null, factory).bearerToken())
			.contains("oauth-token-1");
		assertThat(DataSourceCredentials.of(pat, "h", null, "ds", null, factory).bearerToken()).contains("dapi-1");
		assertThat(DataSourceCredentials.of(passThrough, "h", null, "ds", null, factory).bearerToken())
			.contains("at-1");
		assertThat(DataSourceCredentials.of(none, "h", null, "ds", null, factory).bearerToken()).isEmpty();
		DatabricksCredentialsProvider application = (host) -> host.equals("h") ? Optional.of("app-token")
				: Optional.empty();
		assertThat(DataSourceCredentials.of(pat, "h", null, "ds", application, factory).bearerToken())
			.contains("app-token");
		DatabricksCredentialsProvider nothing = (host) -> Optional.empty();
		assertThat(DataSourceCredentials.of(pat, "h", null, "ds", nothing, factory).bearerToken()).contains("dapi-1");
		assertThat(DataSourceCredentials.of(m2m, "h", null, "ds", application, factory).toString())
			.doesNotContain(SECRET);
	}

	@Test
	void theClientSecretGoesOnlyOverHttpsUnlessInsecureEndpointsAreAllowed(CapturedOutput output) {
		TokenSource credentials = new OAuthClientCredentials.Factory(this.http, this.clock, false)
			.create("m2mDataSource", tokenEndpoint(), "client-id-1", SECRET);
		assertThat(credentials.bearerToken()).isEmpty();
		this.clock.advance(OAuthClientCredentials.RETRY_AFTER_FAILURE.plusSeconds(1));
		assertThat(credentials.bearerToken()).isEmpty();
		assertThat(this.workspace.requests()).as("no request at all, so no secret over http").isEmpty();
		assertThat(output.getAll().split("No OAuth token is requested for telemetry of data source 'm2mDataSource'",
				-1))
			.as("one WARN for the data source")
			.hasSize(2);
		assertThat(output.getAll()).contains("plain http://")
			.doesNotContain(SECRET)
			.doesNotContain(String.valueOf(this.workspace.port()));
		assertThat(credentials.toString()).doesNotContain(SECRET);
	}

	@Test
	void aRedirectFromTheTokenEndpointIsNotFollowedAndGivesNoToken() {
		this.workspace.answerToken(aResponse().withStatus(307)
			.withHeader("Location", this.workspace.baseUrl() + "/elsewhere/token"));
		this.workspace.server().stubFor(post(urlPathEqualTo("/elsewhere/token")).willReturn(aResponse().withStatus(200)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"access_token\":\"redirected-token\",\"expires_in\":3600}")));
		assertThat(credentials().bearerToken()).isEmpty();
		this.workspace.server().verify(0, postRequestedFor(urlPathEqualTo("/elsewhere/token")));
	}

	@ParameterizedTest(name = "{0}")
	@NullSource
	@ValueSource(strings = { "/oidc/v1/token", "ftp://127.0.0.1/oidc/v1/token", "http://[::1/oidc",
			"https:///oidc/v1/token" })
	void aTokenEndpointThatIsNoAbsoluteWebUrlIsNeverAsked(String endpoint, CapturedOutput output) {
		OAuthClientCredentials.Factory factory = new OAuthClientCredentials.Factory(this.http, this.clock, true);
		assertThat(factory.create("odd", endpoint, "client-id-1", SECRET).bearerToken()).isEmpty();
		assertThat(output.getAll()).contains("names no absolute http(s) token endpoint").doesNotContain(SECRET);
	}

	@Test
	void aFailureIsLoggedWithTheTokenEndpointsHostOnly(CapturedOutput output) {
		this.workspace.answerToken(aResponse().withStatus(500));
		TokenSource credentials = new OAuthClientCredentials.Factory(this.http, this.clock, true)
			.create("m2mDataSource", tokenEndpoint() + "?tenant=private-tenant", "client-id-1", SECRET);
		Logger logger = (Logger) LoggerFactory.getLogger(OAuthClientCredentials.class);
		Level level = logger.getLevel();
		logger.setLevel(Level.DEBUG);
		try {
			assertThat(credentials.bearerToken()).isEmpty();
		}
		finally {
			logger.setLevel(level);
		}
		String host = URI.create(this.workspace.baseUrl()).getHost();
		assertThat(output.getAll()).contains("OAuth token request to " + host + " for telemetry failed")
			.doesNotContain("private-tenant")
			.doesNotContain(SECRET);
	}

}
