package io.github.dbtelemetry.internal.databricks;

import java.util.Properties;
import java.util.Random;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import io.github.dbtelemetry.model.AuthFlow;
import io.github.dbtelemetry.model.AuthMech;
import io.github.dbtelemetry.model.DatabricksClientType;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class DatabricksJdbcUrlTests {

	@Test
	void aPersonalAccessTokenUrlIsReadWholeAndNeverShowsTheToken() {
		DatabricksJdbcUrl url = DatabricksJdbcUrl.parse("jdbc:databricks://adb-1234567890123456.7.azuredatabricks.net:443/default;"
				+ "transportMode=http;ssl=1;httpPath=/sql/1.0/warehouses/abc123;AuthMech=3;UID=token;PWD=dapi-secret");
		assertThat(url.host()).isEqualTo("adb-1234567890123456.7.azuredatabricks.net");
		assertThat(url.port()).isEqualTo(443);
		assertThat(url.schema()).isEqualTo("default");
		assertThat(url.httpPath()).isEqualTo("/sql/1.0/warehouses/abc123");
		assertThat(url.authMech()).isEqualTo(AuthMech.PAT);
		assertThat(url.authFlow()).isEqualTo(AuthFlow.TOKEN_PASSTHROUGH);
		assertThat(url.authType()).isEqualTo("pat");
		assertThat(url.token()).isEqualTo("dapi-secret");
		assertThat(url.baseUrl()).isEqualTo("https://adb-1234567890123456.7.azuredatabricks.net");
		assertThat(url.hostUrl()).isEqualTo("https://adb-1234567890123456.7.azuredatabricks.net:443");
		assertThat(url.toString()).doesNotContain("dapi-secret");
		assertThat(WorkspaceIds.fromHost(url.host())).isEqualTo(1234567890123456L);
	}

	@Test
	void keysAreCaseInsensitiveAndPropertiesOverrideTheUrl() {
		Properties info = new Properties();
		info.setProperty("PWD", "from-properties");
		DatabricksJdbcUrl url = DatabricksJdbcUrl
			.parse("jdbc:spark://host.example.com:8443;HTTPPATH=/p;authmech=3;uid=token;pwd=x", info);
		assertThat(url.host()).isEqualTo("host.example.com");
		assertThat(url.port()).isEqualTo(8443);
		assertThat(url.httpPath()).isEqualTo("/p");
		assertThat(url.token()).isEqualTo("from-properties");
		assertThat(url.baseUrl()).isEqualTo("https://host.example.com:8443");
	}

	@Test
	void oauthUrlsGiveTheirFlowTokenAndMode() {
		DatabricksJdbcUrl url = DatabricksJdbcUrl
			.parse("jdbc:databricks://h.cloud.databricks.com;AuthMech=11;Auth_Flow=0;Auth_AccessToken=eyJ;useThriftClient=0");
		assertThat(url.authMech()).isEqualTo(AuthMech.OAUTH);
		assertThat(url.authFlow()).isEqualTo(AuthFlow.TOKEN_PASSTHROUGH);
		assertThat(url.authType()).isEqualTo("oauth-access_token");
		assertThat(url.token()).isEqualTo("eyJ");
		assertThat(url.mode()).isEqualTo(DatabricksClientType.SEA);
		DatabricksJdbcUrl m2m = DatabricksJdbcUrl
			.parse("jdbc:databricks://h;AuthMech=11;Auth_Flow=1;OAuth2ClientId=id;OAuth2Secret=s;useThriftClient=1");
		assertThat(m2m.authFlow()).isEqualTo(AuthFlow.CLIENT_CREDENTIALS);
		assertThat(m2m.authType()).isEqualTo("oauth-client_credentials");
		assertThat(m2m.token()).isNull();
		assertThat(m2m.mode()).isEqualTo(DatabricksClientType.THRIFT);
		assertThat(DatabricksJdbcUrl.parse("jdbc:databricks://h").mode()).isNull();
	}

	@Test
	void anIpv6HostWithSslOffHasAPlainHttpBaseUrl() {
		DatabricksJdbcUrl url = DatabricksJdbcUrl.parse("jdbc:databricks://[::1]:8080/default;ssl=0");
		assertThat(url.host()).isEqualTo("::1");
		assertThat(url.baseUrl()).isEqualTo("http://[::1]:8080");
	}

	@Test
	void nonDatabricksUrlsWithoutAHostHaveNone() {
		DatabricksJdbcUrl url = DatabricksJdbcUrl.parse("jdbc:h2:mem:test;DB_CLOSE_DELAY=-1");
		assertThat(url.hasUsableHost()).isFalse();
		assertThat(url.host()).isNull();
		assertThat(url.baseUrl()).isNull();
		assertThat(url.hostUrl()).isNull();
		assertThat(url.tokenEndpoint()).isNull();
		assertThat(url.authMech()).isEqualTo(AuthMech.OTHER);
		assertThat(url.authType()).isEqualTo("other");
		assertThat(url.authFlow()).isNull();
	}

	@ParameterizedTest(name = "{0}")
	@ValueSource(strings = { "jdbc:databricks://my_host:443/default;AuthMech=3;UID=token;PWD=dapi-1",
			"jdbc:databricks://[fe80::1%eth0]:443;PWD=dapi-1", "jdbc:databricks://:443/default;PWD=dapi-1",
			"jdbc:databricks:///default;PWD=dapi-1", "jdbc:spark:host.example.com;PWD=dapi-1", "jdbc:databricks:",
			"not a jdbc url" })
	void aHostThatCannotBeReadIsNeverReplacedByAnother(String unreadable) {
		DatabricksJdbcUrl url = DatabricksJdbcUrl.parse(unreadable);
		assertThat(url.hasUsableHost()).isFalse();
		assertThat(url.host()).isNull();
		assertThat(url.baseUrl()).isNull();
		assertThat(url.hostUrl()).isNull();
		assertThat(url.toString()).doesNotContain("dapi-1").doesNotContain("localhost");
	}

	@Test
	void noUrlAtAllHasNoHostAndAHostIsReadInLowerCase() {
		assertThat(DatabricksJdbcUrl.parse(null).hasUsableHost()).isFalse();
		assertThat(DatabricksJdbcUrl.parse("jdbc:databricks://MY-Host.example.com").host())
			.isEqualTo("my-host.example.com");
	}

	@Test
	void aPasswordIsATokenOnlyAsThePasswordOfTheUserToken() {
		assertThat(DatabricksJdbcUrl.parse("jdbc:spark://h.example.com;AuthMech=3;UID=alice;PWD=ldap-secret").token())
			.isNull();
		assertThat(DatabricksJdbcUrl.parse("jdbc:databricks://h.example.com;AuthMech=3;PWD=dapi-1").token())
			.as("no user named at all")
			.isNull();
		assertThat(DatabricksJdbcUrl.parse("jdbc:databricks://h.example.com;user=alice;password=ldap-secret").token())
			.isNull();
		assertThat(DatabricksJdbcUrl.parse("jdbc:databricks://h.example.com;AuthMech=3;UID=TOKEN;PWD=dapi-1").token())
			.isEqualTo("dapi-1");
		assertThat(DatabricksJdbcUrl.parse("jdbc:databricks://h.example.com;user=Token;password=dapi-2").token())
			.isEqualTo("dapi-2");
		Properties info = new Properties();
		info.setProperty("user", "alice");
		assertThat(DatabricksJdbcUrl.parse("jdbc:databricks://h.example.com;AuthMech=3;PWD=dapi-1", info).token())
			.as("the connection properties' user")
			.isNull();
		assertThat(DatabricksJdbcUrl.parse("jdbc:databricks://h.example.com;UID=alice").user()).isEqualTo("alice");
	}

	@Test
	void theTokenEndpointIsTheUrlsOwnOrItsHostsOidcPath() {
		assertThat(DatabricksJdbcUrl.parse("jdbc:databricks://h.example.com:8443/default;AuthMech=11").tokenEndpoint())
			.isEqualTo("https://h.example.com:8443/oidc/v1/token");
		assertThat(DatabricksJdbcUrl.parse("jdbc:databricks://h.example.com").tokenEndpoint())
			.isEqualTo("https://h.example.com/oidc/v1/token");
		assertThat(DatabricksJdbcUrl.parse("jdbc:databricks://127.0.0.1:8080;ssl=0").tokenEndpoint())
			.isEqualTo("http://127.0.0.1:8080/oidc/v1/token");
		assertThat(DatabricksJdbcUrl
			.parse("jdbc:databricks://h.example.com;oauth2tokenendpoint=https://idp.example.com/oauth2/token")
			.tokenEndpoint()).isEqualTo("https://idp.example.com/oauth2/token");
		Properties info = new Properties();
		info.setProperty("OAuth2TokenEndpoint", "https://idp.example.com/from-properties");
		assertThat(DatabricksJdbcUrl.parse("jdbc:databricks://h.example.com", info).tokenEndpoint())
			.isEqualTo("https://idp.example.com/from-properties");
		assertThat(DatabricksJdbcUrl.parse("jdbc:databricks://my_host;OAuth2TokenEndpoint=https://idp.example.com/t")
			.tokenEndpoint()).as("configured, so usable without a host").isEqualTo("https://idp.example.com/t");
	}

	@Test
	void hostileUrlsNeverThrow() {
		Random random = new Random(42);
		String alphabet = "jdbc:databricks//[]@:;=/%?#&abc123 \t\u0000é";
		for (int i = 0; i < 2000; i++) {
			StringBuilder url = new StringBuilder(random.nextBoolean() ? "jdbc:databricks://" : "");
			int length = random.nextInt(60);
			for (int j = 0; j < length; j++) {
				url.append(alphabet.charAt(random.nextInt(alphabet.length())));
			}
			String candidate = url.toString();
			assertThatCode(() -> {
				DatabricksJdbcUrl parsed = DatabricksJdbcUrl.parse(candidate);
				parsed.baseUrl();
				parsed.authType();
				parsed.mode();
				parsed.token();
			}).as(candidate).doesNotThrowAnyException();
		}
		assertThatCode(() -> DatabricksJdbcUrl.parse(null)).doesNotThrowAnyException();
		assertThat(DatabricksJdbcUrl.parse("jdbc:databricks://host:99999999").port()).isEqualTo(443);
	}

}
