package io.github.dbtelemetry.model;

/** {@code driver_connection_params.mode}: the server API the driver speaks. */
public enum DatabricksClientType {

	SEA, THRIFT, UNKNOWN

}
