package io.github.dbtelemetry.observation;

import io.github.dbtelemetry.internal.operation.StatementOperation;
import io.github.dbtelemetry.internal.operation.TelemetryTarget;

import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.StatementType;

/**
 * Context of one statement execution, from the execute call to the end of its result (result
 * set closed or read to the end, statement closed, or connection closed).
 */
public final class StatementObservationContext extends DatabricksObservationContext {

	public StatementObservationContext(TelemetryTarget target, String sessionId, StatementType statementType,
			OperationType operationType, long startNanos, long startEpochMillis) {
		this(new StatementOperation(target, sessionId, statementType, operationType, startNanos, startEpochMillis));
	}

	public StatementObservationContext(StatementOperation operation) {
		super(operation);
	}

	@Override
	public StatementOperation getOperation() {
		return (StatementOperation) super.getOperation();
	}

	public StatementType getStatementType() {
		return getOperation().getStatementType();
	}

	public OperationType getOperationType() {
		return getOperation().getOperationType();
	}

	/** The server's statement id where the driver gives it, else one generated locally. */
	public String getStatementId() {
		return getOperation().getStatementId();
	}

	public void setStatementId(String statementId) {
		getOperation().setStatementId(statementId);
	}

	/** When the execute call returned; 0 while it runs. */
	public long getExecutedNanos() {
		return getOperation().getExecutedNanos();
	}

	public void setExecutedNanos(long executedNanos) {
		getOperation().setExecutedNanos(executedNanos);
	}

	/**
	 * The SQL text, set only when local SQL recording is explicitly enabled; it is a local-only
	 * key and never reaches an exported event.
	 */
	public String getSqlText() {
		return getOperation().getSqlText();
	}

	public void setSqlText(String sqlText) {
		getOperation().setSqlText(sqlText);
	}

	/** Time spent reading the result after the execute call returned. */
	public long getResultConsumptionNanos() {
		return getOperation().getResultConsumptionNanos();
	}

}
