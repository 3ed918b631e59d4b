package io.github.dbtelemetry.internal;

/**
 * The optional libraries the starter knows, looked up once by the name of a class of theirs. A
 * class that names one of their types is loaded only after its flag here says the library is
 * present. A native image answers "absent" for a class its hints do not register.
 */
public final class OptionalLibraries {

	/** HikariCP: its data source's settings and its result set proxy. */
	public static final boolean HIKARI = isPresent("com.zaxxer.hikari.HikariDataSource");

	/** The Databricks JDBC driver's public API: the server's session and statement ids. */
	public static final boolean DATABRICKS_DRIVER = isPresent("com.databricks.jdbc.api.IDatabricksConnection");

	private OptionalLibraries() {
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, OptionalLibraries.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

}
