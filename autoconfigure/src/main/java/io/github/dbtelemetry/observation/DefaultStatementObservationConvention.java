package io.github.dbtelemetry.observation;

import io.github.dbtelemetry.observation.DatabricksObservationDocumentation.HighCardinalityKeys;
import io.github.dbtelemetry.observation.DatabricksObservationDocumentation.LowCardinalityKeys;
import io.micrometer.common.KeyValues;

/** Default {@link StatementObservationConvention}.
 *
 * @since 0.1.0
 */
public class DefaultStatementObservationConvention implements StatementObservationConvention {

	@Override
	public String getName() {
		return DatabricksObservationDocumentation.STATEMENT.getName();
	}

	@Override
	public String getContextualName(StatementObservationContext context) {
		return DatabricksObservationDocumentation.STATEMENT.getContextualName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(StatementObservationContext context) {
		return KeyValues.of(LowCardinalityKeys.STATEMENT_TYPE.withValue(context.getStatementType().name()),
				LowCardinalityKeys.OUTCOME.withValue(ObservationOutcome.of(context)),
				LowCardinalityKeys.HOST.withValue(context.getHost()),
				LowCardinalityKeys.DATASOURCE.withValue(context.getDataSourceName()));
	}

	@Override
	public KeyValues getHighCardinalityKeyValues(StatementObservationContext context) {
		KeyValues values = KeyValues.empty();
		if (context.getSessionId() != null) {
			values = values.and(HighCardinalityKeys.SESSION_ID.withValue(context.getSessionId()));
		}
		if (context.getStatementId() != null) {
			values = values.and(HighCardinalityKeys.STATEMENT_ID.withValue(context.getStatementId()));
		}
		if (context.getSqlText() != null) {
			values = values.and(HighCardinalityKeys.DB_STATEMENT.withValue(context.getSqlText()));
		}
		if (context.getFailure() != null) {
			values = values.and(HighCardinalityKeys.ERROR_TYPE.withValue(context.getFailure().getClass().getName()));
		}
		return values;
	}

}
