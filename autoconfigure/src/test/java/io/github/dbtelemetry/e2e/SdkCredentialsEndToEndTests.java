package io.github.dbtelemetry.e2e;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Optional;

import javax.sql.DataSource;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import io.github.dbtelemetry.auth.DatabricksCredentialsProvider;
import io.github.dbtelemetry.support.StandInWorkspace;
import io.github.dbtelemetry.support.TelemetryContextRunner;

import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Databricks SDK's credentials on the wire: an application with the SDK on its class path,
 * a profile of the test's own that authenticates a service principal (OAuth machine-to-machine),
 * and a pool whose password is a token too, so that whose token an export carries shows which
 * source won. The profile names the stand-in's OIDC discovery document, because the host of an
 * H2 URL (localhost, port 443) is not where the stand-in listens; the SDK reads no other profile
 * and, with the profile's auth type, tries no other method. A second profile holds the same
 * service principal for another workspace, which it names.
 */
class SdkCredentialsEndToEndTests {

	private static final String DISCOVERY_PATH = "/oidc/.well-known/oauth-authorization-server";

	private static final String POOL_TOKEN = "pool-password-token";

	@TempDir
	Path directory;

	private StandInWorkspace workspace;

	@BeforeEach
	void start() {
		this.workspace = new StandInWorkspace();
		this.workspace.answerToken("sdk-m2m-token");
		this.workspace.server()
			.stubFor(get(urlPathEqualTo(DISCOVERY_PATH))
				.willReturn(okJson("{\"token_endpoint\":\"" + this.workspace.baseUrl() + StandInWorkspace.TOKEN_PATH
						+ "\",\"authorization_endpoint\":\"" + this.workspace.baseUrl() + "/oidc/v1/authorize\"}")));
	}

	@AfterEach
	void stop() {
		this.workspace.close();
	}

	private ApplicationContextRunner application() throws IOException {
		Path profiles = this.directory.resolve("databrickscfg");
		String servicePrincipal = "auth_type = oauth-m2m\nclient_id = sdk-client\nclient_secret = sdk-client-secret\n"
				+ "discovery_url = " + this.workspace.baseUrl() + DISCOVERY_PATH + "\n";
		Files.writeString(profiles, "[telemetry]\n" + servicePrincipal + "\n[other-workspace]\n"
				+ "host = https://other-workspace.example.com\n" + servicePrincipal);
		return TelemetryContextRunner.application()
			.withConfiguration(TelemetryContextRunner.sdk())
			.withPropertyValues(TelemetryContextRunner.h2ExportingTo(this.workspace.baseUrl(), POOL_TOKEN))
			.withPropertyValues("databricks.telemetry.flush-interval=200ms", "databricks.telemetry.sdk.profile=telemetry",
					"databricks.telemetry.sdk.config-file=" + profiles);
	}

	private static void selectOne(DataSource dataSource) throws Exception {
		try (Connection connection = dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet resultSet = statement.executeQuery("SELECT 1")) {
			resultSet.next();
		}
	}

	private void assertEveryExportCarries(String token) {
		assertThat(this.workspace.telemetryRequests()).isNotEmpty().allSatisfy((request) -> {
			assertThat(request.getUrl()).isEqualTo("/telemetry-ext");
			assertThat(request.getHeader("Authorization")).isEqualTo("Bearer " + token);
		});
	}

	@Test
	void theSdksMachineToMachineTokenIsTheExportsBearerToken() throws Exception {
		application().run((context) -> {
			assertThat(context.getBean(DatabricksCredentialsProvider.class).bearerToken("localhost"))
				.contains("sdk-m2m-token");
			selectOne(context.getBean(DataSource.class));
		});
		assertEveryExportCarries("sdk-m2m-token");
		assertThat(this.workspace.requestsTo(DISCOVERY_PATH)).isNotEmpty();
		assertThat(this.workspace.tokenRequests()).as("one token, kept by the SDK").hasSize(1);
	}

	@Test
	void theCredentialsOfAProfileThatNamesAnotherWorkspaceNeverReachThisOne() throws Exception {
		application().withPropertyValues("databricks.telemetry.sdk.profile=other-workspace").run((context) -> {
			assertThat(context.getBean(DatabricksCredentialsProvider.class).bearerToken("localhost")).isEmpty();
			selectOne(context.getBean(DataSource.class));
		});
		assertEveryExportCarries(POOL_TOKEN);
		assertThat(this.workspace.requestsTo("/oidc/.*")).isEmpty();
		assertThat(this.workspace.requestsTo("/\\.well-known/.*")).isEmpty();
	}

	@Test
	void withoutTheSdkTheExportCarriesWhatThePoolCarriesAsBefore() throws Exception {
		application().withClassLoader(new FilteredClassLoader("com.databricks.sdk"))
			.run((context) -> selectOne(context.getBean(DataSource.class)));
		assertEveryExportCarries(POOL_TOKEN);
		assertThat(this.workspace.requestsTo("/oidc/.*")).isEmpty();
	}

	@Test
	void withTheSdkSwitchedOffTheExportCarriesWhatThePoolCarries() throws Exception {
		application().withPropertyValues("databricks.telemetry.sdk.enabled=false")
			.run((context) -> selectOne(context.getBean(DataSource.class)));
		assertEveryExportCarries(POOL_TOKEN);
		assertThat(this.workspace.requestsTo("/oidc/.*")).isEmpty();
	}

	@Test
	void anApplicationProviderOfItsOwnWinsOverTheSdk() throws Exception {
		application()
			.withBean(DatabricksCredentialsProvider.class, () -> (host) -> Optional.of("application-token"))
			.run((context) -> selectOne(context.getBean(DataSource.class)));
		assertEveryExportCarries("application-token");
		assertThat(this.workspace.requestsTo("/oidc/.*")).isEmpty();
	}

}
