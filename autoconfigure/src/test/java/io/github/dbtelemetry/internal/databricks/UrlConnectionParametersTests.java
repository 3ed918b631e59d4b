package io.github.dbtelemetry.internal.databricks;

import java.util.Properties;

import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.internal.export.TelemetryPayloadSerializer;
import io.github.dbtelemetry.model.AuthFlow;
import io.github.dbtelemetry.model.AuthMech;
import io.github.dbtelemetry.model.DatabricksClientType;
import io.github.dbtelemetry.model.DriverConnectionParameters;
import io.github.dbtelemetry.model.HostDetails;

import static org.assertj.core.api.Assertions.assertThat;

class UrlConnectionParametersTests {

	private static final String URL = "jdbc:databricks://adb-1.2.azuredatabricks.net:443/default;"
			+ "httpPath=/sql/1.0/warehouses/abc;AuthMech=3;UID=token;PWD=dapi-secret;useThriftClient=0";

	private static DriverConnectionParameters of(String extra) {
		return UrlConnectionParameters.of(DatabricksJdbcUrl.parse(URL + extra), true);
	}

	@Test
	void withNothingStatedOnlyTheConnectionItselfIsSentNeverADefaultOfTheDriver() {
		assertThat(of("")).isEqualTo(DriverConnectionParameters.of("/sql/1.0/warehouses/abc", DatabricksClientType.SEA,
				HostDetails.ofBaseUrl("https://adb-1.2.azuredatabricks.net:443"), AuthMech.PAT,
				AuthFlow.TOKEN_PASSTHROUGH));
	}

	@Test
	void statedSwitchesAreSentAsTheDriverReadsThem() {
		DriverConnectionParameters parameters = of(";UseProxy=1;UseSystemProxy=0;UseCFProxy=1;EnableDirectResults=0;"
				+ "socketTimeout=120;DefaultStringColumnLength=4000;HttpConnectionPoolSize=20;RowsFetchedPerBlock=50000;"
				+ "AsyncExecPollInterval=500;SSLTrustStoreType=PKCS12;CheckCertRevocation=0;AllowSelfSignedCerts=1;"
				+ "UseSystemTrustStore=1;AcceptUndeterminedRevocation=1;OAuthDiscoveryMode=0;useemptymetadata=1;"
				+ "supportManyParameters=1;EnableComplexDatatypeSupport=1;EnableGeoSpatialSupport=0;EnableTokenCache=0;"
				+ "EnableSQLExecHybridResults=0;EnableMetricViewMetadata=1;Auth_Scope=sql offline_access");
		assertThat(parameters.useProxy()).isTrue();
		assertThat(parameters.useSystemProxy()).isFalse();
		assertThat(parameters.useCfProxy()).isTrue();
		assertThat(parameters.enableDirectResults()).isFalse();
		assertThat(parameters.socketTimeout()).isEqualTo(120);
		assertThat(parameters.stringColumnLength()).isEqualTo(4000);
		assertThat(parameters.httpConnectionPoolSize()).isEqualTo(20);
		assertThat(parameters.rowsFetchedPerBlock()).isEqualTo(50000);
		assertThat(parameters.asyncPollIntervalMillis()).isEqualTo(500);
		assertThat(parameters.sslTrustStoreType()).isEqualTo("PKCS12");
		assertThat(parameters.checkCertificateRevocation()).isFalse();
		assertThat(parameters.allowSelfSignedSupport()).isTrue();
		assertThat(parameters.useSystemTrustStore()).isTrue();
		assertThat(parameters.acceptUndeterminedCertificateRevocation()).isTrue();
		assertThat(parameters.discoveryModeEnabled()).isFalse();
		assertThat(parameters.useEmptyMetadata()).isTrue();
		assertThat(parameters.supportManyParameters()).isTrue();
		assertThat(parameters.enableComplexDatatypeSupport()).isTrue();
		assertThat(parameters.enableGeospatialSupport()).isFalse();
		assertThat(parameters.enableTokenCache()).isFalse();
		assertThat(parameters.enableSeaHybridResults()).isFalse();
		assertThat(parameters.enableMetricViewMetadata()).isTrue();
		assertThat(parameters.authScope()).isEqualTo("sql offline_access");
	}

	@Test
	void aFlagIsOnOnlyForOneAsInTheDriver() {
		assertThat(of(";UseProxy=true").useProxy()).isFalse();
		assertThat(of(";UseProxy= 1 ").useProxy()).isTrue();
		assertThat(of(";UseProxy=yes").useProxy()).isFalse();
	}

	@Test
	void connectionPropertiesStateSwitchesToo() {
		Properties properties = new Properties();
		properties.setProperty("socketTimeout", "60");
		properties.setProperty("EnableDirectResults", "1");
		DriverConnectionParameters parameters = UrlConnectionParameters.of(DatabricksJdbcUrl.parse(URL, properties),
				true);
		assertThat(parameters.socketTimeout()).isEqualTo(60);
		assertThat(parameters.enableDirectResults()).isTrue();
	}

	@Test
	void anAliasCountsWhenTheSwitchItselfIsNotStated() {
		assertThat(of(";EnableSQLExecDirectResults=0").enableDirectResults()).isFalse();
		assertThat(of(";EnableSQLExecDirectResults=0;EnableDirectResults=1").enableDirectResults()).isTrue();
		assertThat(of(";EnableOIDCDiscovery=1").discoveryModeEnabled()).isTrue();
	}

	@Test
	void arrowIsSentOnlyWhenTurnedOnSinceTheDriverIgnoresTurningItOff() {
		assertThat(of(";EnableArrow=1").enableArrow()).isTrue();
		assertThat(of(";EnableArrow=0").enableArrow()).isNull();
		assertThat(of("").enableArrow()).isNull();
	}

	@Test
	void numbersTheDriverWouldRejectOrReplaceAreLeftOut() {
		DriverConnectionParameters parameters = of(";socketTimeout=-1;DefaultStringColumnLength=40000;"
				+ "HttpConnectionPoolSize=0;RowsFetchedPerBlock=many;AsyncExecPollInterval=");
		assertThat(parameters.socketTimeout()).isNull();
		assertThat(parameters.stringColumnLength()).isNull();
		assertThat(parameters.httpConnectionPoolSize()).isNull();
		assertThat(parameters.rowsFetchedPerBlock()).isNull();
		assertThat(parameters.asyncPollIntervalMillis()).isNull();
	}

	@Test
	void hostsFilesIdsAndFreeTextNeverLeave() {
		DriverConnectionParameters parameters = of(";UseProxy=1;ProxyHost=proxy.corp.internal;ProxyPort=3128;"
				+ "ProxyUID=alice;ProxyPwd=proxy-secret;ProxyIgnoreList=secret.corp.internal;"
				+ "OAuthDiscoveryURL=https://idp.corp.internal/.well-known;OAuth2TokenEndpoint=https://idp.corp.internal/t;"
				+ "Azure_tenant_id=tenant-secret;QueryTags=team:secret;SSLTrustStore=/etc/secret/store.jks;"
				+ "SSLTrustStoreType=JKS\"secret;Auth_Scope=all-apis\"}secret");
		String json = new TelemetryPayloadSerializer().serializeLog(new io.github.dbtelemetry.model.TelemetryFrontendLog(
				null, "id", null, new io.github.dbtelemetry.model.FrontendLogEntry(
						new io.github.dbtelemetry.model.TelemetryEvent(null, null, null, parameters, null, null, null,
								null, null))));
		assertThat(json).doesNotContain("secret").doesNotContain("corp").doesNotContain("alice");
		assertThat(parameters.useProxy()).isTrue();
		assertThat(parameters.proxyHostInfo()).isNull();
	}

	@Test
	void anotherDriversUrlIsNotReadAsTheDatabricksDriversSwitches() {
		DriverConnectionParameters parameters = UrlConnectionParameters
			.of(DatabricksJdbcUrl.parse("jdbc:h2:mem:x;socketTimeout=5;UseProxy=1"), false);
		assertThat(parameters.socketTimeout()).isNull();
		assertThat(parameters.useProxy()).isNull();
	}

}
