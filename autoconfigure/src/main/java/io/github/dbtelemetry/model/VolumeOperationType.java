package io.github.dbtelemetry.model;

/** {@code vol_operation.volume_operation_type}: Unity Catalog volume operations (rare). */
public enum VolumeOperationType {

	TYPE_UNSPECIFIED, PUT, GET, DELETE, LIST

}
