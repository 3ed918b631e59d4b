package io.github.dbtelemetry.internal.jdbc;

import java.sql.SQLException;

/**
 * A driver call that telemetry observes, run by {@link StatementExecution#run}. What is called
 * and with what come in as parameters rather than captured from the caller, so that a lambda
 * written for it captures nothing: the JVM then makes it once, not once per statement.
 *
 * @param <S> what is called: a statement, or database metadata
 * @param <A> the call's argument beside the SQL text, or unused
 * @param <T> what the call returns
 */
@FunctionalInterface
interface SqlCall<S, A, T> {

	T call(S target, String sql, A argument) throws SQLException;

	/**
	 * A call that returns an update count, run by {@link StatementExecution#runCount}. The count
	 * stays a primitive: returned as a {@code T} it would be boxed, and a count beyond the
	 * {@link Integer} cache (more than 127 rows) would cost an object per update.
	 *
	 * @param <S> the statement called
	 * @param <A> the call's argument beside the SQL text, or unused
	 */
	@FunctionalInterface
	interface Count<S, A> {

		long call(S target, String sql, A argument) throws SQLException;

	}

}
