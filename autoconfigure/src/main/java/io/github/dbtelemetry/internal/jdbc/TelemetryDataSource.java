package io.github.dbtelemetry.internal.jdbc;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.function.Supplier;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * A data source whose connections report telemetry. Whether it instruments at all is decided
 * from the JDBC URL: at wrap time when the pool tells it, else on the first connection (from the
 * connection's metadata, which costs no server call) and remembered. When the answer is no, the
 * driver's own connections are handed out as they are.
 *
 * <p>Closing it releases its telemetry and closes the wrapped pool, so the inferred destroy
 * method of a {@code DataSource} bean keeps working.
 */
public class TelemetryDataSource implements DataSource, AutoCloseable {

	private static final Log logger = LogFactory.getLog(TelemetryDataSource.class);

	private static final Object NOT_INSTRUMENTED = new Object();

	private final DataSource delegate;

	private final String dataSourceName;

	private final String knownUrl;

	private final Supplier<DataSourceTelemetryFactory> factory;

	// the pool's getConnection(), made once rather than per observed checkout
	private final DataSourceTelemetry.ConnectionSource pool;

	// null until decided; then a DataSourceTelemetry or NOT_INSTRUMENTED
	private volatile Object telemetry;

	private volatile boolean closed;

	public TelemetryDataSource(DataSource delegate, String dataSourceName, String knownUrl,
			Supplier<DataSourceTelemetryFactory> factory) {
		this.delegate = delegate;
		this.dataSourceName = dataSourceName;
		this.knownUrl = knownUrl;
		this.factory = factory;
		this.pool = delegate::getConnection;
	}

	/**
	 * Whether a data source is one of ours, directly or behind another wrapper (for example a
	 * lazy-connection proxy).
	 */
	public static boolean isInstrumented(DataSource dataSource) {
		if (dataSource instanceof TelemetryDataSource) {
			return true;
		}
		try {
			return dataSource.isWrapperFor(TelemetryDataSource.class);
		}
		catch (SQLException | RuntimeException ex) {
			return false;
		}
	}

	public DataSource getDelegate() {
		return this.delegate;
	}

	public String getDataSourceName() {
		return this.dataSourceName;
	}

	@Override
	public Connection getConnection() throws SQLException {
		if (this.telemetry instanceof DataSourceTelemetry observed && observesCheckouts(observed)) {
			return observed.checkOut(this.pool);
		}
		long startNanos = System.nanoTime();
		long startMillis = System.currentTimeMillis();
		return instrument(this.delegate.getConnection(), startNanos, startMillis);
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		if (this.telemetry instanceof DataSourceTelemetry observed && observesCheckouts(observed)) {
			return observed.checkOut(() -> this.delegate.getConnection(username, password));
		}
		long startNanos = System.nanoTime();
		long startMillis = System.currentTimeMillis();
		return instrument(this.delegate.getConnection(username, password), startNanos, startMillis);
	}

	// With metrics or tracing on, getting a connection is observed as a whole; without, the
	// checkout costs nothing beyond the identification of new sessions.
	private boolean observesCheckouts(DataSourceTelemetry telemetry) {
		try {
			return telemetry.observesCheckouts();
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not tell whether checkouts of " + this.dataSourceName + " are observed", ex);
			return false;
		}
	}

	private Connection instrument(Connection connection, long startNanos, long startMillis) {
		if (connection == null) {
			return null;
		}
		Object current = this.telemetry;
		if (current == null) {
			current = decide(connection);
		}
		if (current instanceof DataSourceTelemetry instrumented) {
			try {
				return instrumented.isIdle() ? connection : instrumented.wrap(connection, startNanos, startMillis);
			}
			catch (RuntimeException | LinkageError ex) {
				logger.debug("Could not instrument a connection of " + this.dataSourceName, ex);
			}
		}
		return connection;
	}

	private synchronized Object decide(Connection connection) {
		if (this.telemetry != null) {
			return this.telemetry;
		}
		if (this.closed) {
			return NOT_INSTRUMENTED;
		}
		try {
			DatabaseMetaData metaData = connection.getMetaData();
			String url = (this.knownUrl != null) ? this.knownUrl : metaData.getURL();
			DataSourceTelemetry created = (url != null)
					? this.factory.get()
						.create(this.dataSourceName, url, this.delegate, driverProduct(metaData), this.knownUrl == null)
					: null;
			this.telemetry = (created != null) ? created : NOT_INSTRUMENTED;
		}
		catch (SQLException | RuntimeException | LinkageError ex) {
			// not remembered: the next connection tries again
			logger.debug("Could not set up telemetry for data source " + this.dataSourceName, ex);
			return NOT_INSTRUMENTED;
		}
		return this.telemetry;
	}

	/**
	 * The driver as a user-agent product, {@code Name/version}: white space and other characters
	 * that a product token may not hold become dashes.
	 */
	static String driverProduct(DatabaseMetaData metaData) {
		try {
			String name = metaData.getDriverName();
			String version = metaData.getDriverVersion();
			if (name == null || name.isBlank()) {
				return null;
			}
			String product = name.trim().replaceAll("[^A-Za-z0-9._-]+", "-");
			if (version == null || version.isBlank()) {
				return product;
			}
			return product + "/" + version.trim().split("\\s+", 2)[0].replaceAll("[^A-Za-z0-9._-]+", "-");
		}
		catch (SQLException | RuntimeException ex) {
			return null;
		}
	}

	/** Whether connections are instrumented; {@code null} while not yet decided. */
	public Boolean isInstrumented() {
		Object current = this.telemetry;
		return (current != null) ? current instanceof DataSourceTelemetry : null;
	}

	@Override
	public void close() throws Exception {
		Object current;
		synchronized (this) {
			this.closed = true;
			current = this.telemetry;
			this.telemetry = NOT_INSTRUMENTED;
		}
		if (current instanceof DataSourceTelemetry instrumented) {
			instrumented.close();
		}
		if (this.delegate instanceof AutoCloseable closeable) {
			closeable.close();
		}
	}

	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
		return JdbcWrappers.unwrap(this, this.delegate, iface);
	}

	@Override
	public boolean isWrapperFor(Class<?> iface) throws SQLException {
		return JdbcWrappers.isWrapperFor(this, this.delegate, iface);
	}

	@Override
	public PrintWriter getLogWriter() throws SQLException {
		return this.delegate.getLogWriter();
	}

	@Override
	public void setLogWriter(PrintWriter out) throws SQLException {
		this.delegate.setLogWriter(out);
	}

	@Override
	public void setLoginTimeout(int seconds) throws SQLException {
		this.delegate.setLoginTimeout(seconds);
	}

	@Override
	public int getLoginTimeout() throws SQLException {
		return this.delegate.getLoginTimeout();
	}

	@Override
	public Logger getParentLogger() throws SQLFeatureNotSupportedException {
		return this.delegate.getParentLogger();
	}

	@Override
	public String toString() {
		return "TelemetryDataSource[" + this.dataSourceName + " -> " + this.delegate + "]";
	}

}
