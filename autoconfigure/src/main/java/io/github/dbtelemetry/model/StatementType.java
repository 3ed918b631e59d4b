package io.github.dbtelemetry.model;

/** {@code statement_type}: which JDBC call ran the operation.
 *
 * @since 0.1.0
 */
public enum StatementType {

	QUERY, SQL, UPDATE, METADATA

}
