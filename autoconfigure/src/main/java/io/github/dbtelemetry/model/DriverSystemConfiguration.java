package io.github.dbtelemetry.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/** Facts about the client process; they do not change while the JVM runs.
 *
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "driver_version", "os_name", "os_version", "os_arch", "runtime_name", "runtime_version",
		"runtime_vendor", "client_app_name", "locale_name", "driver_name", "char_set_encoding", "process_name" })
public record DriverSystemConfiguration(
		@JsonProperty("driver_version") String driverVersion,
		@JsonProperty("os_name") String osName,
		@JsonProperty("os_version") String osVersion,
		@JsonProperty("os_arch") String osArch,
		@JsonProperty("runtime_name") String runtimeName,
		@JsonProperty("runtime_version") String runtimeVersion,
		@JsonProperty("runtime_vendor") String runtimeVendor,
		@JsonProperty("client_app_name") String clientAppName,
		@JsonProperty("locale_name") String localeName,
		@JsonProperty("driver_name") String driverName,
		@JsonProperty("char_set_encoding") String charSetEncoding,
		@JsonProperty("process_name") String processName) {
}
