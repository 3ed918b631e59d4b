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
		Connection connection;
		try {
			connection = this.delegate.getConnection();
		}
		catch (SQLException | RuntimeException | Error ex) {
			attemptFailed(startNanos, ex);
			throw ex;
		}
		return instrument(connection, startNanos);
	}

	@Override
	public Connection getConnection(String username, String password) throws SQLException {
		if (this.telemetry instanceof DataSourceTelemetry observed && observesCheckouts(observed)) {
			return observed.checkOut(() -> this.delegate.getConnection(username, password));
		}
		long startNanos = System.nanoTime();
		Connection connection;
		try {
			connection = this.delegate.getConnection(username, password);
		}
		catch (SQLException | RuntimeException | Error ex) {
			attemptFailed(startNanos, ex);
			throw ex;
		}
		return instrument(connection, startNanos);
	}

	/**
	 * Reports a failed attempt to get a connection; the caller then rethrows the failure as it
	 * came. Before any connection has succeeded, a data source whose URL its pool told is set up
	 * from that URL alone (as announced at start-up), so that a data source that never connects
	 * still reports why; one whose URL only a connection tells cannot report it. Never throws.
	 */
	private void attemptFailed(long startNanos, Throwable failure) {
		try {
			Object current = this.telemetry;
			if (current == null && this.knownUrl != null) {
				current = decide(this.knownUrl, null);
			}
			if (current instanceof DataSourceTelemetry instrumented && !instrumented.isIdle()) {
				instrumented.attemptFailed(startNanos, failure);
			}
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("Could not report a failed connection attempt of " + this.dataSourceName, ex);
		}
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

	private Connection instrument(Connection connection, long startNanos) {
		if (connection == null) {
			return null;
		}
		Object current = this.telemetry;
		if (current == null) {
			current = decide(connection);
		}
		if (current instanceof DataSourceTelemetry instrumented) {
			try {
				return instrumented.isIdle() ? connection : instrumented.wrap(connection, startNanos);
			}
			catch (RuntimeException | LinkageError ex) {
				logger.debug("Could not instrument a connection of " + this.dataSourceName, ex);
			}
		}
		return connection;
	}

	private Object decide(Connection connection) {
		if (this.telemetry != null) {
			return this.telemetry;
		}
		try {
			DatabaseMetaData metaData = connection.getMetaData();
			String url = (this.knownUrl != null) ? this.knownUrl : metaData.getURL();
			return (url != null) ? decide(url, driverProduct(metaData)) : decided(NOT_INSTRUMENTED);
		}
		catch (SQLException | RuntimeException | LinkageError ex) {
			// not remembered: the next connection tries again
			logger.debug("Could not set up telemetry for data source " + this.dataSourceName, ex);
			return NOT_INSTRUMENTED;
		}
	}

	private synchronized Object decide(String url, String jdbcDriver) {
		if (this.telemetry != null) {
			return this.telemetry;
		}
		if (this.closed) {
			return NOT_INSTRUMENTED;
		}
		DataSourceTelemetry created = this.factory.get()
			.create(this.dataSourceName, url, this.delegate, jdbcDriver, this.knownUrl == null);
		this.telemetry = (created != null) ? created : NOT_INSTRUMENTED;
		return this.telemetry;
	}

	private synchronized Object decided(Object outcome) {
		if (this.telemetry == null && !this.closed) {
			this.telemetry = outcome;
		}
		return (this.telemetry != null) ? this.telemetry : NOT_INSTRUMENTED;
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

	/**
	 * Closes the wrapped pool, reports the sessions its closing ended, then releases the
	 * telemetry (which sends what is pending when it was the host's last data source).
	 */
	@Override
	public void close() throws Exception {
		Object current;
		synchronized (this) {
			this.closed = true;
			current = this.telemetry;
			this.telemetry = NOT_INSTRUMENTED;
		}
		DataSourceTelemetry instrumented = (current instanceof DataSourceTelemetry telemetry) ? telemetry : null;
		if (instrumented != null) {
			instrumented.poolClosing();
		}
		try {
			if (this.delegate instanceof AutoCloseable closeable) {
				closeable.close();
			}
		}
		finally {
			if (instrumented != null) {
				instrumented.poolClosed();
				instrumented.close();
			}
		}
	}

	/**
	 * The wrapped pool is about to be closed by someone else: a Spring context closes the pool
	 * bean it made, not this wrapper. The sessions open now are remembered, and those the pool's
	 * closing ends are reported when the engine closes, before its final flush.
	 */
	public void poolClosing() {
		if (this.telemetry instanceof DataSourceTelemetry instrumented) {
			instrumented.poolClosing();
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
