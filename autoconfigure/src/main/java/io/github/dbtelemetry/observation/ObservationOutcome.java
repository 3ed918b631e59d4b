package io.github.dbtelemetry.observation;

/** The two values of the {@code outcome} key. */
final class ObservationOutcome {

	static final String SUCCESS = "success";

	static final String ERROR = "error";

	private ObservationOutcome() {
	}

	static boolean isError(DatabricksObservationContext context) {
		return context.getFailure() != null;
	}

}
