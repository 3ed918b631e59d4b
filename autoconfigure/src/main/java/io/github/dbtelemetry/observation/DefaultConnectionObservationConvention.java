package io.github.dbtelemetry.observation;

import io.github.dbtelemetry.internal.operation.ConnectionFacts;

import io.github.dbtelemetry.observation.DatabricksObservationDocumentation.ConnectionKeys;
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
		KeyValues values = KeyValues.empty();
		if (context.getSessionId() != null) {
			values = values.and(HighCardinalityKeys.SESSION_ID.withValue(context.getSessionId()));
		}
		ConnectionFacts facts = context.getFacts();
		if (facts.driverName() != null) {
			values = values.and(ConnectionKeys.DRIVER_NAME.withValue(facts.driverName()));
		}
		if (facts.driverVersion() != null) {
			values = values.and(ConnectionKeys.DRIVER_VERSION.withValue(facts.driverVersion()));
		}
		if (facts.cloudFetch() != null) {
			values = values.and(ConnectionKeys.FEATURE_CLOUDFETCH.withValue(facts.cloudFetch().toString()));
		}
		if (facts.arrow() != null) {
			values = values.and(ConnectionKeys.FEATURE_ARROW.withValue(facts.arrow().toString()));
		}
		return values;
	}

}
