package io.github.dbtelemetry.internal.auth;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.BodyInserters;

import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.internal.databricks.DatabricksJdbcUrl;
import io.github.dbtelemetry.internal.export.TelemetryHttpClient;
import io.github.dbtelemetry.internal.export.TelemetryHttpException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * OAuth machine-to-machine credentials ({@code AuthMech=11;Auth_Flow=1}): an access token from
 * the token endpoint the JDBC URL implies (see {@link DatabricksJdbcUrl#tokenEndpoint()}:
 * client-credentials grant, scope {@code all-apis}, client id and secret as HTTP basic
 * authentication), kept until shortly before it expires. The secret is long-lived and opens the
 * whole workspace, so it goes only to that endpoint, never to the telemetry endpoint override,
 * and only over https unless insecure endpoints are explicitly allowed.
 * <p>
 * While a token is valid it is returned at once, and a refresh due before expiry runs in the
 * background. Only when there is no valid token does a caller wait for the token request, for
 * at most the timeout, and never on a non-blocking (event-loop) thread. A failed request is not
 * repeated before {@link #RETRY_AFTER_FAILURE}; until then exports go unauthenticated. Neither
 * the secret nor a token is ever logged or shown by {@link #toString()}.
 */
public final class OAuthClientCredentials implements TokenSource {

	private static final Log logger = LogFactory.getLog(OAuthClientCredentials.class);

	static final Duration RETRY_AFTER_FAILURE = Duration.ofSeconds(30);

	// A token is refreshed this long before it expires, or after half its life if that is shorter.
	private static final Duration REFRESH_MARGIN = Duration.ofSeconds(60);

	private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

	private final TelemetryHttpClient http;

	private final JsonMapper json;

	private final URI tokenUri;

	private final String clientId;

	private final String clientSecret;

	private final Duration timeout;

	private final Clock clock;

	private volatile Token token;

	private volatile Instant failedAt;

	private final AtomicReference<CompletableFuture<Token>> inFlight = new AtomicReference<>();

	OAuthClientCredentials(TelemetryHttpClient http, JsonMapper json, URI tokenUri, String clientId,
			String clientSecret, Duration timeout, Clock clock) {
		this.http = http;
		this.json = json;
		this.tokenUri = tokenUri;
		this.clientId = clientId;
		this.clientSecret = clientSecret;
		this.timeout = timeout;
		this.clock = clock;
	}

	/** The token endpoint as an absolute http(s) URI with a host, else {@code null}. */
	static URI tokenUri(String tokenEndpoint) {
		if (tokenEndpoint == null) {
			return null;
		}
		try {
			URI uri = new URI(tokenEndpoint.trim());
			boolean web = "https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme());
			return (web && uri.getHost() != null) ? uri : null;
		}
		catch (URISyntaxException ex) {
			return null;
		}
	}

	@Override
	public Optional<String> bearerToken() {
		Instant now = this.clock.instant();
		Token current = this.token;
		if (current != null && now.isBefore(current.refreshAt())) {
			return Optional.of(current.value());
		}
		Instant failed = this.failedAt;
		boolean backingOff = failed != null && now.isBefore(failed.plus(RETRY_AFTER_FAILURE));
		CompletableFuture<Token> refresh = backingOff ? null : refresh();
		if (current != null && now.isBefore(current.expiresAt())) {
			return Optional.of(current.value());
		}
		if (refresh == null || Schedulers.isInNonBlockingThread()) {
			return Optional.empty();
		}
		try {
			return Optional.of(refresh.get(this.timeout.toNanos(), TimeUnit.NANOSECONDS).value());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return Optional.empty();
		}
		catch (ExecutionException | TimeoutException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/** Starts a token request unless one is running, whose future is then returned. */
	CompletableFuture<Token> refresh() {
		CompletableFuture<Token> mine = new CompletableFuture<>();
		CompletableFuture<Token> running = this.inFlight.compareAndExchange(null, mine);
		if (running != null) {
			return running;
		}
		try {
			if (this.http.isClosed()) {
				throw new IllegalStateException("Telemetry HTTP client closed");
			}
			this.http.start(this.http.webClient()
				.post()
				.uri(this.tokenUri)
				.headers((headers) -> {
					headers.setBasicAuth(this.clientId, this.clientSecret);
					headers.setContentType(MediaType.APPLICATION_FORM_URLENCODED);
					headers.setAccept(List.of(MediaType.APPLICATION_JSON));
				})
				.body(BodyInserters.fromFormData("grant_type", "client_credentials").with("scope", "all-apis"))
				.retrieve()
				// A redirect is not followed and, like any answer but 2xx, gives no token.
				.onStatus((status) -> !status.is2xxSuccessful(),
						(response) -> response.releaseBody()
							.then(Mono.error(new TelemetryHttpException(response.statusCode().value()))))
				.bodyToMono(String.class)
				.timeout(this.timeout, this.http.timer())
				.map(this::read))
				.whenComplete((token, ex) -> finish(mine, token, ex));
		}
		catch (Throwable ex) {
			finish(mine, null, ex);
		}
		return mine;
	}

	private void finish(CompletableFuture<Token> future, Token token, Throwable failure) {
		if (token != null) {
			this.token = token;
			this.failedAt = null;
		}
		else {
			this.failedAt = this.clock.instant();
			// Only the host: a configured token endpoint may carry anything in its path or query.
			logger.debug("OAuth token request to " + this.tokenUri.getHost() + " for telemetry failed: "
					+ ((failure != null) ? failure.getClass().getName() : "no token in the answer"));
		}
		this.inFlight.set(null);
		if (token != null) {
			future.complete(token);
		}
		else {
			future.completeExceptionally((failure != null) ? failure : new IllegalStateException("no access_token"));
		}
	}

	private Token read(String body) {
		JsonNode answer = this.json.readTree(body);
		JsonNode accessToken = answer.get("access_token");
		if (accessToken == null || !accessToken.isString() || accessToken.asString().isBlank()) {
			throw new IllegalStateException("The token endpoint's answer has no access_token");
		}
		JsonNode expiresIn = answer.get("expires_in");
		Duration lifetime = (expiresIn != null && expiresIn.canConvertToLong() && expiresIn.asLong() > 0)
				? Duration.ofSeconds(expiresIn.asLong()) : DEFAULT_LIFETIME;
		Instant now = this.clock.instant();
		Duration margin = (lifetime.compareTo(REFRESH_MARGIN.multipliedBy(2)) < 0) ? lifetime.dividedBy(2)
				: REFRESH_MARGIN;
		return new Token(accessToken.asString(), now.plus(lifetime).minus(margin), now.plus(lifetime));
	}

	@Override
	public String toString() {
		return "TokenSource[oauth client credentials]";
	}

	record Token(String value, Instant refreshAt, Instant expiresAt) {

		@Override
		public String toString() {
			return "Token[expiresAt=" + this.expiresAt + "]";
		}

	}

	/** Creates the credentials of each M2M data source on the starter's one HTTP client. */
	public static final class Factory {

		private final TelemetryHttpClient http;

		private final JsonMapper json = JsonMapper.builder().build();

		private final Duration timeout;

		private final Clock clock;

		private final boolean allowInsecure;

		/**
		 * @param http the client token requests are made with; its connect and response timeouts
		 * bound each request
		 * @param allowInsecure whether the client secret may be sent to a plain {@code http://}
		 * token endpoint ({@code databricks.telemetry.allow-insecure-endpoint})
		 */
		public Factory(TelemetryHttpClient http, Clock clock, boolean allowInsecure) {
			this.http = http;
			this.timeout = http.requestTimeout();
			this.clock = clock;
			this.allowInsecure = allowInsecure;
		}

		/**
		 * The credentials of one data source, asking {@code tokenEndpoint}. When the secret may not
		 * go there, no request is ever made: the data source's exports go unauthenticated, and one
		 * WARN (naming the data source, never the endpoint or the secret) says why.
		 */
		TokenSource create(String dataSourceName, String tokenEndpoint, String clientId, String clientSecret) {
			URI tokenUri = tokenUri(tokenEndpoint);
			if (tokenUri == null) {
				return refused(dataSourceName, "it names no absolute http(s) token endpoint");
			}
			if (!"https".equalsIgnoreCase(tokenUri.getScheme()) && !this.allowInsecure) {
				return refused(dataSourceName, "its token endpoint is plain http:// and the client secret is sent "
						+ "only over https (databricks.telemetry.allow-insecure-endpoint=true allows it)");
			}
			return new OAuthClientCredentials(this.http, this.json, tokenUri, clientId, clientSecret, this.timeout,
					this.clock);
		}

		private static TokenSource refused(String dataSourceName, String why) {
			logger.warn("No OAuth token is requested for telemetry of data source '" + dataSourceName + "': " + why
					+ ". Its telemetry is exported without credentials.");
			return new TokenSource() {

				@Override
				public Optional<String> bearerToken() {
					return Optional.empty();
				}

				@Override
				public String toString() {
					return "TokenSource[oauth client credentials, not requested]";
				}

			};
		}

	}

}
