package io.github.dbtelemetry.internal.host;

import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.pipeline.FeatureFlagState;

/** Whether the workspace wants telemetry right now, and the workspace id it told with its answer. */
@FunctionalInterface
interface FeatureFlagGate {

	/** Telemetry enabled without asking the server ({@code force-enable}). */
	FeatureFlagGate FORCED = () -> FeatureFlagState.ENABLED;

	FeatureFlagState state();

	/** The workspace id the workspace told ({@code x-databricks-org-id}), or {@code null}. */
	default @Nullable Long workspaceId() {
		return null;
	}

}
