package io.github.dbtelemetry.internal.databricks;

import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.model.DriverConnectionParameters;
import io.github.dbtelemetry.model.HostDetails;

/**
 * The exported {@code driver_connection_params} of a data source, read from what its URL and
 * connection properties state, with no server call and nothing guessed: a switch is sent only
 * when it is stated, and then with the value the Databricks JDBC driver gives it (a flag is on
 * only for {@code 1}, as the driver reads it), never with a default of the driver's own, which
 * may change from one version to the next. A value the driver would reject or replace (a number
 * out of range) is left out.
 * <p>
 * Left out on purpose, though the driver sends them: names of hosts and files (proxies, the
 * OAuth discovery and token endpoints, key and credential files, volume paths), tenant and
 * client ids, and query tags. They describe the customer's network and identities, or carry
 * what the user wrote, and the privacy rules keep them in the process. The proxy is told only
 * as {@code use_proxy}.
 */
public final class UrlConnectionParameters {

	// A trust store type is a short name (JKS, PKCS12, BCFKS); anything else is not sent.
	private static final Pattern STORE_TYPE = Pattern.compile("[A-Za-z0-9_-]{1,32}");

	// An OAuth scope list: scope tokens separated by spaces.
	private static final Pattern SCOPE = Pattern.compile("[A-Za-z0-9_.:/-]{1,64}( [A-Za-z0-9_.:/-]{1,64}){0,15}");

	private UrlConnectionParameters() {
	}

	/**
	 * @param url the data source's URL with its connection properties
	 * @param databricks whether the URL is the Databricks driver's: only then are its properties
	 * read as the driver's switches (another driver's URL may use the same names for other things)
	 */
	public static DriverConnectionParameters of(DatabricksJdbcUrl url, boolean databricks) {
		HostDetails host = HostDetails.ofBaseUrl(url.hostUrl());
		if (!databricks) {
			return DriverConnectionParameters.of(url.httpPath(), url.mode(), host, url.authMech(), url.authFlow());
		}
		return new DriverConnectionParameters(url.httpPath(), url.mode(), host, null, null, url.authMech(),
				url.authFlow(), matching(url.property("Auth_Scope"), SCOPE), flag(url, "UseProxy"),
				flag(url, "UseSystemProxy"), flag(url, "UseCFProxy"), arrow(url),
				flag(url, "EnableDirectResults", "EnableSQLExecDirectResults"),
				number(url, "socketTimeout", 0, Integer.MAX_VALUE),
				number(url, "DefaultStringColumnLength", 0, 32767),
				number(url, "HttpConnectionPoolSize", 1, Integer.MAX_VALUE),
				number(url, "RowsFetchedPerBlock", 1, Integer.MAX_VALUE),
				number(url, "AsyncExecPollInterval", 1, Integer.MAX_VALUE),
				matching(url.property("SSLTrustStoreType"), STORE_TYPE), flag(url, "CheckCertRevocation"),
				flag(url, "AllowSelfSignedCerts"), flag(url, "UseSystemTrustStore"),
				flag(url, "AcceptUndeterminedRevocation"), flag(url, "OAuthDiscoveryMode", "EnableOIDCDiscovery"),
				flag(url, "UseEmptyMetadata"), flag(url, "SupportManyParameters"),
				flag(url, "EnableComplexDatatypeSupport"), flag(url, "EnableGeoSpatialSupport"),
				flag(url, "EnableTokenCache"), flag(url, "EnableSQLExecHybridResults"),
				flag(url, "EnableMetricViewMetadata"));
	}

	/**
	 * {@code EnableArrow}: the driver 3.x uses Arrow whatever {@code EnableArrow=0} says (it honours
	 * it only on AIX and PowerPC), so only a stated {@code 1} is a fact worth sending.
	 */
	private static @Nullable Boolean arrow(DatabricksJdbcUrl url) {
		return Boolean.TRUE.equals(flag(url, "EnableArrow")) ? Boolean.TRUE : null;
	}

	/** A stated flag, under its name or else its alias; {@code null} when neither is stated. */
	private static @Nullable Boolean flag(DatabricksJdbcUrl url, String name, String... aliases) {
		String value = url.property(name);
		for (int i = 0; value == null && i < aliases.length; i++) {
			value = url.property(aliases[i]);
		}
		return (value != null) ? "1".equals(value.trim()) : null;
	}

	private static @Nullable Integer number(DatabricksJdbcUrl url, String name, int min, int max) {
		String value = url.property(name);
		if (value == null) {
			return null;
		}
		try {
			int number = Integer.parseInt(value.trim());
			return (number >= min && number <= max) ? number : null;
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

	private static @Nullable String matching(@Nullable String value, Pattern pattern) {
		if (value == null) {
			return null;
		}
		String trimmed = value.trim();
		return pattern.matcher(trimmed).matches() ? trimmed : null;
	}

}
