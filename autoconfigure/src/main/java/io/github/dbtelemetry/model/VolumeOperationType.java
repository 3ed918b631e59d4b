package io.github.dbtelemetry.model;

/** {@code vol_operation.volume_operation_type}: Unity Catalog volume operations (rare).
 *
 * @since 0.1.0
 */
public enum VolumeOperationType {

	TYPE_UNSPECIFIED, PUT, GET, DELETE, LIST

}
