package io.github.dbtelemetry.internal.event;

import java.io.InputStream;
import java.nio.charset.Charset;
import java.util.Locale;
import java.util.Properties;

import io.github.dbtelemetry.model.DriverSystemConfiguration;

/**
 * The {@code system_configuration} of this process. The JVM facts are read once per class
 * loader: they cannot change while the JVM runs.
 */
public final class SystemConfigurations {

	/** The name this starter reports as {@code driver_name}. */
	public static final String DRIVER_NAME = "databricks-telemetry-spring-boot";

	private static final DriverSystemConfiguration JVM = readJvm();

	private SystemConfigurations() {
	}

	/** This starter's version, from the build. */
	public static String starterVersion() {
		return JVM.driverVersion();
	}

	/** The configuration for an application; {@code applicationName} may be {@code null}. */
	public static DriverSystemConfiguration forApplication(String applicationName) {
		return new DriverSystemConfiguration(JVM.driverVersion(), JVM.osName(), JVM.osVersion(), JVM.osArch(),
				JVM.runtimeName(), JVM.runtimeVersion(), JVM.runtimeVendor(), applicationName, JVM.localeName(),
				JVM.driverName(), JVM.charSetEncoding(), JVM.processName());
	}

	/** {@code DatabricksTelemetrySpringBoot/<version>}, plus the JDBC driver in use when known. */
	public static String userAgent(String jdbcDriver) {
		String agent = "DatabricksTelemetrySpringBoot/" + starterVersion();
		return (jdbcDriver != null && !jdbcDriver.isBlank()) ? agent + " " + jdbcDriver : agent;
	}

	private static DriverSystemConfiguration readJvm() {
		return new DriverSystemConfiguration(readVersion(), System.getProperty("os.name"),
				System.getProperty("os.version"), System.getProperty("os.arch"), System.getProperty("java.vm.name"),
				System.getProperty("java.version"), System.getProperty("java.vendor"), null,
				localeName(Locale.getDefault()), DRIVER_NAME, Charset.defaultCharset().name(), processName());
	}

	// en_US when the country is set, en alone when it is not (never "en_null").
	static String localeName(Locale locale) {
		String country = locale.getCountry();
		return (country == null || country.isEmpty()) ? locale.getLanguage() : locale.getLanguage() + "_" + country;
	}

	// The main class or jar only: the rest of the command line may hold secrets.
	static String processName() {
		String command = System.getProperty("sun.java.command", "");
		String first = command.isBlank() ? "java" : command.trim().split("\\s+", 2)[0];
		int slash = Math.max(first.lastIndexOf('/'), first.lastIndexOf('\\'));
		return (slash >= 0) ? first.substring(slash + 1) : first;
	}

	private static String readVersion() {
		try (InputStream in = SystemConfigurations.class.getResourceAsStream("/io/github/dbtelemetry/version.properties")) {
			if (in != null) {
				Properties properties = new Properties();
				properties.load(in);
				String version = properties.getProperty("version");
				if (version != null && !version.startsWith("$")) {
					return version;
				}
			}
		}
		catch (Exception ex) {
			// fall through to the unknown version
		}
		return "unknown";
	}

}
