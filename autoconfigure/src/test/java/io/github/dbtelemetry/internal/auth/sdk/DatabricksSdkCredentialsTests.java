package io.github.dbtelemetry.internal.auth.sdk;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.databricks.sdk.core.CredentialsProvider;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.HeaderFactory;
import com.databricks.sdk.core.IsolatedEnvironment;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.dbtelemetry.support.MutableClock;
import io.github.dbtelemetry.support.StandInWorkspace;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Databricks SDK's unified authentication as the source of telemetry credentials, against
 * WireMock as the workspace. Every configuration is resolved against environment variables the
 * test chooses and a profiles file of its own, never the machine's; the host the SDK is given is
 * the stand-in's loopback address, as no workspace answers on port 443 here.
 */
@ExtendWith(OutputCaptureExtension.class)
class DatabricksSdkCredentialsTests {

	private static final String HOST = "dbc-a1b2c3d4-e5f6.cloud.databricks.com";

	private static final String CLIENT_SECRET = "sdk-client-secret-never-logged";

	private static final String DISCOVERY_PATH = "/oidc/.well-known/oauth-authorization-server";

	private static final String WORKSPACE_A = "workspace-a.example.com";

	private static final String WORKSPACE_B = "workspace-b.example.com";

	/** For tests of what follows the check of the workspace that credentials belong to. */
	private static final Supplier<Optional<String>> NO_HOST_NAMED = Optional::empty;

	@TempDir
	Path directory;

	private StandInWorkspace workspace;

	private final MutableClock clock = new MutableClock();

	/** The hosts whose SDK configuration was made, in order. */
	private final List<String> configured = new ArrayList<>();

	@BeforeEach
	void start() {
		this.workspace = new StandInWorkspace();
		this.workspace.answerToken("sdk-m2m-token");
		answerDiscovery(DISCOVERY_PATH);
	}

	@AfterEach
	void stop() {
		this.workspace.close();
	}

	private void answerDiscovery(String path) {
		this.workspace.server()
			.stubFor(get(urlPathEqualTo(path))
				.willReturn(okJson("{\"token_endpoint\":\"" + this.workspace.baseUrl() + StandInWorkspace.TOKEN_PATH
						+ "\",\"authorization_endpoint\":\"" + this.workspace.baseUrl() + "/oidc/v1/authorize\"}")));
	}

	/**
	 * Credentials whose configurations are made as in the application, then pointed at the
	 * stand-in and resolved against {@code variables} only; the host that the environment and
	 * profile name is looked up as in the application, against the same variables.
	 */
	private DatabricksSdkCredentials credentials(DatabricksSdkCredentials.Settings settings,
			Map<String, String> variables) {
		return new DatabricksSdkCredentials((host) -> {
			this.configured.add(host);
			return IsolatedEnvironment.resolve(settings.newConfig(host).setHost(this.workspace.baseUrl()), variables);
		}, () -> namedHost(settings, variables), this.clock);
	}

	private static Optional<String> namedHost(DatabricksSdkCredentials.Settings settings,
			Map<String, String> variables) {
		return settings.namedHost(variables::get, (config) -> IsolatedEnvironment.resolve(config, variables));
	}

	private DatabricksSdkCredentials credentials(Map<String, String> variables) {
		return credentials(settings(null, null), variables);
	}

	private static DatabricksSdkCredentials.Settings settings(String profile, String configFile) {
		return new DatabricksSdkCredentials.Settings(profile, configFile, Duration.ofSeconds(5));
	}

	private String profiles(String content) throws IOException {
		Path file = this.directory.resolve("databrickscfg");
		Files.writeString(file, content);
		return file.toString();
	}

	private static Map<String, String> machineToMachine() {
		return Map.of("DATABRICKS_CLIENT_ID", "sdk-client", "DATABRICKS_CLIENT_SECRET", CLIENT_SECRET);
	}

	/** A configuration whose headers come from {@code headers}, asked at each authentication. */
	private static DatabricksConfig configWithHeaders(Supplier<Map<String, String>> headers) {
		return new DatabricksConfig().setHost("https://" + HOST).setCredentialsProvider(new CredentialsProvider() {

			@Override
			public String authType() {
				return "test";
			}

			@Override
			public HeaderFactory configure(DatabricksConfig config) {
				return headers::get;
			}

		});
	}

	@Test
	void eachHostIsConfiguredAsHttpsWithTheProfileItsFileAndTheTimeout() {
		DatabricksConfig config = settings("telemetry", "/etc/databricks/profiles").newConfig(HOST);
		assertThat(config.getHost()).isEqualTo("https://" + HOST);
		assertThat(config.getProfile()).isEqualTo("telemetry");
		assertThat(config.getConfigFile()).isEqualTo("/etc/databricks/profiles");
		assertThat(config.getHttpTimeoutSeconds()).isEqualTo(5);
	}

	@Test
	void withoutSettingsTheSdkChoosesProfileAndFileItself() {
		DatabricksConfig config = settings(" ", null).newConfig(HOST);
		assertThat(config.getProfile()).isNull();
		assertThat(config.getConfigFile()).isNull();
	}

	@Test
	void anIpv6HostIsWrittenInBrackets() {
		assertThat(settings(null, null).newConfig("fd00::1").getHost()).isEqualTo("https://[fd00::1]");
	}

	@ParameterizedTest
	@CsvSource({ "PT1.5S, 2", "PT0S, 1", "PT10S, 10" })
	void theTimeoutIsGivenInWholeSecondsAndNeverAsNone(Duration timeout, int seconds) {
		assertThat(new DatabricksSdkCredentials.Settings(null, null, timeout).newConfig(HOST).getHttpTimeoutSeconds())
			.isEqualTo(seconds);
	}

	@Test
	void aPersonalAccessTokenFromTheEnvironmentIsTheBearerToken() {
		assertThat(credentials(Map.of("DATABRICKS_TOKEN", "dapi-from-the-environment")).bearerToken(HOST))
			.contains("dapi-from-the-environment");
		assertThat(this.workspace.tokenRequests()).isEmpty();
	}

	@Test
	void aPersonalAccessTokenOfTheChosenProfileIsTheBearerToken() throws IOException {
		String file = profiles("[DEFAULT]\ntoken = dapi-default\n\n[telemetry]\ntoken = dapi-of-the-profile\n");
		assertThat(credentials(settings("telemetry", file), Map.of()).bearerToken(HOST))
			.contains("dapi-of-the-profile");
	}

	@Test
	void theEnvironmentNamesTheProfileWhenNoPropertyDoes() throws IOException {
		String file = profiles("[DEFAULT]\ntoken = dapi-default\n\n[telemetry]\ntoken = dapi-of-the-profile\n");
		Map<String, String> variables = Map.of("DATABRICKS_CONFIG_PROFILE", "telemetry");
		assertThat(credentials(settings(null, file), variables).bearerToken(HOST)).contains("dapi-of-the-profile");
	}

	@Test
	void withoutANamedProfileTheSdkReadsNoneAsItsHostIsSet() throws IOException {
		String file = profiles("[DEFAULT]\ntoken = dapi-default\n");
		assertThat(credentials(settings(null, file), Map.of()).bearerToken(HOST)).isEmpty();
	}

	@Test
	void aMachineToMachineTokenIsRequestedWhereTheWorkspaceSaysAndKeptForLaterExports() {
		DatabricksSdkCredentials credentials = credentials(machineToMachine());
		assertThat(credentials.bearerToken(HOST)).contains("sdk-m2m-token");
		int discoveries = this.workspace.requestsTo(DISCOVERY_PATH).size();
		assertThat(discoveries).isPositive();
		assertThat(credentials.bearerToken(HOST)).contains("sdk-m2m-token");
		assertThat(this.workspace.requestsTo(DISCOVERY_PATH)).as("not discovered again").hasSize(discoveries);
		assertThat(this.workspace.tokenRequests()).singleElement().satisfies((request) -> {
			assertThat(request.getHeader("Authorization")).isEqualTo(
					"Basic " + Base64.getEncoder().encodeToString(("sdk-client:" + CLIENT_SECRET).getBytes()));
			assertThat(request.getBodyAsString()).contains("grant_type=client_credentials").contains("scope=all-apis");
		});
	}

	@Test
	void theOidcEndpointOfTheHostsMetadataComesBeforeTheDefaultOne() {
		// what the SDK reads first: {host}/.well-known/databricks-config
		this.workspace.server()
			.stubFor(get(urlPathEqualTo("/.well-known/databricks-config"))
				.willReturn(okJson("{\"oidc_endpoint\":\"" + this.workspace.baseUrl() + "/oidc/idp\"}")));
		answerDiscovery("/oidc/idp/.well-known/oauth-authorization-server");
		assertThat(credentials(machineToMachine()).bearerToken(HOST)).contains("sdk-m2m-token");
		assertThat(this.workspace.requestsTo("/oidc/idp/.well-known/oauth-authorization-server")).isNotEmpty();
		assertThat(this.workspace.requestsTo(DISCOVERY_PATH)).isEmpty();
	}

	@Test
	void basicCredentialsAreNeverTakenForABearerToken() {
		assertThat(credentials(Map.of("DATABRICKS_USERNAME", "alice", "DATABRICKS_PASSWORD", "ldap-password"))
			.bearerToken(HOST)).isEmpty();
	}

	@Test
	void aFailureIsAnEmptyAnswerLoggedAtDebugWithTheExceptionClassOnly(CapturedOutput output) {
		this.workspace.answerToken(aResponse().withStatus(401)
			.withHeader("Content-Type", "application/json")
			.withBody("{\"error\":\"invalid_client\",\"error_description\":\"private-tenant-detail\"}"));
		Logger logger = (Logger) LoggerFactory.getLogger(DatabricksSdkCredentials.class);
		Level level = logger.getLevel();
		logger.setLevel(Level.DEBUG);
		try {
			assertThat(credentials(machineToMachine()).bearerToken(HOST)).isEmpty();
		}
		finally {
			logger.setLevel(level);
		}
		assertThat(output.getAll()).doesNotContain(CLIENT_SECRET);
		// the exception's message (here the token endpoint's error) is left out
		assertThat(output.getAll().lines().filter((line) -> line.contains("DatabricksSdkCredentials - ")))
			.singleElement()
			.satisfies((line) -> assertThat(line)
				.contains("No Databricks SDK credentials for telemetry to " + HOST + " (com.databricks.")
				.doesNotContain("invalid_client")
				.doesNotContain("private-tenant-detail"));
	}

	@Test
	void noErrorOfTheSdkReachesTheCaller() {
		DatabricksSdkCredentials credentials = new DatabricksSdkCredentials((host) -> {
			throw new NoClassDefFoundError("org/apache/commons/configuration2/INIConfiguration");
		}, NO_HOST_NAMED, this.clock);
		assertThat(credentials.bearerToken(HOST)).isEmpty();
	}

	@Test
	void aFailingHostIsAskedAgainOnlyAfterADelayThatDoublesUpToHalfAnHour() {
		AtomicInteger attempts = new AtomicInteger();
		DatabricksSdkCredentials credentials = new DatabricksSdkCredentials((host) -> {
			attempts.incrementAndGet();
			throw new IllegalStateException("cannot configure default credentials");
		}, NO_HOST_NAMED, this.clock);
		List<Duration> delays = new ArrayList<>();
		credentials.bearerToken(HOST);
		for (int i = 0; i < 9; i++) {
			int before = attempts.get();
			Duration waited = Duration.ZERO;
			while (attempts.get() == before) {
				this.clock.advance(Duration.ofSeconds(1));
				waited = waited.plusSeconds(1);
				assertThat(credentials.bearerToken(HOST)).isEmpty();
			}
			delays.add(waited);
		}
		assertThat(delays).containsExactly(Duration.ofSeconds(30), Duration.ofMinutes(1), Duration.ofMinutes(2),
				Duration.ofMinutes(4), Duration.ofMinutes(8), Duration.ofMinutes(16), Duration.ofMinutes(30),
				Duration.ofMinutes(30), Duration.ofMinutes(30));
	}

	@Test
	void aConfigurationThatNeverGaveATokenIsMadeAfreshAtTheNextAttempt() {
		AtomicInteger made = new AtomicInteger();
		DatabricksSdkCredentials credentials = new DatabricksSdkCredentials((host) -> {
			// the first has no credentials; the second finds a token written since
			return (made.incrementAndGet() == 1) ? configWithHeaders(Map::of)
					: configWithHeaders(() -> Map.of("Authorization", "Bearer written-since"));
		}, NO_HOST_NAMED, this.clock);
		assertThat(credentials.bearerToken(HOST)).isEmpty();
		this.clock.advance(DatabricksSdkCredentials.FIRST_RETRY_DELAY);
		assertThat(credentials.bearerToken(HOST)).contains("written-since");
		assertThat(made).hasValue(2);
	}

	@Test
	void aConfigurationThatGaveATokenIsKeptThroughLaterFailuresSoThatTheSdkCanRefresh() {
		List<Supplier<Map<String, String>>> answers = new ArrayList<>(List.of(
				() -> Map.of("Authorization", "Bearer first"), () -> {
					throw new IllegalStateException("token endpoint unavailable");
				}, () -> Map.of("Authorization", "Bearer refreshed")));
		AtomicInteger made = new AtomicInteger();
		DatabricksSdkCredentials credentials = new DatabricksSdkCredentials((host) -> {
			made.incrementAndGet();
			return configWithHeaders(() -> answers.remove(0).get());
		}, NO_HOST_NAMED, this.clock);
		assertThat(credentials.bearerToken(HOST)).contains("first");
		assertThat(credentials.bearerToken(HOST)).isEmpty();
		assertThat(credentials.bearerToken(HOST)).as("not asked during the delay").isEmpty();
		this.clock.advance(DatabricksSdkCredentials.FIRST_RETRY_DELAY);
		assertThat(credentials.bearerToken(HOST)).contains("refreshed");
		assertThat(made).hasValue(1);
	}

	@Test
	void eachHostHasItsOwnConfigurationAndItsOwnFailures() {
		Map<String, Integer> made = new HashMap<>();
		Function<String, DatabricksConfig> configs = (host) -> {
			made.merge(host, 1, Integer::sum);
			if (host.startsWith("failing")) {
				throw new IllegalStateException("no credentials");
			}
			return configWithHeaders(() -> Map.of("Authorization", "Bearer token-of-" + host));
		};
		DatabricksSdkCredentials credentials = new DatabricksSdkCredentials(configs, NO_HOST_NAMED, this.clock);
		assertThat(credentials.bearerToken("failing.cloud.databricks.com")).isEmpty();
		assertThat(credentials.bearerToken("a.cloud.databricks.com")).contains("token-of-a.cloud.databricks.com");
		assertThat(credentials.bearerToken("b.cloud.databricks.com")).contains("token-of-b.cloud.databricks.com");
		assertThat(credentials.bearerToken("a.cloud.databricks.com")).contains("token-of-a.cloud.databricks.com");
		assertThat(made).containsExactlyInAnyOrderEntriesOf(
				Map.of("failing.cloud.databricks.com", 1, "a.cloud.databricks.com", 1, "b.cloud.databricks.com", 1));
	}

	@Test
	void aTokenOfTheWorkspaceTheEnvironmentNamesGoesToThatWorkspaceOnly() {
		DatabricksSdkCredentials credentials = credentials(
				Map.of("DATABRICKS_HOST", "https://" + WORKSPACE_A, "DATABRICKS_TOKEN", "tok-a"));
		assertThat(credentials.bearerToken(WORKSPACE_B)).isEmpty();
		assertThat(this.configured).as("no configuration made for B").isEmpty();
		assertThat(this.workspace.requests()).as("no request made for B").isEmpty();
		assertThat(credentials.bearerToken(WORKSPACE_A)).contains("tok-a");
		assertThat(credentials.bearerToken(WORKSPACE_B)).isEmpty();
		assertThat(this.configured).containsExactly(WORKSPACE_A);
	}

	@Test
	void aClientSecretOfTheWorkspaceTheEnvironmentNamesIsNeverSentToAnother() {
		Map<String, String> variables = new HashMap<>(machineToMachine());
		variables.put("DATABRICKS_HOST", "https://" + WORKSPACE_A);
		DatabricksSdkCredentials credentials = credentials(variables);
		assertThat(credentials.bearerToken(WORKSPACE_B)).isEmpty();
		assertThat(this.workspace.requests()).as("neither discovery nor a token request for B").isEmpty();
		assertThat(credentials.bearerToken(WORKSPACE_A)).contains("sdk-m2m-token");
		assertThat(this.workspace.tokenRequests()).hasSize(1);
	}

	@Test
	void aTokenOfTheWorkspaceTheProfileNamesGoesToThatWorkspaceOnly() throws IOException {
		String file = profiles("[telemetry]\nhost = https://" + WORKSPACE_A + "\ntoken = tok-a\n");
		DatabricksSdkCredentials credentials = credentials(settings("telemetry", file), Map.of());
		assertThat(credentials.bearerToken(WORKSPACE_B)).isEmpty();
		assertThat(this.configured).isEmpty();
		assertThat(this.workspace.requests()).isEmpty();
		assertThat(credentials.bearerToken(WORKSPACE_A)).contains("tok-a");
	}

	@Test
	void theWorkspaceOfAProfileNamedByTheEnvironmentIsTheNamedHost() throws IOException {
		String file = profiles("[telemetry]\nhost = https://" + WORKSPACE_A + "\ntoken = tok-a\n");
		Map<String, String> variables = Map.of("DATABRICKS_CONFIG_PROFILE", "telemetry");
		assertThat(namedHost(settings(null, file), variables)).contains(WORKSPACE_A);
		assertThat(credentials(settings(null, file), variables).bearerToken(WORKSPACE_B)).isEmpty();
	}

	@Test
	void theHostOfTheEnvironmentComesBeforeTheProfilesAsInTheSdk() throws IOException {
		String file = profiles("[telemetry]\nhost = https://" + WORKSPACE_B + "\ntoken = tok-b\n");
		assertThat(namedHost(settings("telemetry", file), Map.of("DATABRICKS_HOST", "https://" + WORKSPACE_A)))
			.contains(WORKSPACE_A);
	}

	@Test
	void theDefaultProfileNamesNoHostBecauseNoHostsConfigurationReadsIt() throws IOException {
		// without a named profile, the configuration of a host reads no profile at all
		String file = profiles("[DEFAULT]\nhost = https://" + WORKSPACE_A + "\ntoken = tok-a\n\n"
				+ "[__settings__]\ndefault_profile = other\n\n[other]\nhost = https://" + WORKSPACE_A + "\n");
		assertThat(namedHost(settings(null, file), Map.of())).isEmpty();
		assertThat(namedHost(settings(null, null), Map.of("DATABRICKS_CONFIG_FILE", file))).isEmpty();
	}

	@Test
	void credentialsOfNoWorkspaceGoToEveryHost() {
		DatabricksSdkCredentials credentials = credentials(Map.of("DATABRICKS_TOKEN", "dapi-of-no-workspace"));
		assertThat(credentials.bearerToken(WORKSPACE_A)).contains("dapi-of-no-workspace");
		assertThat(credentials.bearerToken(WORKSPACE_B)).contains("dapi-of-no-workspace");
	}

	@ParameterizedTest
	@ValueSource(strings = { "https://WORKSPACE-A.example.com/", "https://workspace-a.example.com:443",
			"workspace-a.example.com", "HTTPS://Workspace-A.Example.com:443/", "https://workspace-a.example.com/?o=1" })
	void theNamedHostMatchesHoweverItIsSpelled(String spelling) {
		DatabricksSdkCredentials credentials = credentials(
				Map.of("DATABRICKS_HOST", spelling, "DATABRICKS_TOKEN", "tok-a"));
		assertThat(credentials.bearerToken(WORKSPACE_A)).contains("tok-a");
		assertThat(credentials.bearerToken(WORKSPACE_B)).isEmpty();
	}

	@Test
	void findingTheNamedHostSendsNothingAndWarnsOfNothing(CapturedOutput output) {
		// resolving a configuration of the named host would read its metadata
		Optional<String> named = namedHost(settings(null, null),
				Map.of("DATABRICKS_HOST", this.workspace.baseUrl(), "DATABRICKS_TOKEN", "tok-a"));
		assertThat(named).contains("localhost:" + this.workspace.port());
		assertThat(this.workspace.requests()).isEmpty();
		assertThat(output.getAll()).doesNotContain("host metadata");
	}

	@Test
	void anotherWorkspacesCredentialsAreRefusedForGoodInOneDebugLineNamingBothHostsOnly(CapturedOutput output) {
		Map<String, String> variables = Map.of("DATABRICKS_HOST", "https://" + WORKSPACE_A, "DATABRICKS_TOKEN",
				"dapi-secret-of-a");
		AtomicInteger lookups = new AtomicInteger();
		DatabricksSdkCredentials credentials = new DatabricksSdkCredentials((host) -> {
			throw new AssertionError("no configuration for " + host);
		}, () -> {
			lookups.incrementAndGet();
			return namedHost(settings(null, null), variables);
		}, this.clock);
		Logger logger = (Logger) LoggerFactory.getLogger(DatabricksSdkCredentials.class);
		Level level = logger.getLevel();
		logger.setLevel(Level.DEBUG);
		try {
			assertThat(credentials.bearerToken(WORKSPACE_B)).isEmpty();
			this.clock.advance(DatabricksSdkCredentials.MAX_RETRY_DELAY.multipliedBy(2));
			assertThat(credentials.bearerToken(WORKSPACE_B)).isEmpty();
		}
		finally {
			logger.setLevel(level);
		}
		assertThat(lookups).as("not looked up again").hasValue(1);
		assertThat(output.getAll()).doesNotContain("dapi-secret-of-a");
		assertThat(output.getAll().lines().filter((line) -> line.contains("DatabricksSdkCredentials - ")))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains(WORKSPACE_B).contains(WORKSPACE_A));
	}

	@Test
	void aNamedHostThatCannotBeFoundIsAFailureAskedAgainLater() throws IOException {
		String file = profiles("[DEFAULT]\ntoken = dapi-default\n");
		DatabricksSdkCredentials credentials = credentials(settings("telemetry", file), Map.of());
		assertThat(credentials.bearerToken(WORKSPACE_A)).isEmpty();
		Files.writeString(Path.of(file), "[telemetry]\nhost = https://" + WORKSPACE_A + "\ntoken = tok-a\n");
		assertThat(credentials.bearerToken(WORKSPACE_A)).as("during the delay").isEmpty();
		this.clock.advance(DatabricksSdkCredentials.FIRST_RETRY_DELAY);
		assertThat(credentials.bearerToken(WORKSPACE_A)).contains("tok-a");
	}

	@ParameterizedTest
	@CsvSource({ "https://WORKSPACE-A.example.com/, workspace-a.example.com",
			"workspace-a.example.com:443, workspace-a.example.com",
			"https://user:secret@workspace-a.example.com:443/path?o=1#x, workspace-a.example.com",
			"https://workspace-a.example.com:8443, workspace-a.example.com:8443", "https://[FD00::1]:443/, fd00::1",
			"fd00::1, fd00::1", "https://[fd00::1]:8443, [fd00::1]:8443", "10.0.0.1:443, 10.0.0.1" })
	void hostsAreComparedWithoutSchemeUserPathDefaultPortOrCase(String host, String normalized) {
		assertThat(DatabricksSdkCredentials.normalizedHost(host)).isEqualTo(normalized);
	}

	@Test
	void theTokenIsNeverShownByToString() {
		DatabricksSdkCredentials credentials = credentials(Map.of("DATABRICKS_TOKEN", "dapi-secret-token"));
		assertThat(credentials.bearerToken(HOST)).isPresent();
		assertThat(credentials).hasToString("DatabricksCredentialsProvider[Databricks SDK]");
	}

	@ParameterizedTest
	@CsvSource(delimiter = '|', value = { "Authorization|Bearer abc|abc", "authorization|bearer abc |abc",
			"Authorization|Basic YWxpY2U6cHc=|", "Authorization|Bearer |",
			"X-Databricks-Azure-SP-Management-Token|Bearer x|" })
	void onlyABearerAuthorizationHeaderGivesAToken(String name, String value, String token) {
		assertThat(DatabricksSdkCredentials.bearer(Map.of(name, value))).isEqualTo(Optional.ofNullable(token));
	}

	@Test
	void noHeadersGiveNoToken() {
		assertThat(DatabricksSdkCredentials.bearer(null)).isEmpty();
		assertThat(DatabricksSdkCredentials.bearer(Map.of())).isEmpty();
	}

	@Test
	void theTokenRequestCarriesTheSecretOnlyToTheTokenEndpoint() {
		assertThat(credentials(machineToMachine()).bearerToken(HOST)).isPresent();
		String basic = Base64.getEncoder().encodeToString(("sdk-client:" + CLIENT_SECRET).getBytes());
		for (LoggedRequest request : this.workspace.requests()) {
			if (!request.getUrl().equals(StandInWorkspace.TOKEN_PATH)) {
				assertThat(request.getAllHeaderKeys()).as(request.getUrl()).doesNotContain("Authorization");
				assertThat(request.getBodyAsString()).doesNotContain(CLIENT_SECRET).doesNotContain(basic);
			}
		}
	}

}
