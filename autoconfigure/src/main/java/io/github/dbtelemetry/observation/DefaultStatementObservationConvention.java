package io.github.dbtelemetry.observation;

import io.github.dbtelemetry.observation.DatabricksObservationDocumentation.HighCardinalityKeys;
import io.micrometer.common.KeyValue;
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

	/**
	 * The same instance for every statement of the data source with the same type and outcome:
	 * made once, and recognised as unchanged when the observation stops.
	 */
	@Override
	public KeyValues getLowCardinalityKeyValues(StatementObservationContext context) {
		return context.keyValues()
			.statement(context.getStatementType(), ObservationOutcome.isError(context));
	}

	/**
	 * The session, the server's statement id, the SQL text and the error type, where known. Most
	 * statements tell only their session: those get the key values kept for it. The others get
	 * theirs made as one array, not by adding one key value at a time, which would copy the set
	 * for each: the convention is asked at start and at stop of every statement.
	 */
	@Override
	public KeyValues getHighCardinalityKeyValues(StatementObservationContext context) {
		String sessionId = context.getSessionId();
		String statementId = context.getStatementId();
		String sqlText = context.getSqlText();
		Throwable failure = context.getFailure();
		if (sessionId != null && statementId == null && sqlText == null && failure == null) {
			return context.keyValues().statementSession(sessionId);
		}
		KeyValue[] values = new KeyValue[count(sessionId) + count(statementId) + count(sqlText) + count(failure)];
		int i = 0;
		if (sessionId != null) {
			values[i++] = HighCardinalityKeys.SESSION_ID.withValue(sessionId);
		}
		if (statementId != null) {
			values[i++] = HighCardinalityKeys.STATEMENT_ID.withValue(statementId);
		}
		if (sqlText != null) {
			values[i++] = HighCardinalityKeys.DB_STATEMENT.withValue(sqlText);
		}
		if (failure != null) {
			values[i] = HighCardinalityKeys.ERROR_TYPE.withValue(failure.getClass().getName());
		}
		return KeyValues.of(values);
	}

	private static int count(Object value) {
		return (value != null) ? 1 : 0;
	}

}
