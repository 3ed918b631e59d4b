package io.github.dbtelemetry.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

@JsonInclude(JsonInclude.Include.NON_NULL)
public record DriverVolumeOperation(
		@JsonProperty("volume_operation_type") VolumeOperationType volumeOperationType,
		@JsonProperty("volume_path") String volumePath) {
}
