package io.github.dbtelemetry.observation;

import io.github.dbtelemetry.internal.operation.ConnectionFacts;
import io.github.dbtelemetry.internal.operation.ConnectionOperation;

/**
 * Context of the observation of a new Databricks session (a physical connection opened, or an
 * attempt that failed), or of a pool checkout where every checkout is observed. Read-only, like
 * every context of this starter.
 *
 * @since 0.1.0
 */
public final class ConnectionObservationContext extends DatabricksObservationContext {

	/**
	 * Made by the starter's JDBC wrappers when they see a new session; applications receive
	 * contexts from Micrometer and have no reason to make one.
	 */
	public ConnectionObservationContext(ConnectionOperation connection) {
		super(connection);
	}

	/** The JDBC driver's name as it reports it, or {@code null} when unknown. */
	public String getDriverName() {
		return facts().driverName();
	}

	/** The JDBC driver's version, or {@code null} when unknown. */
	public String getDriverVersion() {
		return facts().driverVersion();
	}

	/**
	 * Whether results may be downloaded from cloud storage (Databricks
	 * {@code EnableQueryResultDownload}), or {@code null} when unknown or not a Databricks driver.
	 */
	public Boolean getCloudFetch() {
		return facts().cloudFetch();
	}

	/** Whether results may come as Arrow (Databricks {@code EnableArrow}), or {@code null} when unknown. */
	public Boolean getArrow() {
		return facts().arrow();
	}

	private ConnectionFacts facts() {
		return ((ConnectionOperation) operation()).getFacts();
	}

}
