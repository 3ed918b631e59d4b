package io.github.dbtelemetry.model;

/** {@code driver_connection_params.auth_mech}. */
public enum AuthMech {

	OTHER, PAT, OAUTH

}
