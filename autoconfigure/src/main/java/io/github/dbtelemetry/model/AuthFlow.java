package io.github.dbtelemetry.model;

/** {@code driver_connection_params.auth_flow}.
 *
 * @since 0.1.0
 */
public enum AuthFlow {

	TOKEN_PASSTHROUGH, CLIENT_CREDENTIALS, BROWSER_BASED_AUTHENTICATION, AZURE_MANAGED_IDENTITIES

}
