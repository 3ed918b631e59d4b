package io.github.dbtelemetry.internal.operation;

import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.StatementType;

/**
 * One statement execution, from the execute call to the end of its result (result set closed or
 * read to the end, statement closed, or connection closed).
 */
public final class StatementOperation extends DatabricksOperation {

	private final StatementType statementType;

	private final OperationType operationType;

	private String statementId;

	private long executedNanos;

	private String sqlText;

	public StatementOperation(TelemetryTarget target, String sessionId, StatementType statementType,
			OperationType operationType, long startNanos, long startEpochMillis) {
		super(target, sessionId, startNanos, startEpochMillis);
		this.statementType = statementType;
		this.operationType = operationType;
	}

	public StatementType getStatementType() {
		return this.statementType;
	}

	public OperationType getOperationType() {
		return this.operationType;
	}

	/** The server's statement id where the driver gives it, else {@code null} (one is generated for export). */
	public String getStatementId() {
		return this.statementId;
	}

	public void setStatementId(String statementId) {
		this.statementId = statementId;
	}

	/** When the execute call returned; 0 while it runs. */
	public long getExecutedNanos() {
		return this.executedNanos;
	}

	public void setExecutedNanos(long executedNanos) {
		this.executedNanos = executedNanos;
	}

	/**
	 * The SQL text, set only when local SQL recording is explicitly enabled; it is a local-only
	 * key and never reaches an exported event.
	 */
	public String getSqlText() {
		return this.sqlText;
	}

	public void setSqlText(String sqlText) {
		this.sqlText = sqlText;
	}

	/** As {@link DatabricksOperation#keepOnlyWhatIsExported()}, and the SQL text (local only) goes too. */
	@Override
	public void keepOnlyWhatIsExported() {
		super.keepOnlyWhatIsExported();
		this.sqlText = null;
	}

	/** Time spent reading the result after the execute call returned. */
	public long getResultConsumptionNanos() {
		if (this.executedNanos == 0 || getEndNanos() == 0) {
			return 0;
		}
		return Math.max(0, getEndNanos() - this.executedNanos);
	}

}
