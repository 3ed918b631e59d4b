package io.github.dbtelemetry.export;

import java.util.Optional;

/**
 * Supplies the bearer token for a workspace at the moment of an export, so that a refreshed or
 * replaced credential is used instead of the one seen first. Implementations must never expose
 * the token through {@code toString()}.
 */
@FunctionalInterface
public interface CredentialsProvider {

	/** No credentials: exports go to {@code /telemetry-unauth}. */
	CredentialsProvider NONE = Optional::empty;

	Optional<String> bearerToken();

}
