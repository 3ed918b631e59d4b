package io.github.dbtelemetry.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A Unity Catalog volume operation ({@code vol_operation}); not filled by the starter.
 *
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriverVolumeOperation(
		@JsonProperty("volume_operation_type") VolumeOperationType volumeOperationType,
		@JsonProperty("volume_path") String volumePath) {
}
