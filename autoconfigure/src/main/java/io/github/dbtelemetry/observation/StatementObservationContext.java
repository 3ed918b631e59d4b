package io.github.dbtelemetry.observation;

import io.github.dbtelemetry.internal.operation.StatementOperation;
import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.StatementType;

/**
 * Context of one statement execution, from the execute call to the end of its result (result
 * set closed or read to the end, statement closed, or connection closed). Read-only: the JDBC
 * wrappers record the execution, observation handlers only look at it.
 *
 * @since 0.1.0
 */
public final class StatementObservationContext extends DatabricksObservationContext {

	/**
	 * Made by the starter's JDBC wrappers around the execution they record; applications receive
	 * contexts from Micrometer and have no reason to make one.
	 */
	public StatementObservationContext(StatementOperation statement) {
		super(statement);
	}

	/** {@code QUERY}, {@code UPDATE}, {@code SQL} or {@code METADATA}: the statement's metric tag. */
	public StatementType getStatementType() {
		return statement().getStatementType();
	}

	/** The JDBC call that ran, as the exported {@code operation_type} names it. */
	public OperationType getOperationType() {
		return statement().getOperationType();
	}

	/**
	 * The server's statement id where the driver tells it, else {@code null}: the exported event
	 * then carries a generated one, which is not known here.
	 */
	public String getStatementId() {
		return statement().getStatementId();
	}

	/**
	 * The SQL text, only when {@code databricks.telemetry.observation.record-sql-text} is set,
	 * else {@code null}. It stays in this process: no exported event carries it.
	 */
	public String getSqlText() {
		return statement().getSqlText();
	}

	/** Time spent reading the result after the execute call returned; 0 while it runs. */
	public long getResultConsumptionNanos() {
		return statement().getResultConsumptionNanos();
	}

	private StatementOperation statement() {
		return (StatementOperation) operation();
	}

}
