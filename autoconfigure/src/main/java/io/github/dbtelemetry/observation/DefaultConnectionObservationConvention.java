package io.github.dbtelemetry.observation;

import io.github.dbtelemetry.observation.DatabricksObservationDocumentation.ConnectionKeys;
import io.github.dbtelemetry.observation.DatabricksObservationDocumentation.HighCardinalityKeys;
import io.micrometer.common.KeyValue;
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

	/**
	 * The same instance for every checkout of the data source with the same outcome: made once,
	 * and recognised as unchanged when the observation stops.
	 */
	@Override
	public KeyValues getLowCardinalityKeyValues(ConnectionObservationContext context) {
		return context.keyValues().connection(ObservationOutcome.isError(context));
	}

	/**
	 * The session and what is known of the driver. They are the same for every checkout of a
	 * session, so those made for the session last time are handed out again while they still
	 * say the same; otherwise they are made as one array, not by adding one key value at a
	 * time, which would copy the set for each.
	 */
	@Override
	public KeyValues getHighCardinalityKeyValues(ConnectionObservationContext context) {
		String sessionId = context.getSessionId();
		String driverName = context.getDriverName();
		String driverVersion = context.getDriverVersion();
		String cloudFetch = (context.getCloudFetch() != null) ? context.getCloudFetch().toString() : null;
		String arrow = (context.getArrow() != null) ? context.getArrow().toString() : null;
		DataSourceKeyValues dataSource = context.keyValues();
		KeyValues kept = dataSource.connectionSession(sessionId);
		if (kept != null && says(kept, sessionId, driverName, driverVersion, cloudFetch, arrow)) {
			return kept;
		}
		KeyValue[] values = new KeyValue[count(sessionId) + count(driverName) + count(driverVersion)
				+ count(cloudFetch) + count(arrow)];
		int i = 0;
		if (sessionId != null) {
			values[i++] = HighCardinalityKeys.SESSION_ID.withValue(sessionId);
		}
		if (driverName != null) {
			values[i++] = ConnectionKeys.DRIVER_NAME.withValue(driverName);
		}
		if (driverVersion != null) {
			values[i++] = ConnectionKeys.DRIVER_VERSION.withValue(driverVersion);
		}
		if (cloudFetch != null) {
			values[i++] = ConnectionKeys.FEATURE_CLOUDFETCH.withValue(cloudFetch);
		}
		if (arrow != null) {
			values[i] = ConnectionKeys.FEATURE_ARROW.withValue(arrow);
		}
		KeyValues made = KeyValues.of(values);
		dataSource.keepConnectionSession(sessionId, made);
		return made;
	}

	/** Whether {@code keyValues} are exactly the given values, a {@code null} one being absent. */
	private static boolean says(KeyValues keyValues, String sessionId, String driverName, String driverVersion,
			String cloudFetch, String arrow) {
		int seen = 0;
		for (KeyValue keyValue : keyValues) {
			String key = keyValue.getKey();
			String expected;
			if (key.equals(HighCardinalityKeys.SESSION_ID.asString())) {
				expected = sessionId;
			}
			else if (key.equals(ConnectionKeys.DRIVER_NAME.asString())) {
				expected = driverName;
			}
			else if (key.equals(ConnectionKeys.DRIVER_VERSION.asString())) {
				expected = driverVersion;
			}
			else if (key.equals(ConnectionKeys.FEATURE_CLOUDFETCH.asString())) {
				expected = cloudFetch;
			}
			else if (key.equals(ConnectionKeys.FEATURE_ARROW.asString())) {
				expected = arrow;
			}
			else {
				return false;
			}
			if (!keyValue.getValue().equals(expected)) {
				return false;
			}
			seen++;
		}
		return seen == count(sessionId) + count(driverName) + count(driverVersion) + count(cloudFetch) + count(arrow);
	}

	private static int count(Object value) {
		return (value != null) ? 1 : 0;
	}

}
