package io.github.dbtelemetry.internal.host;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.pipeline.FeatureFlagState;

/**
 * Whether the workspace wants telemetry right now, and the workspace id it told with its answer.
 * A host's gate is its {@link FeatureFlag}, or {@link #FORCED} when export is forced on.
 */
@FunctionalInterface
interface FeatureFlagGate {

	/** Telemetry enabled without asking the server ({@code force-enable}). */
	FeatureFlagGate FORCED = () -> FeatureFlagState.ENABLED;

	FeatureFlagState state();

	/** The workspace id the workspace told ({@code x-databricks-org-id}), or {@code null}. */
	default @Nullable Long workspaceId() {
		return null;
	}

	/**
	 * Completes with the first definite answer; at once for a gate that always knows. Dependent
	 * actions may run on an HTTP client thread and must not block.
	 */
	default CompletableFuture<FeatureFlagState> firstAnswer() {
		return CompletableFuture.completedFuture(state());
	}

	/** When the workspace last answered, or {@code null}: never, or not asked. */
	default @Nullable Instant answeredAt() {
		return null;
	}

	/** Whether the answer comes from configuration rather than from the workspace. */
	default boolean isForced() {
		return true;
	}

	/** Asks the workspace for the first time, on {@code executor}; never on the caller's thread. */
	default void start(Executor executor) {
	}

	/** Asks the workspace again when its answer has expired. */
	default void refreshIfExpired() {
	}

	/** Cancels a request in progress. */
	default void close() {
	}

}
