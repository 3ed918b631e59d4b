package io.github.dbtelemetry.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/** Naming and key values of statement observations; declare a bean to replace the default.
 *
 * @since 0.1.0
 */
public interface StatementObservationConvention extends ObservationConvention<StatementObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof StatementObservationContext;
	}

}
