package io.github.dbtelemetry.e2e.fidelity;

import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Why the starter does not send what the Databricks JDBC driver sends, field by field: the one
 * place for these texts. {@code docs/wire-fidelity.md} shows a note beside every field whose
 * values differ in the comparison run; a field that differs without a note is shown as
 * unexplained there, which is the cue to add one here.
 */
final class FieldNotes {

	/** The kinds of reason. */
	enum Category {

		NOT_KNOWABLE("not knowable without a server call"),

		DRIVER_INTERNAL("driver-internal"),

		DELIBERATELY_DIFFERENT("deliberately different");

		private final String label;

		Category(String label) {
			this.label = label;
		}

		String label() {
			return this.label;
		}

	}

	record Note(Category category, String why) {
	}

	private record Entry(Pattern path, Note note) {
	}

	private static final String URL_SETTING = "A setting of the JDBC URL that this run's URL does not state, so the "
			+ "driver sent its own default. The starter sends such a setting only when the URL (or the pool's "
			+ "properties) states it, read as the driver reads it; it never repeats the driver's defaults, which "
			+ "are the driver's to change.";

	private static final List<Entry> NOTES = List.of(
			note("sql_statement_id", Category.NOT_KNOWABLE,
					"The driver's public API gives a server statement id only for a query's result set "
							+ "(`IDatabricksResultSet#getStatementId`). For an update, a failed statement and a metadata call "
							+ "it would take another server call, so the starter sends a generated id, unique per operation."),
			note("context.client_context.user_agent", Category.DELIBERATELY_DIFFERENT,
					"The starter names itself and the driver version it observes; the driver names its HTTP client."),
			note("system_configuration.driver_version", Category.DELIBERATELY_DIFFERENT,
					"The events are the starter's, so it reports its own version; the driver's is in the user agent."),
			note("system_configuration.driver_name", Category.DELIBERATELY_DIFFERENT,
					"`oss-jdbc` would make the workspace take the starter's events for the driver's own, which the "
							+ "export mode exists to keep apart."),
			note("system_configuration.locale_name", Category.DELIBERATELY_DIFFERENT,
					"The driver writes `<language>_null` when the locale has no country (a defect); the starter writes "
							+ "the language alone then, and `en_US` when there is one."),
			note("system_configuration.process_name", Category.DELIBERATELY_DIFFERENT,
					"The driver keeps the text after the last dot of the command, which is `jar` for every "
							+ "`java -jar` application; the starter sends the main class or the jar's file name."),
			note("system_configuration.client_app_name", Category.DELIBERATELY_DIFFERENT,
					"The starter sends `spring.application.name`; the driver sends an application name only when "
							+ "one is configured for it (the `app.name` system property or its own settings), as this "
							+ "run does not."),
			note("workspace_id", Category.DELIBERATELY_DIFFERENT,
					"The driver never fills it in (a known defect of both public drivers); the starter reads it from "
							+ "`databricks.telemetry.workspace-id`, an Azure host name, or the workspace's "
							+ "`x-databricks-org-id` header."),
			note("auth_type", Category.DELIBERATELY_DIFFERENT,
					"The driver 3.4.5 leaves it out; the starter sends it as the C# driver does (`pat`, "
							+ "`oauth-client_credentials`, ...)."),
			note("sql_operation.statement_type", Category.DELIBERATELY_DIFFERENT,
					"The driver 3.4.5 leaves it out of every event; the starter says which JDBC call ran the "
							+ "statement (`QUERY`, `UPDATE`, `SQL`, `METADATA`); like the driver, it sends none for a session."),
			note("sql_operation.operation_detail.operation_type", Category.DELIBERATELY_DIFFERENT,
					"The driver reports a failed execution as `TYPE_UNSPECIFIED`, with `error_info`; the starter keeps "
							+ "the operation's type (`EXECUTE_STATEMENT`) and adds `error_info`, so failures count "
							+ "with the operation they belong to."),
			note("operation_latency_ms", Category.DELIBERATELY_DIFFERENT,
					"The driver measures the server call only and sends no latency for a failed execution; the "
							+ "starter measures the JDBC call as the application waits for it, failures included."),
			note("sql_operation.result_latency.result_set_consumption_latency_millis", Category.DELIBERATELY_DIFFERENT,
					"The driver sends it when the statement closes (`CLOSE_STATEMENT`); the starter, which sends no "
							+ "such event, puts it on the execution's event."),
			note("error_info.stack_trace", Category.DELIBERATELY_DIFFERENT,
					"The driver sends the exception's message here, which echoes the SQL text; the starter never "
							+ "sends a message or a trace (see docs/privacy.md)."),
			note("error_info.error_name", Category.DELIBERATELY_DIFFERENT,
					"Both send the SQLSTATE when there is one; without one the starter sends the exception's "
							+ "simple class name."),
			note("sql_operation.(is_compressed|execution_result|chunk_id|chunk_details\\..*)", Category.DRIVER_INTERNAL,
					"How the server delivered the result (format, compression, chunks) is known only inside the "
							+ "driver: its public API (`IDatabricksResultSet`, `IDatabricksStatement`) does not tell it, "
							+ "so the starter does not send it rather than guess."),
			note("sql_operation.operation_detail.(n_operation_status_calls|operation_status_latency_millis)",
					Category.DRIVER_INTERNAL,
					"The driver polls the statement's status itself; the JDBC calls the starter sees do not show "
							+ "those polls."),
			note("sql_operation.java_uses_patched_arrow", Category.DRIVER_INTERNAL,
					"A fact about the driver's own Arrow build, which only the driver knows."),
			note("driver_connection_params.(discovery_mode_enabled|use_empty_metadata|enable_sea_hybrid_results"
					+ "|enable_token_cache|enable_jwt_assertion|enable_complex_datatype_support|accept_undetermined_"
					+ "certificate_revocation|support_many_parameters|allowed_volume_ingestion_paths"
					+ "|enable_geospatial_support|enable_metric_view_metadata|non_proxy_hosts)",
					Category.DRIVER_INTERNAL,
					"A switch internal to the driver, most of them without a documented URL setting and some new "
							+ "in recent driver versions: their defaults are the driver's to change, so the starter does "
							+ "not repeat them and never reports a value the driver did not use."),
			note("driver_connection_params\\..*", Category.DELIBERATELY_DIFFERENT, URL_SETTING));

	private FieldNotes() {
	}

	private static Entry note(String path, Category category, String why) {
		return new Entry(Pattern.compile(path), new Note(category, why));
	}

	/** The note of the first entry whose path pattern matches {@code path}. */
	static Optional<Note> of(String path) {
		return NOTES.stream().filter((entry) -> entry.path().matcher(path).matches()).map(Entry::note).findFirst();
	}

}
