package io.github.dbtelemetry.observation;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Every observation key the starter sets and every field it exports, with where its value may
 * go and which events carry it. Declaring a key here is the only way for it to reach an exported
 * event: the event factory asks {@link TelemetryTagRegistry} before it writes each optional
 * field, so a new key is local until someone decides, in this one place, that it is safe to
 * send. Each entry is in use: written by the event factory or put on an observation. Keys that
 * nothing sets are not declared, since the registry never exports an unknown key anyway.
 *
 * @since 0.1.0
 */
public enum TelemetryTag {

	/** {@code workspace_id}: the workspace the events belong to. */
	WORKSPACE_ID("workspace.id", ExportScope.DATABRICKS_EXPORT, TelemetryEventType.values()),

	/** {@code session_id}: the server (or generated) session id. */
	SESSION_ID("session.id", ExportScope.DATABRICKS_EXPORT, TelemetryEventType.values()),

	/** {@code sql_statement_id}: the server (or generated) statement id. */
	STATEMENT_ID("statement.id", ExportScope.DATABRICKS_EXPORT, TelemetryEventType.STATEMENT_EXECUTION),

	/** {@code system_configuration.driver_version}: this starter's version. */
	DRIVER_VERSION("driver.version", ExportScope.DATABRICKS_EXPORT, TelemetryEventType.values()),

	/** {@code system_configuration.driver_name}: this starter's name. */
	DRIVER_NAME("driver.name", ExportScope.DATABRICKS_EXPORT, TelemetryEventType.values()),

	/**
	 * The rest of {@code system_configuration}: OS, runtime, locale, charset, application and
	 * process name (the main class only, never the command line).
	 */
	SYSTEM_CONFIGURATION("system.configuration", ExportScope.DATABRICKS_EXPORT, TelemetryEventType.values()),

	/** {@code driver_connection_params}: computed from the URL, never a credential. */
	CONNECTION_PARAMETERS("connection.parameters", ExportScope.DATABRICKS_EXPORT, TelemetryEventType.values()),

	/** {@code auth_type}: {@code pat}, {@code oauth-...} or {@code other}. */
	AUTH_TYPE("auth.type", ExportScope.DATABRICKS_EXPORT, TelemetryEventType.values()),

	/** {@code sql_operation.statement_type}; also a metric tag of the statement observation. */
	STATEMENT_TYPE("statement.type", ExportScope.BOTH, TelemetryEventType.CONNECTION_OPEN,
			TelemetryEventType.STATEMENT_EXECUTION),

	/** {@code sql_operation.operation_detail}: operation type and the internal-call flag. */
	OPERATION_TYPE("operation.type", ExportScope.DATABRICKS_EXPORT, TelemetryEventType.values()),

	/** {@code operation_latency_ms}. */
	LATENCY_OPERATION_MS("latency.operation_ms", ExportScope.DATABRICKS_EXPORT, TelemetryEventType.values()),

	/** {@code sql_operation.result_latency.result_set_consumption_latency_millis}. */
	LATENCY_RESULT_CONSUMPTION_MS("latency.result_consumption_ms", ExportScope.DATABRICKS_EXPORT,
			TelemetryEventType.STATEMENT_EXECUTION),

	/** {@code error_info.error_name}: the SQLSTATE or the exception's simple class name. */
	ERROR_NAME("error.name", ExportScope.DATABRICKS_EXPORT, TelemetryEventType.values()),

	/**
	 * The workspace host: a metric tag. The exported {@code host_info} is part of
	 * {@link #CONNECTION_PARAMETERS}.
	 */
	HOST("host", ExportScope.BOTH, TelemetryEventType.values()),

	/** The data source bean name: a metric tag. */
	DATASOURCE("datasource", ExportScope.BOTH, TelemetryEventType.values()),

	/** {@code success} or {@code error}: a metric tag. */
	OUTCOME("outcome", ExportScope.BOTH, TelemetryEventType.values()),

	/** The SQL text: carries table names and literals. Recorded only on explicit opt-in. */
	DB_STATEMENT("db.statement", ExportScope.LOCAL_ONLY, TelemetryEventType.STATEMENT_EXECUTION),

	/** The exception's class name as a tracing attribute; its exported form is {@link #ERROR_NAME}. */
	ERROR_TYPE("error.type", ExportScope.LOCAL_ONLY, TelemetryEventType.values()),

	/** CloudFetch enabled on the connection: for tracing; export carries connection parameters instead. */
	FEATURE_CLOUDFETCH("feature.cloudfetch", ExportScope.LOCAL_ONLY, TelemetryEventType.CONNECTION_OPEN),

	/** Arrow results enabled on the connection: for tracing. */
	FEATURE_ARROW("feature.arrow", ExportScope.LOCAL_ONLY, TelemetryEventType.CONNECTION_OPEN);

	private final String key;

	private final ExportScope scope;

	// The events whose payload can carry this key; asked through exportableIn only.
	private final Set<TelemetryEventType> eventTypes;

	TelemetryTag(String key, ExportScope scope, TelemetryEventType... eventTypes) {
		this.key = key;
		this.scope = scope;
		this.eventTypes = EnumSet.noneOf(TelemetryEventType.class);
		Collections.addAll(this.eventTypes, eventTypes);
	}

	/** The observation key, as used in tracing attributes and metric tags. */
	public String key() {
		return this.key;
	}

	public ExportScope scope() {
		return this.scope;
	}

	/** Whether this key may be written into an exported event of the given type. */
	public boolean exportableIn(TelemetryEventType eventType) {
		return this.scope.exportsToDatabricks() && this.eventTypes.contains(eventType);
	}

}
