package io.github.dbtelemetry.model;

/** {@code proxy_auth_type} of a {@link HostDetails}.
 *
 * @since 0.1.0
 */
public enum ProxyAuthType {

	AUTH_UNSPECIFIED, NONE, BASIC, SPNEGO

}
