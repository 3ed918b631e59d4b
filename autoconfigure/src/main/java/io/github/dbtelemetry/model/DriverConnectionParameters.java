package io.github.dbtelemetry.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How the connection was configured, as far as it is known without reading a credential.
 * Computed once per data source; fields left null are omitted from the payload. The fields and
 * their names are the Databricks JDBC driver's ({@code driver_connection_params}); the starter
 * fills a switch only when the data source's URL or connection properties state it.
 *
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriverConnectionParameters(
		@JsonProperty("http_path") String httpPath,
		@JsonProperty("mode") DatabricksClientType mode,
		@JsonProperty("host_info") HostDetails hostInfo,
		@JsonProperty("proxy_host_info") HostDetails proxyHostInfo,
		@JsonProperty("cf_proxy_host_info") HostDetails cfProxyHostInfo,
		@JsonProperty("auth_mech") AuthMech authMech,
		@JsonProperty("auth_flow") AuthFlow authFlow,
		@JsonProperty("auth_scope") String authScope,
		@JsonProperty("use_proxy") Boolean useProxy,
		@JsonProperty("use_system_proxy") Boolean useSystemProxy,
		@JsonProperty("use_cf_proxy") Boolean useCfProxy,
		@JsonProperty("enable_arrow") Boolean enableArrow,
		@JsonProperty("enable_direct_results") Boolean enableDirectResults,
		@JsonProperty("socket_timeout") Integer socketTimeout,
		@JsonProperty("string_column_length") Integer stringColumnLength,
		@JsonProperty("http_connection_pool_size") Integer httpConnectionPoolSize,
		@JsonProperty("rows_fetched_per_block") Integer rowsFetchedPerBlock,
		@JsonProperty("async_poll_interval_millis") Integer asyncPollIntervalMillis,
		@JsonProperty("ssl_trust_store_type") String sslTrustStoreType,
		@JsonProperty("check_certificate_revocation") Boolean checkCertificateRevocation,
		@JsonProperty("allow_self_signed_support") Boolean allowSelfSignedSupport,
		@JsonProperty("use_system_trust_store") Boolean useSystemTrustStore,
		@JsonProperty("accept_undetermined_certificate_revocation") Boolean acceptUndeterminedCertificateRevocation,
		@JsonProperty("discovery_mode_enabled") Boolean discoveryModeEnabled,
		@JsonProperty("use_empty_metadata") Boolean useEmptyMetadata,
		@JsonProperty("support_many_parameters") Boolean supportManyParameters,
		@JsonProperty("enable_complex_datatype_support") Boolean enableComplexDatatypeSupport,
		@JsonProperty("enable_geospatial_support") Boolean enableGeospatialSupport,
		@JsonProperty("enable_token_cache") Boolean enableTokenCache,
		@JsonProperty("enable_sea_hybrid_results") Boolean enableSeaHybridResults,
		@JsonProperty("enable_metric_view_metadata") Boolean enableMetricViewMetadata) {

	/** The parameters most callers know: path, mode, host and authentication. */
	public static DriverConnectionParameters of(String httpPath, DatabricksClientType mode, HostDetails hostInfo,
			AuthMech authMech, AuthFlow authFlow) {
		return new DriverConnectionParameters(httpPath, mode, hostInfo, null, null, authMech, authFlow, null, null,
				null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
				null, null, null, null, null, null);
	}
}
