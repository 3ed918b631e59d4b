package io.github.dbtelemetry.model;

/** {@code statement_type}: which JDBC call ran the operation. */
public enum StatementType {

	NONE, QUERY, SQL, UPDATE, METADATA

}
