package io.github.dbtelemetry.auth;

import java.util.Optional;

/**
 * The bearer token of one data source's principal, asked at each request so that a refreshed or
 * rotated credential is used instead of the one seen first. Implementations must never expose
 * the token through {@code toString()}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface TokenSource {

	/** No credentials: exports go to {@code /telemetry-unauth}. */
	TokenSource NONE = Optional::empty;

	/**
	 * The token to send now, or empty when there is none. May block for a token request on a
	 * telemetry thread; never called on a JDBC caller's thread.
	 */
	Optional<String> bearerToken();

}
