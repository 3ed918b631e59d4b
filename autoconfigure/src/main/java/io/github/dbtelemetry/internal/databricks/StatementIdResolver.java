package io.github.dbtelemetry.internal.databricks;

import java.sql.ResultSet;

/**
 * Gives the server's statement id of a result set where the driver tells it without a server
 * call, else {@code null}. Chosen once per data source, so that drivers that never tell are not
 * asked on every query.
 */
@FunctionalInterface
public interface StatementIdResolver {

	/** For drivers that do not tell: always {@code null}, at no cost. */
	StatementIdResolver NONE = (resultSet) -> null;

	String statementId(ResultSet resultSet);

}
