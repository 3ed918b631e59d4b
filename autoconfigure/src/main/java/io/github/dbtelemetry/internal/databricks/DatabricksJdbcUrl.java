package io.github.dbtelemetry.internal.databricks;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.model.AuthFlow;
import io.github.dbtelemetry.model.AuthMech;
import io.github.dbtelemetry.model.DatabricksClientType;

/**
 * What a JDBC URL (plus connection properties) says about the workspace. It reads
 * {@code jdbc:databricks://host[:port][/schema][;key=value]*} and the legacy {@code jdbc:spark://}
 * form; keys are case-insensitive and connection properties override URL properties. Any other
 * URL yields what can be read of it. It never throws: a URL it cannot read must not fail the
 * application's connection.
 *
 * <p>A URL it cannot read is reported once per kind of defect at WARN (never the URL itself: it
 * may carry a token) and read as far as possible; an unusable port becomes the default 443. An
 * unusable or missing host is never replaced by another one: {@link #hasUsableHost()} is then
 * false, and {@link #host()}, {@link #baseUrl()} and {@link #hostUrl()} are {@code null}, since a
 * guessed host would receive the workspace's credentials.
 *
 * <p>{@link #toString()} never shows credentials.
 */
public final class DatabricksJdbcUrl {

	private static final Log logger = LogFactory.getLog(DatabricksJdbcUrl.class);

	static final int DEFAULT_PORT = 443;

	// Letters, digits, dots and dashes for names; hex, colons and dots for IPv6 (no zone:
	// it cannot be written into a URI as it is).
	private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9.-]{0,252})");

	private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

	private static final Pattern WAREHOUSE_PATH = Pattern.compile("/sql/[^/]+/(?:warehouses|endpoints)/([^/?;]+)/?",
			Pattern.CASE_INSENSITIVE);

	// Which defects were already reported: warning on every connection of a pool would flood the log.
	private static final Set<String> reportedDefects = ConcurrentHashMap.newKeySet();

	private final String scheme;

	private final String host;

	private final int port;

	private final String schema;

	private final Map<String, String> properties;

	private DatabricksJdbcUrl(String scheme, String host, int port, String schema, Map<String, String> properties) {
		this.scheme = scheme;
		this.host = host;
		this.port = port;
		this.schema = schema;
		this.properties = Collections.unmodifiableMap(properties);
	}

	public static DatabricksJdbcUrl parse(String url) {
		return parse(url, null);
	}

	public static DatabricksJdbcUrl parse(String url, Properties info) {
		try {
			return read(url, info);
		}
		catch (RuntimeException ex) {
			// Defensive: reading is written not to throw, but a connection must never fail here.
			defect("it could not be read (" + ex.getClass().getSimpleName() + ")");
			return new DatabricksJdbcUrl("", null, DEFAULT_PORT, null, new LinkedHashMap<>());
		}
	}

	private static DatabricksJdbcUrl read(String url, Properties info) {
		Map<String, String> properties = new LinkedHashMap<>();
		String host = null;
		int port = DEFAULT_PORT;
		String schema = null;
		String scheme = "";
		String rest = (url != null) ? url.trim() : "";
		if (rest.regionMatches(true, 0, "jdbc:", 0, 5)) {
			rest = rest.substring(5);
			int colon = rest.indexOf(':');
			scheme = (colon >= 0) ? rest.substring(0, colon).toLowerCase(Locale.ROOT) : "";
			rest = (colon >= 0) ? rest.substring(colon + 1) : "";
		}
		else if (url != null) {
			defect("it does not start with jdbc:");
		}
		String[] parts = rest.split(";");
		String location = (parts.length > 0) ? parts[0] : "";
		for (int i = 1; i < parts.length; i++) {
			int equals = parts[i].indexOf('=');
			if (equals > 0) {
				String key = parts[i].substring(0, equals).trim().toLowerCase(Locale.ROOT);
				if (!key.isEmpty()) {
					properties.put(key, parts[i].substring(equals + 1).trim());
				}
			}
		}
		if (location.startsWith("//")) {
			String authority = location.substring(2);
			int slash = authority.indexOf('/');
			if (slash >= 0) {
				String path = authority.substring(slash + 1).trim();
				schema = path.isEmpty() ? null : path;
				authority = authority.substring(0, slash);
			}
			int at = authority.lastIndexOf('@');
			authority = ((at >= 0) ? authority.substring(at + 1) : authority).trim();
			HostAndPort hostAndPort = HostAndPort.parse(authority);
			if (hostAndPort.host() != null && isHost(hostAndPort.host())) {
				host = hostAndPort.host();
			}
			else if (!authority.isEmpty()) {
				defect("its host is not a host name or IP address");
			}
			if (hostAndPort.portDefect()) {
				defect("its port is not a number between 1 and 65535");
			}
			port = hostAndPort.port(DEFAULT_PORT);
		}
		else if (scheme.equals("databricks") || scheme.equals("spark")) {
			// other drivers' URLs (jdbc:h2:mem:...) have no authority by design: not a defect
			defect("it has no //host part");
		}
		if (info != null) {
			for (String name : info.stringPropertyNames()) {
				String value = info.getProperty(name);
				if (value != null && !name.isBlank()) {
					properties.put(name.trim().toLowerCase(Locale.ROOT), value.trim());
				}
			}
		}
		return new DatabricksJdbcUrl(scheme, (host != null) ? host.toLowerCase(Locale.ROOT) : null, port, schema,
				properties);
	}

	// The pattern keeps out anything odd; java.net.URI then decides, since base URLs are built from
	// the host and a host it reads as a registry name (no host) would fail every export.
	private static boolean isHost(String host) {
		boolean ipv6 = host.contains(":");
		if (!(ipv6 ? IPV6.matcher(host).matches() : HOST_NAME.matcher(host).matches())) {
			return false;
		}
		try {
			return URI.create("https://" + (ipv6 ? "[" + host + "]" : host) + "/").getHost() != null;
		}
		catch (IllegalArgumentException ex) {
			return false;
		}
	}

	/** For tests: reports each kind of defect again. */
	static void forgetReportedDefects() {
		reportedDefects.clear();
	}

	private static void defect(String what) {
		if (reportedDefects.add(what)) {
			logger.warn("A JDBC URL of a Databricks data source could not be fully read for telemetry: " + what
					+ ". The connection is not affected; telemetry uses what could be read.");
		}
	}

	/** The host, lower case, without port; {@code null} when the URL has none that can be used. */
	public String host() {
		return this.host;
	}

	/**
	 * Whether the URL names a host that telemetry and credentials can be sent to. Other drivers'
	 * URLs ({@code jdbc:h2:mem:...}) have none by design; a Databricks URL has none when its host
	 * could not be read.
	 */
	public boolean hasUsableHost() {
		return this.host != null;
	}

	public int port() {
		return this.port;
	}

	public String schema() {
		return this.schema;
	}

	/** A URL or connection property, by case-insensitive name. */
	public String property(String name) {
		return this.properties.get(name.toLowerCase(Locale.ROOT));
	}

	public String httpPath() {
		return property("httpPath");
	}

	/** The sub-protocol: {@code databricks}, {@code spark}, ... (lower case), empty when none. */
	public String scheme() {
		return this.scheme;
	}

	/** Whether this is a {@code jdbc:databricks:} URL, the Databricks JDBC driver's own form. */
	public boolean isDatabricksScheme() {
		return "databricks".equals(this.scheme);
	}

	/** The warehouse id of a {@code /sql/1.0/warehouses/<id>} (or {@code endpoints}) http path, else {@code null}. */
	public String warehouseId() {
		String path = httpPath();
		if (path == null) {
			return null;
		}
		Matcher matcher = WAREHOUSE_PATH.matcher(path.trim());
		return matcher.matches() ? matcher.group(1) : null;
	}

	/**
	 * Whether the Databricks driver would send its own telemetry for this URL (given the
	 * workspace flag allows it): {@code EnableTelemetry} is on by default, and
	 * {@code ForceEnableTelemetry=1} sends even when it is off.
	 */
	public boolean driverTelemetryEnabled() {
		return isOn(property("ForceEnableTelemetry"), false) || isOn(property("EnableTelemetry"), true);
	}

	private static boolean isOn(String value, boolean unset) {
		if (value == null || value.isBlank()) {
			return unset;
		}
		String trimmed = value.trim();
		return trimmed.equals("1") || trimmed.equalsIgnoreCase("true");
	}

	/** The OAuth client id of machine-to-machine authentication ({@code OAuth2ClientId}). */
	public String clientId() {
		return firstNonBlank(property("OAuth2ClientId"), null);
	}

	/** The OAuth client secret of machine-to-machine authentication ({@code OAuth2Secret}). */
	public String clientSecret() {
		return firstNonBlank(property("OAuth2Secret"), null);
	}

	/**
	 * {@code https://host[:port]}: the port is left out when it is the default 443; {@code null}
	 * without a usable host.
	 */
	public String baseUrl() {
		if (this.host == null) {
			return null;
		}
		String scheme = "0".equals(property("ssl")) ? "http" : "https";
		String hostPart = this.host.contains(":") ? "[" + this.host + "]" : this.host;
		boolean defaultPort = (scheme.equals("https") && this.port == 443) || (scheme.equals("http") && this.port == 80);
		return scheme + "://" + hostPart + (defaultPort ? "" : ":" + this.port);
	}

	/**
	 * The base URL with its port always written, as the JDBC driver reports {@code host_url};
	 * {@code null} without a usable host.
	 */
	public String hostUrl() {
		if (this.host == null) {
			return null;
		}
		String scheme = "0".equals(property("ssl")) ? "http" : "https";
		String hostPart = this.host.contains(":") ? "[" + this.host + "]" : this.host;
		return scheme + "://" + hostPart + ":" + this.port;
	}

	/**
	 * Where an OAuth token is asked for, as the Databricks driver would: the URL's own
	 * {@code OAuth2TokenEndpoint} when it has one, else the workspace's {@code /oidc/v1/token} on
	 * the URL's host; {@code null} when there is neither. Never the telemetry endpoint override:
	 * a proxy or collector must not receive the client secret.
	 */
	public String tokenEndpoint() {
		String configured = firstNonBlank(property("OAuth2TokenEndpoint"), null);
		if (configured != null) {
			return configured;
		}
		String base = baseUrl();
		return (base != null) ? base + "/oidc/v1/token" : null;
	}

	public AuthMech authMech() {
		String mech = property("AuthMech");
		if ("3".equals(mech)) {
			return AuthMech.PAT;
		}
		if ("11".equals(mech)) {
			return AuthMech.OAUTH;
		}
		return (mech == null && token() != null) ? AuthMech.PAT : AuthMech.OTHER;
	}

	public AuthFlow authFlow() {
		if (authMech() == AuthMech.PAT) {
			return AuthFlow.TOKEN_PASSTHROUGH;
		}
		if (authMech() != AuthMech.OAUTH) {
			return null;
		}
		return switch (String.valueOf(property("Auth_Flow"))) {
			case "0" -> AuthFlow.TOKEN_PASSTHROUGH;
			case "1" -> AuthFlow.CLIENT_CREDENTIALS;
			case "2" -> AuthFlow.BROWSER_BASED_AUTHENTICATION;
			case "3" -> AuthFlow.AZURE_MANAGED_IDENTITIES;
			default -> null;
		};
	}

	/** The exported {@code auth_type}: {@code pat}, {@code oauth-...} or {@code other}. */
	public String authType() {
		AuthFlow flow = authFlow();
		if (authMech() == AuthMech.PAT) {
			return "pat";
		}
		if (flow == AuthFlow.TOKEN_PASSTHROUGH) {
			return "oauth-access_token";
		}
		if (flow == AuthFlow.CLIENT_CREDENTIALS) {
			return "oauth-client_credentials";
		}
		if (flow == AuthFlow.BROWSER_BASED_AUTHENTICATION) {
			return "oauth-authorization_code";
		}
		return "other";
	}

	/**
	 * The server API the URL asks for with {@code useThriftClient}, or {@code null} when it does
	 * not say: which one the driver then uses is its own default, which the starter does not
	 * repeat.
	 */
	public @Nullable DatabricksClientType mode() {
		String thrift = property("useThriftClient");
		if ("0".equals(thrift) || "false".equalsIgnoreCase(String.valueOf(thrift))) {
			return DatabricksClientType.SEA;
		}
		if ("1".equals(thrift) || "true".equalsIgnoreCase(String.valueOf(thrift))) {
			return DatabricksClientType.THRIFT;
		}
		return null;
	}

	/**
	 * The bearer token the URL or properties carry: an OAuth access token passed through, or a
	 * personal access token, which the Databricks drivers define as the password of the user
	 * {@code token} ({@code UID=token;PWD=<token>}, with or without {@code AuthMech=3}). The
	 * password of any other user (an LDAP login on {@code jdbc:spark:}, say) is not a token and is
	 * never sent.
	 */
	public String token() {
		String accessToken = property("Auth_AccessToken");
		if (accessToken != null && !accessToken.isBlank()) {
			return accessToken;
		}
		String password = firstNonBlank(property("PWD"), property("password"));
		return (password != null && isTokenUser(user())) ? password : null;
	}

	/** The user the URL or connection properties name ({@code UID}, else {@code user}), or {@code null}. */
	public String user() {
		return firstNonBlank(property("UID"), property("user"));
	}

	/** Whether a password belongs to a personal access token: its user is {@code token}, in any case. */
	public static boolean isTokenUser(String user) {
		return user != null && "token".equalsIgnoreCase(user.trim());
	}

	private static String firstNonBlank(String first, String second) {
		if (first != null && !first.isBlank()) {
			return first;
		}
		return (second != null && !second.isBlank()) ? second : null;
	}

	@Override
	public String toString() {
		return "DatabricksJdbcUrl[host=" + this.host + ", port=" + this.port + ", httpPath=" + httpPath() + "]";
	}

	private record HostAndPort(String host, Integer port, boolean portDefect) {

		static HostAndPort parse(String authority) {
			if (authority.isEmpty()) {
				return new HostAndPort(null, null, false);
			}
			if (authority.startsWith("[")) {
				int close = authority.indexOf(']');
				if (close < 0) {
					return new HostAndPort(null, null, false);
				}
				String host = authority.substring(1, close);
				String after = authority.substring(close + 1);
				return withPort(host, after.startsWith(":") ? after.substring(1) : null);
			}
			int colon = authority.lastIndexOf(':');
			if (colon >= 0 && authority.indexOf(':') == colon) {
				String host = authority.substring(0, colon);
				return withPort(host.isEmpty() ? null : host, authority.substring(colon + 1));
			}
			return new HostAndPort(authority, null, false);
		}

		private static HostAndPort withPort(String host, String portText) {
			Integer port = (portText != null) ? parsePort(portText) : null;
			return new HostAndPort(host, port, portText != null && port == null);
		}

		int port(int defaultPort) {
			return (this.port != null) ? this.port : defaultPort;
		}

		private static Integer parsePort(String text) {
			try {
				int port = Integer.parseInt(text.trim());
				return (port > 0 && port < 65536) ? port : null;
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}

	}

}
