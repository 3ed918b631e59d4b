package io.github.dbtelemetry.autoconfigure;

import java.net.http.HttpClient;
import java.sql.DatabaseMetaData;
import java.util.List;

import org.jspecify.annotations.Nullable;

import org.springframework.aot.hint.BindingReflectionHintsRegistrar;
import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeReference;

import io.github.dbtelemetry.internal.OptionalLibraries;
import io.github.dbtelemetry.model.AuthFlow;
import io.github.dbtelemetry.model.AuthMech;
import io.github.dbtelemetry.model.ChunkDetails;
import io.github.dbtelemetry.model.DatabricksClientType;
import io.github.dbtelemetry.model.DriverConnectionParameters;
import io.github.dbtelemetry.model.DriverErrorInfo;
import io.github.dbtelemetry.model.DriverSystemConfiguration;
import io.github.dbtelemetry.model.DriverVolumeOperation;
import io.github.dbtelemetry.model.ExecutionResultFormat;
import io.github.dbtelemetry.model.FrontendLogContext;
import io.github.dbtelemetry.model.FrontendLogEntry;
import io.github.dbtelemetry.model.HostDetails;
import io.github.dbtelemetry.model.OperationDetail;
import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.ProxyAuthType;
import io.github.dbtelemetry.model.ResultLatency;
import io.github.dbtelemetry.model.SqlExecutionEvent;
import io.github.dbtelemetry.model.StatementType;
import io.github.dbtelemetry.model.TelemetryClientContext;
import io.github.dbtelemetry.model.TelemetryEvent;
import io.github.dbtelemetry.model.TelemetryFrontendLog;
import io.github.dbtelemetry.model.TelemetryRequest;
import io.github.dbtelemetry.model.VolumeOperationType;

/**
 * What a GraalVM native image of an application using the starter needs and cannot find out by
 * itself: everything the starter reaches by reflection, by resource name or through a JDK proxy.
 * Spring's AOT processing finds this class through {@code META-INF/spring/aot.factories}; on the
 * JVM, with or without AOT, the hints are never read.
 *
 * <ul>
 * <li>The wire model is serialized by Jackson, which finds constructors, record accessors, fields
 * and its annotations by reflection; a type without hints would be written as an empty object or
 * fail, and every export would carry nothing the workspace can read.</li>
 * <li>Two properties files are read at start: this starter's version (the system configuration of
 * every event) and the Databricks JDBC driver's Maven {@code pom.properties} (the version the
 * feature-flag URL names). A native image holds no resource it was not told about, and both would
 * silently fall back to "unknown" and to the starter's version.</li>
 * <li>Database metadata is wrapped in a JDK dynamic proxy whose handler calls the driver's
 * metadata through the interface's {@link java.lang.reflect.Method}s.</li>
 * <li>{@code HttpClient.shutdownNow()} (Java 21 and later) is looked up by name so that the
 * starter still runs on Java 17.</li>
 * <li>The optional Databricks driver and HikariCP are detected with {@code Class.forName}; a
 * native image answers "absent" for a class that is not registered, even when it is there.</li>
 * <li>An instrumented pool keeps its own class through a subclass generated at run time, after
 * its methods are looked up by name. A native image cannot generate classes: there the subclass
 * fails, the starter falls back to a plain instrumented {@code DataSource}, and a pool injected
 * by its class ({@code HikariDataSource}) is not found. Registering {@code HikariDataSource} makes
 * its methods visible, so that the look-up before that answers instead of failing.</li>
 * </ul>
 */
class DatabricksTelemetryRuntimeHints implements RuntimeHintsRegistrar {

	/**
	 * Every record and enum of the wire model. Listed rather than scanned: a native image cannot
	 * scan packages, and the hints must name each type at build time. The tests check that the
	 * list is complete.
	 */
	static final List<Class<?>> WIRE_MODEL = List.of(AuthFlow.class, AuthMech.class, ChunkDetails.class,
			DatabricksClientType.class, DriverConnectionParameters.class, DriverErrorInfo.class,
			DriverSystemConfiguration.class, DriverVolumeOperation.class, ExecutionResultFormat.class,
			FrontendLogContext.class, FrontendLogEntry.class, HostDetails.class, OperationDetail.class,
			OperationType.class, ProxyAuthType.class, ResultLatency.class, SqlExecutionEvent.class,
			StatementType.class, TelemetryClientContext.class, TelemetryEvent.class, TelemetryFrontendLog.class,
			TelemetryRequest.class, VolumeOperationType.class);

	/** This starter's version, read by {@code SystemConfigurations}. */
	static final String STARTER_VERSION = "io/github/dbtelemetry/version.properties";

	/** The Databricks JDBC driver's version, read by {@code DriverVersions}; absent without the driver. */
	static final String DRIVER_POM_PROPERTIES = "META-INF/maven/com.databricks/databricks-jdbc/pom.properties";

	/** The type whose presence tells {@link OptionalLibraries} that the Databricks driver is there. */
	static final TypeReference DRIVER_CONNECTION = TypeReference.of("com.databricks.jdbc.api.IDatabricksConnection");

	/**
	 * Looked up by name by {@link OptionalLibraries} (for the post-processor, the pool's
	 * credentials and its result sets); its methods by {@code TypePreservingDataSource}, which
	 * registering the type allows.
	 */
	static final TypeReference HIKARI_DATA_SOURCE = TypeReference.of("com.zaxxer.hikari.HikariDataSource");

	@Override
	public void registerHints(RuntimeHints hints, @Nullable ClassLoader classLoader) {
		new BindingReflectionHintsRegistrar().registerReflectionHints(hints.reflection(),
				WIRE_MODEL.toArray(Class<?>[]::new));
		// Patterns, not resources: a pattern that matches nothing (no driver) is simply unused.
		hints.resources().registerPattern(STARTER_VERSION).registerPattern(DRIVER_POM_PROPERTIES);
		hints.proxies().registerJdkProxy(DatabaseMetaData.class);
		hints.reflection().registerType(DatabaseMetaData.class, MemberCategory.INVOKE_PUBLIC_METHODS);
		// By name: the method does not exist on Java 17, where the build may run.
		hints.reflection()
			.registerType(HttpClient.class, (type) -> type.withMethod("shutdownNow", List.of(), ExecutableMode.INVOKE));
		// By name, since both are optional: a hint for a class that is not there is ignored. Only
		// OptionalLibraries looks the driver up, so its hint applies once that class is used.
		hints.reflection().registerType(DRIVER_CONNECTION, (type) -> type.onReachableType(OptionalLibraries.class));
		hints.reflection().registerType(HIKARI_DATA_SOURCE);
	}

}
