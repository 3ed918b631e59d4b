package io.github.dbtelemetry.internal.host;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import reactor.core.publisher.Mono;

import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;
import org.springframework.web.util.UriComponentsBuilder;

import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.internal.export.TelemetryHttpClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Performs one {@code GET .../connector-service/feature-flags/{driver}/{version}} and reduces the
 * response to a {@link FlagFetchResult}. Every failure (HTTP status, transport, timeout, bad
 * JSON, a throwing credentials provider, a redirect, which is never followed) becomes
 * {@link FlagFetchResult#failed()}; the returned future never completes exceptionally unless it is
 * cancelled. A server TTL is trusted up to {@link #MAX_SERVER_TTL}.
 */
public final class FeatureFlagFetcher {

	private static final Log logger = LogFactory.getLog(FeatureFlagFetcher.class);

	static final String ORG_ID_HEADER = "x-databricks-org-id";

	/** The longest a server's {@code ttl_seconds} is trusted: a typo there must not pin an answer for years. */
	static final Duration MAX_SERVER_TTL = Duration.ofDays(1);

	private final TelemetryHttpClient http;

	private final JsonMapper mapper;

	private final FeatureFlagSettings settings;

	private final boolean allowInsecure;

	/**
	 * @param http the client the requests are made with
	 * @param settings what to ask for and how long to trust the answer
	 * @param allowInsecure whether the bearer token may be sent to a plain {@code http://} base URL
	 */
	public FeatureFlagFetcher(TelemetryHttpClient http, FeatureFlagSettings settings, boolean allowInsecure) {
		this(http, JsonMapper.builder().build(), settings, allowInsecure);
	}

	FeatureFlagFetcher(TelemetryHttpClient http, JsonMapper mapper, FeatureFlagSettings settings,
			boolean allowInsecure) {
		this.http = http;
		this.mapper = mapper;
		this.settings = settings;
		this.allowInsecure = allowInsecure;
	}

	/** How long an answer is trusted when the server does not say. */
	Duration cacheTtl() {
		return this.settings.cacheTtl();
	}

	CompletableFuture<FlagFetchResult> fetch(String host, URI baseUrl, TokenSource credentials) {
		try {
			if (this.http.isClosed()) {
				return CompletableFuture.completedFuture(FlagFetchResult.failed());
			}
			URI uri = flagUri(baseUrl);
			// The scheme first: no credential is obtained for a request that may not carry it.
			Optional<String> token = mayCarryCredentials(baseUrl) ? credentials.bearerToken() : Optional.empty();
			Optional<String> bearer = (token != null) ? token : Optional.empty();
			return this.http.start(this.http.webClient()
				.get()
				.uri(uri)
				.headers((headers) -> {
					headers.setAccept(List.of(MediaType.APPLICATION_JSON));
					bearer.filter((value) -> !value.isBlank()).ifPresent(headers::setBearerAuth);
				})
				.exchangeToMono((response) -> read(host, response))
				.timeout(this.settings.fetchTimeout(), this.http.timer())
				.onErrorResume((ex) -> {
					// The exception may name the URL but never carries request headers, so the
					// token cannot leak through this message.
					logger.debug("Feature flag request for " + host + " failed: " + ex);
					return Mono.just(FlagFetchResult.failed());
				}));
		}
		catch (Throwable ex) {
			logger.debug("Feature flag request for " + host + " could not be started: " + ex.getClass().getName());
			return CompletableFuture.completedFuture(FlagFetchResult.failed());
		}
	}

	URI flagUri(URI baseUrl) {
		String base = baseUrl.toString();
		// A trailing slash in the configured base URL would otherwise produce "//api/...".
		while (base.endsWith("/")) {
			base = base.substring(0, base.length() - 1);
		}
		return UriComponentsBuilder.fromUriString(base)
			.pathSegment("api", "2.0", "connector-service", "feature-flags", this.settings.driverName(),
					this.settings.driverVersion())
			.build()
			.encode()
			.toUri();
	}

	private boolean mayCarryCredentials(URI baseUrl) {
		return "https".equalsIgnoreCase(baseUrl.getScheme()) || this.allowInsecure;
	}

	private Mono<FlagFetchResult> read(String host, ClientResponse response) {
		if (!response.statusCode().is2xxSuccessful()) {
			logger.debug("Feature flag request for " + host + " answered " + response.statusCode().value());
			return response.releaseBody().thenReturn(FlagFetchResult.failed());
		}
		Long workspaceId = parseWorkspaceId(response.headers().header(ORG_ID_HEADER));
		return response.bodyToMono(byte[].class)
			.defaultIfEmpty(new byte[0])
			.map((body) -> parse(host, body, workspaceId));
	}

	FlagFetchResult parse(String host, byte[] body, Long workspaceId) {
		if (body.length == 0) {
			logger.debug("Feature flag response for " + host + " had no body");
			return FlagFetchResult.failed();
		}
		JsonNode root;
		try {
			root = this.mapper.readTree(body);
		}
		catch (RuntimeException ex) {
			logger.debug("Feature flag response for " + host + " is not JSON: " + ex.getMessage());
			return FlagFetchResult.failed();
		}
		if (root == null || !root.isObject()) {
			logger.debug("Feature flag response for " + host + " is not a JSON object");
			return FlagFetchResult.failed();
		}
		return new FlagFetchResult(flagValue(root.get("flags")), serverTtl(root), workspaceId);
	}

	/** The telemetry flag's value; a missing flag means the server did not enable telemetry. */
	private boolean flagValue(JsonNode flags) {
		if (flags == null || !flags.isArray()) {
			return false;
		}
		for (JsonNode flag : flags.values()) {
			JsonNode name = flag.get("name");
			if (name != null && name.isString() && this.settings.flagName().equals(name.stringValue().strip())) {
				return isTrue(flag.get("value"));
			}
		}
		return false;
	}

	private static boolean isTrue(JsonNode value) {
		if (value == null) {
			return false;
		}
		if (value.isBoolean()) {
			return value.booleanValue();
		}
		// The protocol sends strings; servers are not consistent about case or whitespace.
		return value.isString() && "true".equalsIgnoreCase(value.stringValue().strip());
	}

	private static Duration serverTtl(JsonNode root) {
		// Both spellings have been seen in the wild.
		Duration ttl = seconds(root.get("ttl_seconds"));
		return (ttl != null) ? ttl : seconds(root.get("ttlSeconds"));
	}

	private static Duration seconds(JsonNode node) {
		if (node == null) {
			return null;
		}
		long seconds = -1;
		if (node.isNumber() && node.canConvertToLong()) {
			seconds = node.asLong();
		}
		else if (node.isString()) {
			try {
				seconds = Long.parseLong(node.stringValue().strip());
			}
			catch (NumberFormatException ex) {
				return null;
			}
		}
		if (seconds <= 0) {
			return null;
		}
		return (seconds < MAX_SERVER_TTL.toSeconds()) ? Duration.ofSeconds(seconds) : MAX_SERVER_TTL;
	}

	private static Long parseWorkspaceId(List<String> values) {
		if (values.isEmpty() || values.get(0) == null || values.get(0).isBlank()) {
			return null;
		}
		try {
			return Long.valueOf(values.get(0).strip());
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
