package io.github.dbtelemetry.pipeline;

/**
 * Whether a workspace wants telemetry, as the starter knows it now.
 *
 * @since 0.1.0
 */
public enum FeatureFlagState {

	/** The workspace said yes, or {@code force-enable} is set: events are exported. */
	ENABLED,

	/** The workspace said no, or could not be asked: events are discarded and counted. */
	DISABLED,

	/** The first answer is awaited: events are held in the bounded buffer until it comes. */
	UNKNOWN

}
