package io.github.dbtelemetry.export;

import java.net.URI;
import java.util.Objects;

import io.github.dbtelemetry.auth.TokenSource;

/**
 * Where one host's telemetry goes.
 *
 * @param host the workspace host (the key of per-host state)
 * @param baseUrl {@code https://host[:port]}, or the configured endpoint override
 * @param credentials the live source of the bearer token
 * @param allowInsecure whether a token may be sent over plain {@code http://}
 * @since 0.1.0
 */
public record TelemetryEndpoint(String host, URI baseUrl, TokenSource credentials, boolean allowInsecure) {

	public TelemetryEndpoint {
		Objects.requireNonNull(host, "host");
		Objects.requireNonNull(baseUrl, "baseUrl");
		Objects.requireNonNull(credentials, "credentials");
	}

	/** Whether a token may travel to this endpoint: always over HTTPS, over HTTP only if allowed. */
	public boolean mayCarryCredentials() {
		return "https".equalsIgnoreCase(this.baseUrl.getScheme()) || this.allowInsecure;
	}

	@Override
	public String toString() {
		return "TelemetryEndpoint[host=" + this.host + ", baseUrl=" + this.baseUrl + "]";
	}

}
