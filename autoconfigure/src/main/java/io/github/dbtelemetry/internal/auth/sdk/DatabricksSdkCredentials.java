package io.github.dbtelemetry.internal.auth.sdk;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.http.HttpClient;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.auth.DatabricksCredentialsProvider;

/**
 * Bearer tokens from the Databricks SDK's unified authentication, so that an application that
 * already authenticates the SDK (environment variables, a {@code ~/.databrickscfg} profile, OAuth
 * machine-to-machine, Azure or Google identities, the Databricks CLI) needs no token in its JDBC
 * URL for telemetry. Each workspace host gets a {@link DatabricksConfig} of its own, with
 * {@code https://{host}} as its host, resolved as the SDK resolves any configuration; it is kept
 * for the life of the application, so that the SDK's token cache and refresh work across exports.
 * <p>
 * Because the starter sets the host itself, the SDK would take a credential of its environment or
 * profile for any host, even one that they say belongs to another workspace: the
 * {@code DATABRICKS_HOST} and {@code DATABRICKS_TOKEN} of a CLI session would go to every
 * workspace the application reaches. So, before a host's configuration is made, the host that the
 * SDK's environment and profile name on their own is looked up ({@link Settings#namedHost}); when
 * it is another workspace, that host gets no SDK credentials until the application restarts, and
 * the SDK is not asked for them, so that not even an OAuth client secret is sent to the host's
 * token endpoint. Credentials whose environment and profile name no host (a managed identity, say)
 * are not tied to a workspace and still go to every host.
 * <p>
 * The SDK may block (resolving a host, discovering OIDC endpoints, requesting an OAuth token) and
 * may run external programs (the Azure or Databricks CLI). That is acceptable only because the
 * starter asks credentials on its own telemetry threads, never on a JDBC caller's thread; the
 * SDK's HTTP timeout is therefore set to the starter's, so that one slow host cannot hold those
 * threads for the SDK's default of five minutes.
 * <p>
 * Nothing here throws into the caller: a host whose configuration cannot be resolved or
 * authenticated, or whose SDK credentials give no bearer token (basic authentication, say), gets
 * an empty answer, so that what its data source carries is used instead. Such a failure is logged
 * at DEBUG with the exception's class only, because the SDK's messages may quote its
 * configuration; the host is then not asked again for a while, doubling up to
 * {@link #MAX_RETRY_DELAY}, because an unconfigured SDK tries every method it knows each time
 * (network calls, programs) and logs each try. The token is never logged and never shown by
 * {@link #toString()}.
 */
public final class DatabricksSdkCredentials implements DatabricksCredentialsProvider {

	private static final Log logger = LogFactory.getLog(DatabricksSdkCredentials.class);

	/** How long a host is not asked again after its first failure in a row. */
	static final Duration FIRST_RETRY_DELAY = Duration.ofSeconds(30);

	/**
	 * The longest wait between two attempts of a failing host: how late credentials that appear
	 * while the application runs (a profile written by {@code databricks auth login}) are noticed.
	 */
	static final Duration MAX_RETRY_DELAY = Duration.ofMinutes(30);

	private static final String BEARER = "Bearer ";

	/**
	 * Ends the resolution of a configuration that is only read, at its first request. An error,
	 * not an exception, because the SDK catches every exception of the host's metadata request and
	 * logs a warning about a request that was never made.
	 */
	private static final HttpClient NO_REQUESTS = (request) -> {
		throw new FirstRequest();
	};

	private final Function<String, DatabricksConfig> resolvedConfigs;

	private final Supplier<Optional<String>> namedHost;

	private final Clock clock;

	private final ConcurrentMap<String, HostCredentials> hosts = new ConcurrentHashMap<>();

	/** Credentials for every host from the SDK's configuration, as {@code settings} adjust it. */
	public DatabricksSdkCredentials(Settings settings) {
		this((host) -> settings.newConfig(host).resolve(),
				() -> settings.namedHost(System::getenv, DatabricksConfig::resolve), Clock.systemUTC());
	}

	/**
	 * @param resolvedConfigs the resolved SDK configuration of a host, called again only after a
	 * configuration failed
	 * @param namedHost the host that the SDK's environment and profile name, {@link #normalizedHost
	 * normalised}, or empty; asked before each configuration is made, so that both read the same
	 * environment and profile
	 * @param clock when failed hosts are asked again
	 */
	DatabricksSdkCredentials(Function<String, DatabricksConfig> resolvedConfigs,
			Supplier<Optional<String>> namedHost, Clock clock) {
		this.resolvedConfigs = resolvedConfigs;
		this.namedHost = namedHost;
		this.clock = clock;
	}

	@Override
	public Optional<String> bearerToken(String host) {
		try {
			return this.hosts.computeIfAbsent(host, HostCredentials::new).bearerToken();
		}
		catch (Throwable ex) {
			logger.debug("No Databricks SDK credentials for telemetry to " + host + " (" + ex.getClass().getName()
					+ ")");
			return Optional.empty();
		}
	}

	/** The token of an {@code Authorization: Bearer ...} header among {@code headers}, if any. */
	static Optional<String> bearer(@Nullable Map<String, String> headers) {
		if (headers == null) {
			return Optional.empty();
		}
		for (Map.Entry<String, String> header : headers.entrySet()) {
			String value = header.getValue();
			if ("Authorization".equalsIgnoreCase(header.getKey()) && value != null
					&& value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
				String token = value.substring(BEARER.length()).trim();
				return token.isEmpty() ? Optional.empty() : Optional.of(token);
			}
		}
		return Optional.empty();
	}

	/**
	 * {@code host} as it is compared with another: without scheme, user information, path or the
	 * default port 443, in lower case and, for an IPv6 literal, without brackets. What the SDK's
	 * environment or profile name is written by people ({@code https://WORKSPACE.example.com/},
	 * {@code workspace.example.com:443}); what the starter asks for is a bare host name.
	 */
	static String normalizedHost(String host) {
		String value = host.trim().toLowerCase(Locale.ROOT);
		int scheme = value.indexOf("://");
		if (scheme >= 0) {
			value = value.substring(scheme + 3);
		}
		for (char end : new char[] { '/', '?', '#' }) {
			int index = value.indexOf(end);
			if (index >= 0) {
				value = value.substring(0, index);
			}
		}
		value = value.substring(value.lastIndexOf('@') + 1);
		String port = "";
		if (value.startsWith("[") && value.indexOf(']') > 0) {
			port = value.substring(value.indexOf(']') + 1);
			value = value.substring(1, value.indexOf(']'));
		}
		else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':')) {
			// one colon: a name or IPv4 address with its port; more: an IPv6 literal without one
			port = value.substring(value.indexOf(':'));
			value = value.substring(0, value.indexOf(':'));
		}
		if (port.isEmpty() || port.equals(":") || port.equals(":443")) {
			return value;
		}
		return (value.indexOf(':') >= 0) ? "[" + value + "]" + port : value + port;
	}

	@Override
	public String toString() {
		return "DatabricksCredentialsProvider[Databricks SDK]";
	}

	/**
	 * What the application sets on the SDK's configuration of every host; anything set here
	 * takes precedence over the SDK's environment variables and profile.
	 *
	 * @param profile the {@code ~/.databrickscfg} profile to use, or {@code null} for the SDK's
	 * choice ({@code DATABRICKS_CONFIG_PROFILE}; without it, and with the host always set, the SDK
	 * reads no profile)
	 * @param configFile the profiles file instead of {@code ~/.databrickscfg}, or {@code null}
	 * @param httpTimeout the timeout of each of the SDK's HTTP requests for these credentials
	 */
	public record Settings(@Nullable String profile, @Nullable String configFile, Duration httpTimeout) {

		/** The configuration of {@code host} before the SDK resolves it. */
		public DatabricksConfig newConfig(String host) {
			// an IPv6 literal is written in brackets in a URL
			String authority = host.contains(":") ? "[" + host + "]" : host;
			DatabricksConfig config = withProfile(new DatabricksConfig().setHost("https://" + authority));
			// whole seconds, as the SDK takes them; never zero, which would mean no timeout
			long seconds = Math.max(1, (this.httpTimeout.toMillis() + 999) / 1000);
			config.setHttpTimeoutSeconds((int) Math.min(seconds, Integer.MAX_VALUE));
			return config;
		}

		private DatabricksConfig withProfile(DatabricksConfig config) {
			if (hasText(this.profile)) {
				config.setProfile(this.profile);
			}
			if (hasText(this.configFile)) {
				config.setConfigFile(this.configFile);
			}
			return config;
		}

		/**
		 * The workspace host that the SDK's environment and profile name on their own, the one
		 * their credentials belong to, {@link DatabricksSdkCredentials#normalizedHost normalised};
		 * empty when they name none.
		 * <p>
		 * It reads what a host's configuration reads, no more: {@code DATABRICKS_HOST} and, only
		 * when a profile is named (by this record or {@code DATABRICKS_CONFIG_PROFILE}), that
		 * profile, because the SDK reads no profile for a configuration with a host unless one is
		 * named. Reading the {@code DEFAULT} profile here, as the SDK does without a host, would
		 * keep from every other workspace credentials (the Databricks CLI's, a managed identity)
		 * that have nothing to do with it.
		 * <p>
		 * The SDK loads the attributes itself, so that the environment overrides the profile as it
		 * does for every configuration, and makes {@code host} a URL, all before its first request;
		 * that request (the named host's {@code /.well-known/databricks-config}) is never sent: the
		 * HTTP client of this configuration ends the resolution there. Nothing authenticates.
		 * @param environment the environment variables the SDK reads
		 * @param resolver how the SDK resolves a configuration against that same environment
		 */
		Optional<String> namedHost(Function<String, @Nullable String> environment,
				UnaryOperator<DatabricksConfig> resolver) {
			if (!hasText(this.profile) && !hasText(environment.apply("DATABRICKS_CONFIG_PROFILE"))
					&& !hasText(environment.apply("DATABRICKS_HOST"))) {
				return Optional.empty();
			}
			DatabricksConfig config = withProfile(new DatabricksConfig()).setHttpClient(NO_REQUESTS);
			try {
				resolver.apply(config);
			}
			catch (FirstRequest ex) {
				// the attributes are loaded: nothing after this request is needed, nothing was sent
			}
			String host = config.getHost();
			return hasText(host) ? Optional.of(normalizedHost(host)) : Optional.empty();
		}

		private static boolean hasText(@Nullable String value) {
			return value != null && !value.isBlank();
		}

	}

	/** What {@link #NO_REQUESTS} throws; it carries nothing, not even a stack trace. */
	private static final class FirstRequest extends Error {

		private static final long serialVersionUID = 1L;

		FirstRequest() {
			super(null, null, false, false);
		}

	}

	/** One host's SDK configuration and, after a failure, when to try again. */
	private final class HostCredentials {

		private final String host;

		private @Nullable DatabricksConfig config;

		// Set for good once the SDK's environment or profile name another workspace.
		private boolean otherWorkspace;

		// A configuration that gave a token once is kept through later failures, so that the
		// SDK's own refresh of its token can recover; one that never did is made afresh.
		private boolean gaveToken;

		private @Nullable Instant retryAt;

		private Duration nextDelay = FIRST_RETRY_DELAY;

		HostCredentials(String host) {
			this.host = host;
		}

		// One caller at a time per host: two would resolve or request a token twice.
		synchronized Optional<String> bearerToken() {
			if (this.otherWorkspace) {
				return Optional.empty();
			}
			Instant now = DatabricksSdkCredentials.this.clock.instant();
			if (this.retryAt != null && now.isBefore(this.retryAt)) {
				return Optional.empty();
			}
			String failure;
			try {
				DatabricksConfig current = this.config;
				if (current == null) {
					Optional<String> named = DatabricksSdkCredentials.this.namedHost.get();
					if (named.isPresent() && !named.get().equals(normalizedHost(this.host))) {
						this.otherWorkspace = true;
						logger.debug("No Databricks SDK credentials for telemetry to " + this.host
								+ ": the SDK's environment or profile names the workspace " + named.get()
								+ ", the only one its credentials go to");
						return Optional.empty();
					}
					current = DatabricksSdkCredentials.this.resolvedConfigs.apply(this.host);
					this.config = current;
				}
				Optional<String> token = bearer(current.authenticate());
				if (token.isPresent()) {
					this.gaveToken = true;
					this.retryAt = null;
					this.nextDelay = FIRST_RETRY_DELAY;
					return token;
				}
				failure = "no bearer token";
			}
			catch (Throwable ex) {
				failure = ex.getClass().getName();
			}
			failed(now, failure);
			return Optional.empty();
		}

		private void failed(Instant now, String failure) {
			if (!this.gaveToken) {
				this.config = null;
			}
			this.retryAt = now.plus(this.nextDelay);
			logger.debug("No Databricks SDK credentials for telemetry to " + this.host + " (" + failure
					+ "); asked again in " + this.nextDelay);
			Duration doubled = this.nextDelay.multipliedBy(2);
			this.nextDelay = (doubled.compareTo(MAX_RETRY_DELAY) < 0) ? doubled : MAX_RETRY_DELAY;
		}

	}

}
