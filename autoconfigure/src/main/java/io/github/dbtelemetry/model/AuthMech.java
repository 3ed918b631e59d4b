package io.github.dbtelemetry.model;

/** {@code driver_connection_params.auth_mech}.
 *
 * @since 0.1.0
 */
public enum AuthMech {

	OTHER, PAT, OAUTH

}
