package io.github.dbtelemetry.observation;

import io.github.dbtelemetry.observation.DatabricksObservationDocumentation.ConnectionKeys;
import io.github.dbtelemetry.observation.DatabricksObservationDocumentation.HighCardinalityKeys;
import io.github.dbtelemetry.observation.DatabricksObservationDocumentation.LowCardinalityKeys;
import io.micrometer.common.KeyValues;

/** Default {@link ConnectionObservationConvention}.
 *
 * @since 0.1.0
 */
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
				LowCardinalityKeys.HOST.withValue(context.getHost()),
				LowCardinalityKeys.DATASOURCE.withValue(context.getDataSourceName()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(ConnectionObservationContext context) {
		KeyValues values = KeyValues.empty();
		if (context.getSessionId() != null) {
			values = values.and(HighCardinalityKeys.SESSION_ID.withValue(context.getSessionId()));
		}
		if (context.getDriverName() != null) {
			values = values.and(ConnectionKeys.DRIVER_NAME.withValue(context.getDriverName()));
		}
		if (context.getDriverVersion() != null) {
			values = values.and(ConnectionKeys.DRIVER_VERSION.withValue(context.getDriverVersion()));
		}
		if (context.getCloudFetch() != null) {
			values = values.and(ConnectionKeys.FEATURE_CLOUDFETCH.withValue(context.getCloudFetch().toString()));
		}
		if (context.getArrow() != null) {
			values = values.and(ConnectionKeys.FEATURE_ARROW.withValue(context.getArrow().toString()));
		}
		return values;
	}

}
