package io.github.dbtelemetry.internal.host;

import java.util.concurrent.CompletableFuture;

/**
 * Whether the workspace wants telemetry from this client right now. While the answer is
 * {@link State#UNKNOWN} events are held in the bounded buffer; the answer then sends or
 * discards them.
 */
@FunctionalInterface
public interface FeatureFlagGate {

	/** Telemetry enabled without asking the server ({@code force-enable}). */
	FeatureFlagGate FORCED = () -> State.ENABLED;

	State state();

	/**
	 * The workspace id the workspace told with its answer ({@code x-databricks-org-id}), or
	 * {@code null} when it did not.
	 */
	default Long workspaceId() {
		return null;
	}

	/** Completes with the first definite answer; for gates that always know, at once. */
	default CompletableFuture<State> firstAnswer() {
		return CompletableFuture.completedFuture(state());
	}

	enum State {

		ENABLED, DISABLED, UNKNOWN

	}

}
