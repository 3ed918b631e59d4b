package io.github.dbtelemetry.internal.jdbc;

import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;

/**
 * The {@link Statement} methods that a statement wrapper passes straight through: each calls the
 * wrapped statement with the same arguments and returns what it returned. What telemetry needs
 * (executions, result sets, closing) is in {@link TelemetryStatement}, which extends this class,
 * so that it shows only that. The interface's default methods are delegated too: the driver's
 * own implementation must run, not the JDK's fallback.
 *
 * <p>Public, though only this package extends it (its constructor is package-private): were
 * it package-private, the compiler would give its public subclass a bridge method for every
 * inherited method, a call more on each JDBC call the application makes.
 *
 * @param <S> the type of the wrapped statement
 */
public abstract class DelegatingStatement<S extends Statement> implements Statement {

	final S delegate;

	DelegatingStatement(S delegate) {
		this.delegate = delegate;
	}

	@Override
	public void addBatch(String arg) throws SQLException {
		this.delegate.addBatch(arg);
	}

	@Override
	public void cancel() throws SQLException {
		this.delegate.cancel();
	}

	@Override
	public void clearBatch() throws SQLException {
		this.delegate.clearBatch();
	}

	@Override
	public void clearWarnings() throws SQLException {
		this.delegate.clearWarnings();
	}

	@Override
	public void closeOnCompletion() throws SQLException {
		this.delegate.closeOnCompletion();
	}

	@Override
	public String enquoteIdentifier(String arg0, boolean arg1) throws SQLException {
		return this.delegate.enquoteIdentifier(arg0, arg1);
	}

	@Override
	public String enquoteLiteral(String arg) throws SQLException {
		return this.delegate.enquoteLiteral(arg);
	}

	@Override
	public String enquoteNCharLiteral(String arg) throws SQLException {
		return this.delegate.enquoteNCharLiteral(arg);
	}

	@Override
	public int getFetchDirection() throws SQLException {
		return this.delegate.getFetchDirection();
	}

	@Override
	public int getFetchSize() throws SQLException {
		return this.delegate.getFetchSize();
	}

	@Override
	public long getLargeMaxRows() throws SQLException {
		return this.delegate.getLargeMaxRows();
	}

	@Override
	public long getLargeUpdateCount() throws SQLException {
		return this.delegate.getLargeUpdateCount();
	}

	@Override
	public int getMaxFieldSize() throws SQLException {
		return this.delegate.getMaxFieldSize();
	}

	@Override
	public int getMaxRows() throws SQLException {
		return this.delegate.getMaxRows();
	}

	@Override
	public int getQueryTimeout() throws SQLException {
		return this.delegate.getQueryTimeout();
	}

	@Override
	public int getResultSetConcurrency() throws SQLException {
		return this.delegate.getResultSetConcurrency();
	}

	@Override
	public int getResultSetHoldability() throws SQLException {
		return this.delegate.getResultSetHoldability();
	}

	@Override
	public int getResultSetType() throws SQLException {
		return this.delegate.getResultSetType();
	}

	@Override
	public int getUpdateCount() throws SQLException {
		return this.delegate.getUpdateCount();
	}

	@Override
	public SQLWarning getWarnings() throws SQLException {
		return this.delegate.getWarnings();
	}

	@Override
	public boolean isCloseOnCompletion() throws SQLException {
		return this.delegate.isCloseOnCompletion();
	}

	@Override
	public boolean isClosed() throws SQLException {
		return this.delegate.isClosed();
	}

	@Override
	public boolean isPoolable() throws SQLException {
		return this.delegate.isPoolable();
	}

	@Override
	public boolean isSimpleIdentifier(String arg) throws SQLException {
		return this.delegate.isSimpleIdentifier(arg);
	}

	@Override
	public void setCursorName(String arg) throws SQLException {
		this.delegate.setCursorName(arg);
	}

	@Override
	public void setEscapeProcessing(boolean arg) throws SQLException {
		this.delegate.setEscapeProcessing(arg);
	}

	@Override
	public void setFetchDirection(int arg) throws SQLException {
		this.delegate.setFetchDirection(arg);
	}

	@Override
	public void setFetchSize(int arg) throws SQLException {
		this.delegate.setFetchSize(arg);
	}

	@Override
	public void setLargeMaxRows(long arg) throws SQLException {
		this.delegate.setLargeMaxRows(arg);
	}

	@Override
	public void setMaxFieldSize(int arg) throws SQLException {
		this.delegate.setMaxFieldSize(arg);
	}

	@Override
	public void setMaxRows(int arg) throws SQLException {
		this.delegate.setMaxRows(arg);
	}

	@Override
	public void setPoolable(boolean arg) throws SQLException {
		this.delegate.setPoolable(arg);
	}

	@Override
	public void setQueryTimeout(int arg) throws SQLException {
		this.delegate.setQueryTimeout(arg);
	}

	// A wrapper answers for itself first, then for what it wraps: callers reach the driver's
	// own interfaces through it, and find the wrapper behind a pool's proxy.
	@Override
	public <T> T unwrap(Class<T> iface) throws SQLException {
		return JdbcWrappers.unwrap(this, this.delegate, iface);
	}

	@Override
	public boolean isWrapperFor(Class<?> iface) throws SQLException {
		return JdbcWrappers.isWrapperFor(this, this.delegate, iface);
	}

}
