package io.github.dbtelemetry.model;

/**
 * {@code driver_connection_params.mode}: the server API the driver speaks. Left out when the
 * data source's URL does not say.
 *
 * @since 0.1.0
 */
public enum DatabricksClientType {

	SEA, THRIFT

}
