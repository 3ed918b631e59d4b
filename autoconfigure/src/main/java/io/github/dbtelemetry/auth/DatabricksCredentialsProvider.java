package io.github.dbtelemetry.auth;

import java.util.Optional;

/**
 * Credentials the application supplies for telemetry, as a bean: for workspaces whose tokens the
 * JDBC URL does not carry (a token from a vault, a federated identity, an OAuth flow the starter
 * does not run itself). It is asked at every export and feature-flag call, so rotation is up to
 * it. An empty answer lets the starter use what the data source's URL or pool carries.
 * Implementations must never expose a token through {@code toString()}.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface DatabricksCredentialsProvider {

	/**
	 * The bearer token for a workspace host, or empty when this provider has none for it.
	 * @param host the workspace host, lower case, without port
	 */
	Optional<String> bearerToken(String host);

}
