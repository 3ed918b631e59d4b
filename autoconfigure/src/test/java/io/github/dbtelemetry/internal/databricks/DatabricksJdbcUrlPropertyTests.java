package io.github.dbtelemetry.internal.databricks;

import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.dbtelemetry.model.AuthFlow;
import io.github.dbtelemetry.model.AuthMech;
import io.github.dbtelemetry.model.DatabricksClientType;
import io.github.dbtelemetry.pipeline.ExportMode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * Property-based tests of {@link DatabricksJdbcUrl} with seeded random URLs: every documented
 * form, written with random key case, order and placement (URL or connection properties), reads
 * back to what was written; and any string at all is read without throwing, into either a host
 * and port that make a valid base URL or no host at all, and never shows a secret.
 */
class DatabricksJdbcUrlPropertyTests {

	private static final String SECRET = "dapi-s3cr3t-never-shown";

	private static final String[] HOSTS = { "adb-1234567890123456.7.azuredatabricks.net",
			"dbc-a1b2c3d4-e5f6.cloud.databricks.com", "my-workspace.gcp.databricks.com", "127.0.0.1", "::1",
			"localhost", "h" };

	@Test
	void everyDocumentedFormReadsBackWhatWasWritten() {
		Random random = new Random(20261126L);
		for (int i = 0; i < 3000; i++) {
			Generated generated = Generated.random(random);
			DatabricksJdbcUrl url = DatabricksJdbcUrl.parse(generated.url(), generated.info());
			String as = "case " + i + ": " + generated.url().replace(SECRET, "***") + " + " + generated.info().keySet();
			assertThat(url.host()).as(as).isEqualTo(generated.host().toLowerCase(Locale.ROOT));
			assertThat(url.port()).as(as).isEqualTo((generated.port() != null) ? generated.port() : 443);
			assertThat(url.scheme()).as(as).isEqualTo(generated.scheme());
			assertThat(url.schema()).as(as).isEqualTo(generated.schema());
			assertThat(url.httpPath()).as(as).isEqualTo("/sql/1.0/warehouses/" + generated.warehouse());
			assertThat(url.warehouseId()).as(as).isEqualTo(generated.warehouse());
			assertThat(url.authMech()).as(as).isEqualTo(generated.auth().mech());
			assertThat(url.authFlow()).as(as).isEqualTo(generated.auth().flow());
			assertThat(url.authType()).as(as).isEqualTo(generated.auth().type());
			assertThat(url.token()).as(as).isEqualTo(generated.auth().carriesToken() ? SECRET : null);
			if (generated.auth() == Auth.M2M) {
				assertThat(url.clientId()).as(as).isEqualTo("client-id-1");
				assertThat(url.clientSecret()).as(as).isEqualTo(SECRET);
			}
			assertThat(url.mode()).as(as).isEqualTo(generated.mode());
			assertThat(url.driverTelemetryEnabled()).as(as).isEqualTo(generated.driverTelemetry());
			assertThat(url.toString()).as(as).doesNotContain(SECRET);
			assertThat(URI.create(url.baseUrl()).getPort()).as(as)
				.isEqualTo((generated.port() == null || generated.port() == 443) ? -1 : generated.port());
		}
	}

	@Test
	void hostileStringsAreReadIntoAUsableBaseUrlOrNoHostAndNeverThrow() {
		Random random = new Random(7);
		String alphabet = "jdbc:databricks:spark//[]@:;=/%?#&{}<>\"'\\|^`~abcXYZ019.-_ \t\r\n\u0000\u00e9\u202e\ud83d\ude00";
		List<String> candidates = new ArrayList<>(List.of("", " ", "jdbc:", "jdbc:databricks:", "jdbc:databricks://",
				"jdbc:databricks://:", "jdbc:databricks://:0", "jdbc:databricks://[", "jdbc:databricks://[]:1",
				"jdbc:databricks://h:-1", "jdbc:databricks://h:65536", "jdbc:databricks://h:1:2",
				"jdbc:databricks://user:pw@h", "jdbc:databricks://h/;;;==;=x;x=", "jdbc:databricks://h;AuthMech=",
				"jdbc:databricks://ho st:443", "jdbc:databricks://host%0a.evil:443", "jdbc:databricks://h{}:1",
				"jdbc:databricks://" + "a".repeat(10_000), "jdbc:spark://h;httpPath=" + "/".repeat(5000),
				"jdbc:databricks://[fe80::1%eth0]:443"));
		for (int i = 0; i < 5000; i++) {
			StringBuilder url = new StringBuilder(
					switch (random.nextInt(3)) { case 0 -> "jdbc:databricks://"; case 1 -> "jdbc:spark://"; default -> ""; });
			int length = random.nextInt(80);
			for (int j = 0; j < length; j++) {
				url.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			url.append(";PWD=").append(SECRET);
			candidates.add(url.toString());
		}
		candidates.add(null);
		for (String candidate : candidates) {
			assertThatCode(() -> {
				DatabricksJdbcUrl url = DatabricksJdbcUrl.parse(candidate, hostileProperties(random));
				if (url.hasUsableHost()) {
					assertThat(URI.create(url.baseUrl()).getHost()).isNotNull();
					assertThat(URI.create(url.hostUrl()).getHost()).isNotNull();
					assertThat(url.host()).doesNotContain(SECRET).doesNotContainAnyWhitespaces();
				}
				else {
					assertThat(url.host()).isNull();
					assertThat(url.baseUrl()).isNull();
					assertThat(url.hostUrl()).isNull();
				}
				assertThat(url.port()).isBetween(1, 65535);
				assertThat(url.toString()).doesNotContain(SECRET);
				url.authType();
				url.authFlow();
				url.mode();
				url.warehouseId();
				url.driverTelemetryEnabled();
				ExportDecision.exports(ExportMode.AUTO, url, null);
			}).as(String.valueOf(candidate).replace(SECRET, "***")).doesNotThrowAnyException();
		}
	}

	private static Properties hostileProperties(Random random) {
		Properties info = new Properties();
		if (random.nextBoolean()) {
			info.setProperty(" ", "x");
			info.setProperty("EnableTelemetry", "\u0000");
			info.setProperty("AuthMech", "99999999999999999999");
		}
		return info;
	}

	@Test
	@ExtendWith(OutputCaptureExtension.class)
	void aMalformedUrlIsReportedOnceAtWarnWithoutTheUrl(CapturedOutput output) {
		DatabricksJdbcUrl.forgetReportedDefects();
		for (int i = 0; i < 5; i++) {
			DatabricksJdbcUrl url = DatabricksJdbcUrl.parse("jdbc:databricks://bad host:70000;PWD=" + SECRET);
			assertThat(url.hasUsableHost()).isFalse();
			assertThat(url.host()).isNull();
			assertThat(url.port()).isEqualTo(443);
		}
		DatabricksJdbcUrl.parse("jdbc:h2:mem:fine;PWD=" + SECRET);
		assertThat(output.getAll().split("not a host name", -1)).hasSize(2);
		assertThat(output.getAll().split("port is not a number", -1)).hasSize(2);
		assertThat(output.getAll()).contains("WARN").doesNotContain(SECRET).doesNotContain("bad host")
			.doesNotContain("no //host part");
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource({ "jdbc:databricks://h, true", "jdbc:databricks://h;EnableTelemetry=0, false",
			"jdbc:databricks://h;enabletelemetry=false, false",
			"jdbc:databricks://h;EnableTelemetry=0;ForceEnableTelemetry=1, true" })
	void driverTelemetryFollowsEnableAndForceEnable(String url, boolean enabled) {
		assertThat(DatabricksJdbcUrl.parse(url).driverTelemetryEnabled()).isEqualTo(enabled);
	}

	@Test
	void driverTelemetryInTheConnectionPropertiesOverridesTheUrl() {
		Properties info = new Properties();
		info.setProperty("ENABLETELEMETRY", "0");
		assertThat(DatabricksJdbcUrl.parse("jdbc:databricks://h;EnableTelemetry=1", info).driverTelemetryEnabled())
			.isFalse();
	}

	/** URLs by whether the driver's own telemetry is on; H2 stands for another driver. */
	private static final Map<String, String> URLS = Map.of("ON", "jdbc:databricks://h;httpPath=/p", "OFF",
			"jdbc:databricks://h;httpPath=/p;EnableTelemetry=0", "H2", "jdbc:h2:mem:x");

	@ParameterizedTest(name = "{0} with {1} and driver {2}: {3}")
	@CsvSource({ "AUTO, ON, DatabricksJDBC/3.4.5, false", "AUTO, ON, , false", "AUTO, OFF, DatabricksJDBC/3.4.5, true",
			"AUTO, H2, H2-JDBC-Driver/2.3.232, true", "AUTO, ON, H2-JDBC-Driver/2.3.232, true",
			"ALWAYS, ON, DatabricksJDBC/3.4.5, true", "NEVER, OFF, DatabricksJDBC/3.4.5, false", "NEVER, H2, , false" })
	void theExportModeDecidesWhetherTheStarterExports(ExportMode mode, String url, String driver, boolean exports) {
		assertThat(ExportDecision.exports(mode, DatabricksJdbcUrl.parse(URLS.get(url)), driver)).isEqualTo(exports);
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource({ "s|abc123|01f0-session, 01f0-session", "01f0-session, 01f0-session", "s|abc123|, ", ", " })
	void onlyTheLastPartOfTheDriversConnectionIdIsTheSession(String connectionId, String session) {
		assertThat(DatabricksDriverSupport.lastPart(connectionId)).isEqualTo(session);
	}

	enum Auth {

		PAT(AuthMech.PAT, AuthFlow.TOKEN_PASSTHROUGH, "pat", true),
		PAT_BY_USER(AuthMech.PAT, AuthFlow.TOKEN_PASSTHROUGH, "pat", true),
		// AuthMech=3 with a user other than "token": a login whose password is never a token
		LOGIN(AuthMech.PAT, AuthFlow.TOKEN_PASSTHROUGH, "pat", false),
		OAUTH_TOKEN(AuthMech.OAUTH, AuthFlow.TOKEN_PASSTHROUGH, "oauth-access_token", true),
		M2M(AuthMech.OAUTH, AuthFlow.CLIENT_CREDENTIALS, "oauth-client_credentials", false),
		U2M(AuthMech.OAUTH, AuthFlow.BROWSER_BASED_AUTHENTICATION, "oauth-authorization_code", false),
		NONE(AuthMech.OTHER, null, "other", false);

		private final AuthMech mech;

		private final AuthFlow flow;

		private final String type;

		private final boolean carriesToken;

		Auth(AuthMech mech, AuthFlow flow, String type, boolean carriesToken) {
			this.mech = mech;
			this.flow = flow;
			this.type = type;
			this.carriesToken = carriesToken;
		}

		AuthMech mech() {
			return this.mech;
		}

		AuthFlow flow() {
			return this.flow;
		}

		String type() {
			return this.type;
		}

		boolean carriesToken() {
			return this.carriesToken;
		}

		Map<String, String> properties() {
			Map<String, String> properties = new LinkedHashMap<>();
			switch (this) {
				case PAT -> {
					properties.put("AuthMech", "3");
					properties.put("UID", "token");
					properties.put("PWD", SECRET);
				}
				case PAT_BY_USER -> {
					properties.put("UID", "TOKEN");
					properties.put("PWD", SECRET);
				}
				case LOGIN -> {
					properties.put("AuthMech", "3");
					properties.put("UID", "alice");
					properties.put("PWD", SECRET);
				}
				case OAUTH_TOKEN -> {
					properties.put("AuthMech", "11");
					properties.put("Auth_Flow", "0");
					properties.put("Auth_AccessToken", SECRET);
				}
				case M2M -> {
					properties.put("AuthMech", "11");
					properties.put("Auth_Flow", "1");
					properties.put("OAuth2ClientId", "client-id-1");
					properties.put("OAuth2Secret", SECRET);
				}
				case U2M -> {
					properties.put("AuthMech", "11");
					properties.put("Auth_Flow", "2");
				}
				case NONE -> {
				}
			}
			return properties;
		}

	}

	record Generated(String url, Properties info, String scheme, String host, Integer port, String schema,
			String warehouse, Auth auth, DatabricksClientType mode, boolean driverTelemetry) {

		static Generated random(Random random) {
			String scheme = random.nextInt(4) == 0 ? "spark" : "databricks";
			String host = HOSTS[random.nextInt(HOSTS.length)];
			if (random.nextBoolean()) {
				host = host.toUpperCase(Locale.ROOT);
			}
			Integer port = switch (random.nextInt(4)) {
				case 0 -> null;
				case 1 -> 443;
				default -> 1 + random.nextInt(65535);
			};
			String schema = random.nextBoolean() ? null : "schema_" + random.nextInt(100);
			String warehouse = Long.toHexString(random.nextLong() & Long.MAX_VALUE);
			Auth auth = Auth.values()[random.nextInt(Auth.values().length)];
			Map<String, String> properties = new LinkedHashMap<>();
			properties.put("transportMode", "http");
			properties.put("ssl", "1");
			properties.put("httpPath", "/sql/1.0/warehouses/" + warehouse);
			properties.putAll(auth.properties());
			DatabricksClientType mode = switch (random.nextInt(3)) {
				case 0 -> {
					properties.put("useThriftClient", "0");
					yield DatabricksClientType.SEA;
				}
				case 1 -> {
					properties.put("useThriftClient", "1");
					yield DatabricksClientType.THRIFT;
				}
				default -> null;
			};
			boolean driverTelemetry = random.nextBoolean();
			if (!driverTelemetry) {
				properties.put("EnableTelemetry", "0");
			}
			List<Map.Entry<String, String>> entries = new ArrayList<>(properties.entrySet());
			java.util.Collections.shuffle(entries, random);
			String hostPart = host.contains(":") ? "[" + host + "]" : host;
			StringBuilder url = new StringBuilder("jdbc:").append(scheme).append("://").append(hostPart);
			if (port != null) {
				url.append(':').append(port);
			}
			if (schema != null) {
				url.append('/').append(schema);
			}
			Properties info = new Properties();
			for (Map.Entry<String, String> entry : entries) {
				String key = randomCase(random, entry.getKey());
				if (random.nextInt(3) == 0) {
					info.setProperty(key, entry.getValue());
				}
				else {
					url.append(';').append(key).append('=').append(entry.getValue());
				}
			}
			return new Generated(url.toString(), info, scheme, host, port, schema, warehouse, auth, mode,
					driverTelemetry);
		}

		private static String randomCase(Random random, String key) {
			return switch (random.nextInt(3)) {
				case 0 -> key.toLowerCase(Locale.ROOT);
				case 1 -> key.toUpperCase(Locale.ROOT);
				default -> key;
			};
		}

	}

}
