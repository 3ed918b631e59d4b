package io.github.dbtelemetry.jdbc;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;

import io.github.dbtelemetry.model.AuthFlow;
import io.github.dbtelemetry.model.AuthMech;
import io.github.dbtelemetry.model.DatabricksClientType;

/**
 * What a JDBC URL (plus connection properties) says about the workspace. It reads
 * {@code jdbc:databricks://host[:port][/schema][;key=value]*} and the legacy {@code jdbc:spark://}
 * form; keys are case-insensitive and connection properties override URL properties. Any other
 * URL yields what can be read of it (host {@code localhost} when it has none). It never throws:
 * a URL it cannot read must not fail the application's connection.
 *
 * <p>{@link #toString()} never shows credentials.
 */
public final class DatabricksJdbcUrl {

	static final int DEFAULT_PORT = 443;

	private final String host;

	private final int port;

	private final String schema;

	private final Map<String, String> properties;

	private DatabricksJdbcUrl(String host, int port, String schema, Map<String, String> properties) {
		this.host = host;
		this.port = port;
		this.schema = schema;
		this.properties = Collections.unmodifiableMap(properties);
	}

	public static DatabricksJdbcUrl parse(String url) {
		return parse(url, null);
	}

	public static DatabricksJdbcUrl parse(String url, Properties info) {
		Map<String, String> properties = new LinkedHashMap<>();
		String host = "localhost";
		int port = DEFAULT_PORT;
		String schema = null;
		String rest = (url != null) ? url.trim() : "";
		if (rest.regionMatches(true, 0, "jdbc:", 0, 5)) {
			rest = rest.substring(5);
			int colon = rest.indexOf(':');
			rest = (colon >= 0) ? rest.substring(colon + 1) : "";
		}
		String[] parts = rest.split(";");
		String location = parts[0];
		for (int i = 1; i < parts.length; i++) {
			int equals = parts[i].indexOf('=');
			if (equals > 0) {
				properties.put(parts[i].substring(0, equals).trim().toLowerCase(Locale.ROOT),
						parts[i].substring(equals + 1).trim());
			}
		}
		if (location.startsWith("//")) {
			String authority = location.substring(2);
			int slash = authority.indexOf('/');
			if (slash >= 0) {
				String path = authority.substring(slash + 1);
				schema = path.isEmpty() ? null : path;
				authority = authority.substring(0, slash);
			}
			int at = authority.lastIndexOf('@');
			authority = (at >= 0) ? authority.substring(at + 1) : authority;
			HostAndPort hostAndPort = HostAndPort.parse(authority);
			if (hostAndPort.host() != null) {
				host = hostAndPort.host();
			}
			port = hostAndPort.port(DEFAULT_PORT);
		}
		if (info != null) {
			for (String name : info.stringPropertyNames()) {
				properties.put(name.toLowerCase(Locale.ROOT), info.getProperty(name));
			}
		}
		return new DatabricksJdbcUrl(host.toLowerCase(Locale.ROOT), port, schema, properties);
	}

	public String host() {
		return this.host;
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

	/** {@code https://host[:port]}: the port is left out when it is the default 443. */
	public String baseUrl() {
		String scheme = "0".equals(property("ssl")) ? "http" : "https";
		String hostPart = this.host.contains(":") ? "[" + this.host + "]" : this.host;
		boolean defaultPort = (scheme.equals("https") && this.port == 443) || (scheme.equals("http") && this.port == 80);
		return scheme + "://" + hostPart + (defaultPort ? "" : ":" + this.port);
	}

	/** The base URL with its port always written, as the JDBC driver reports {@code host_url}. */
	public String hostUrl() {
		String scheme = "0".equals(property("ssl")) ? "http" : "https";
		String hostPart = this.host.contains(":") ? "[" + this.host + "]" : this.host;
		return scheme + "://" + hostPart + ":" + this.port;
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

	public DatabricksClientType mode() {
		String thrift = property("useThriftClient");
		if ("0".equals(thrift) || "false".equalsIgnoreCase(String.valueOf(thrift))) {
			return DatabricksClientType.SEA;
		}
		if ("1".equals(thrift) || "true".equalsIgnoreCase(String.valueOf(thrift))) {
			return DatabricksClientType.THRIFT;
		}
		return DatabricksClientType.UNKNOWN;
	}

	/**
	 * The bearer token the URL or properties carry: a personal access token ({@code UID=token;PWD=...}
	 * or {@code AuthMech=3}) or an OAuth access token passed through.
	 */
	public String token() {
		String accessToken = property("Auth_AccessToken");
		if (accessToken != null && !accessToken.isBlank()) {
			return accessToken;
		}
		String password = firstNonBlank(property("PWD"), property("password"));
		String user = firstNonBlank(property("UID"), property("user"));
		if (password != null && ("3".equals(property("AuthMech")) || "token".equalsIgnoreCase(user))) {
			return password;
		}
		return null;
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

	private record HostAndPort(String host, Integer port) {

		static HostAndPort parse(String authority) {
			if (authority.isEmpty()) {
				return new HostAndPort(null, null);
			}
			if (authority.startsWith("[")) {
				int close = authority.indexOf(']');
				if (close < 0) {
					return new HostAndPort(null, null);
				}
				String host = authority.substring(1, close);
				String after = authority.substring(close + 1);
				return new HostAndPort(host, after.startsWith(":") ? parsePort(after.substring(1)) : null);
			}
			int colon = authority.lastIndexOf(':');
			if (colon >= 0 && authority.indexOf(':') == colon) {
				String host = authority.substring(0, colon);
				return new HostAndPort(host.isEmpty() ? null : host, parsePort(authority.substring(colon + 1)));
			}
			return new HostAndPort(authority, null);
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
