package io.github.dbtelemetry.observation;

import java.util.Objects;

import io.github.dbtelemetry.internal.operation.DatabricksOperation;
import io.micrometer.observation.Observation;

/**
 * Base of the contexts of Databricks observations: a read-only view, for conventions and
 * observation handlers, of one operation of the JDBC wrappers. The facts live in an internal
 * carrier that the wrappers fill and the exported event is built from; the context only reads
 * it, so a handler or convention can see what is exported but not change it.
 *
 * @since 0.1.0
 */
public abstract sealed class DatabricksObservationContext extends Observation.Context
		permits ConnectionObservationContext, StatementObservationContext {

	private final DatabricksOperation operation;

	DatabricksObservationContext(DatabricksOperation operation) {
		this.operation = Objects.requireNonNull(operation, "operation");
	}

	/** The session id (the server's where the driver tells it, else generated); {@code null} if unknown. */
	public String getSessionId() {
		return this.operation.getSessionId();
	}

	/** The bean name of the data source. */
	public String getDataSourceName() {
		return this.operation.getTarget().dataSourceName();
	}

	/** The workspace host, lower case, without port. */
	public String getHost() {
		return this.operation.getTarget().host();
	}

	/** When the operation started, in {@link System#nanoTime()} units. */
	public long getStartNanos() {
		return this.operation.getStartNanos();
	}

	/** When the operation ended, in {@link System#nanoTime()} units; 0 while it runs. */
	public long getEndNanos() {
		return this.operation.getEndNanos();
	}

	/** How long the operation took: the exported {@code operation_latency_ms}; 0 while it runs. */
	public long getDurationNanos() {
		return this.operation.getDurationNanos();
	}

	/**
	 * The failure of the operation, as thrown to the application, or {@code null}. Only its
	 * SQLSTATE or class name is exported; the rest stays in this process.
	 */
	public Throwable getFailure() {
		return this.operation.getFailure();
	}

}
