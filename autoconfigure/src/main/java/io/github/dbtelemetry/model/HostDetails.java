package io.github.dbtelemetry.model;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A host as the JDBC driver reports it: {@code host_url} is the base URL with scheme and port,
 * {@code port} is 0.
 *
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record HostDetails(
		@JsonProperty("host_url") String hostUrl,
		@JsonProperty("port") Integer port,
		@JsonProperty("proxy_auth_type") ProxyAuthType proxyAuthType,
		@JsonProperty("non_proxy_hosts") List<String> nonProxyHosts) {

	public HostDetails {
		nonProxyHosts = (nonProxyHosts != null) ? List.copyOf(nonProxyHosts) : null;
	}

	/** The JDBC driver's form for a workspace host. */
	public static HostDetails ofBaseUrl(String baseUrl) {
		return new HostDetails(baseUrl, 0, null, null);
	}
}
