package io.github.dbtelemetry.model;

/** {@code proxy_auth_type} of a {@link HostDetails}. */
public enum ProxyAuthType {

	AUTH_UNSPECIFIED, NONE, BASIC, SPNEGO

}
