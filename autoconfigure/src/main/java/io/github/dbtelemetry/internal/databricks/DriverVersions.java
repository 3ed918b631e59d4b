package io.github.dbtelemetry.internal.databricks;

import java.io.InputStream;
import java.util.Properties;

import io.github.dbtelemetry.internal.event.SystemConfigurations;

/**
 * The version the feature-flag URL names: the Databricks JDBC driver's when it is on the
 * classpath (the workspace keys its answer by driver version), else this starter's.
 */
public final class DriverVersions {

	private static final String DATABRICKS_JDBC_POM = "META-INF/maven/com.databricks/databricks-jdbc/pom.properties";

	private DriverVersions() {
	}

	public static String featureFlagVersion() {
		String driver = databricksJdbcVersion();
		return (driver != null) ? driver : SystemConfigurations.starterVersion();
	}

	public static String databricksJdbcVersion() {
		try (InputStream in = DriverVersions.class.getClassLoader().getResourceAsStream(DATABRICKS_JDBC_POM)) {
			if (in == null) {
				return null;
			}
			Properties properties = new Properties();
			properties.load(in);
			String version = properties.getProperty("version");
			return (version != null && !version.isBlank()) ? version.trim() : null;
		}
		catch (Exception ex) {
			return null;
		}
	}

}
