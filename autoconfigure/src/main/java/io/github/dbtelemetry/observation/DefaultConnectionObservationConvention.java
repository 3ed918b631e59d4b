package io.github.dbtelemetry.observation;

import io.github.dbtelemetry.observation.DatabricksObservationDocumentation.HighCardinalityKeys;
import io.github.dbtelemetry.observation.DatabricksObservationDocumentation.LowCardinalityKeys;
import io.micrometer.common.KeyValues;

/** Default {@link ConnectionObservationConvention}. */
public class DefaultConnectionObservationConvention implements ConnectionObservationConvention {

	@Override
	public String getName() {
		return DatabricksObservationDocumentation.CONNECTION.getName();
	}

	@Override
	public String getContextualName(ConnectionObservationContext context) {
		return DatabricksObservationDocumentation.CONNECTION.getContextualName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ConnectionObservationContext context) {
		return KeyValues.of(LowCardinalityKeys.OUTCOME.withValue(ObservationOutcome.of(context)),
				LowCardinalityKeys.HOST.withValue(context.getTarget().host()),
				LowCardinalityKeys.DATASOURCE.withValue(context.getTarget().dataSourceName()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ConnectionObservationContext context) {
		return (context.getSessionId() != null)
				? KeyValues.of(HighCardinalityKeys.SESSION_ID.withValue(context.getSessionId())) : KeyValues.empty();
	}

}
