package io.github.dbtelemetry.e2e.fidelity;

/**
 * The steps of the {@link FidelityWorkload}, in the order it runs them: what each event of either
 * side is matched to, so that the two are compared step by step.
 */
enum WorkloadStep {

	OPEN_FIRST("open connection 1"),

	OPEN_SECOND("open connection 2"),

	QUERY_ONE_ROW("one-row query (connection 1)"),

	QUERY_ROWS("multi-row query"),

	UPDATE("update"),

	FAILING("failing query"),

	METADATA("metadata call (getCatalogs)"),

	PREPARED_FIRST("prepared query, first run"),

	PREPARED_SECOND("prepared query, second run"),

	QUERY_SECOND_CONNECTION("one-row query (connection 2)"),

	CLOSE_FIRST("close connection 1"),

	CLOSE_SECOND("close connection 2"),

	/** What no step of the workload explains, such as the driver's report of a failed flag call. */
	OUTSIDE("outside the workload");

	private final String label;

	WorkloadStep(String label) {
		this.label = label;
	}

	String label() {
		return this.label;
	}

}
