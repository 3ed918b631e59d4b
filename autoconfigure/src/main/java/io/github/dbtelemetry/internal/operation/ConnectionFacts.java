package io.github.dbtelemetry.internal.operation;

/**
 * What is known about the driver and its features when a session opens; the same for every
 * session of a data source, so computed once. Fields are {@code null} when unknown.
 *
 * @param driverName the JDBC driver's name as it reports it
 * @param driverVersion the JDBC driver's version
 * @param cloudFetch whether results may be downloaded from cloud storage (Databricks
 * {@code EnableQueryResultDownload})
 * @param arrow whether results may come as Arrow (Databricks {@code EnableArrow})
 */
public record ConnectionFacts(String driverName, String driverVersion, Boolean cloudFetch, Boolean arrow) {

	public static final ConnectionFacts UNKNOWN = new ConnectionFacts(null, null, null, null);

}
