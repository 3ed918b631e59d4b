package io.github.dbtelemetry.internal.databricks;

import java.sql.Connection;

/**
 * Gives the session id of a new physical connection: the server's id where the driver exposes
 * it, else a generated one.
 */
@FunctionalInterface
public interface SessionIdResolver {

	String sessionId(Connection physicalConnection);

}
