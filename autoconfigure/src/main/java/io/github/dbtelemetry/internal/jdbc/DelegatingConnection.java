package io.github.dbtelemetry.internal.jdbc;

import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Connection;
import java.sql.NClob;
import java.sql.SQLClientInfoException;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Savepoint;
import java.sql.ShardingKey;
import java.sql.Struct;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.Executor;

/**
 * The {@link Connection} methods that a connection wrapper passes straight through:
 * transactions, settings, client info, LOB factories. What telemetry needs (wrapping the
 * statements and metadata it hands out, ending open executions on close) is in
 * {@link TelemetryConnection}. The interface's default methods are delegated too.
 *
 * <p>Public, though only this package extends it (its constructor is package-private): were
 * it package-private, the compiler would give its public subclass a bridge method for every
 * inherited method, a call more on each JDBC call the application makes.
 */
public abstract class DelegatingConnection implements Connection {

	final Connection delegate;

	DelegatingConnection(Connection delegate) {
		this.delegate = delegate;
	}

	@Override
	public void abort(Executor arg) throws SQLException {
		this.delegate.abort(arg);
	}

	@Override
	public void beginRequest() throws SQLException {
		this.delegate.beginRequest();
	}

	@Override
	public void clearWarnings() throws SQLException {
		this.delegate.clearWarnings();
	}

	@Override
	public void commit() throws SQLException {
		this.delegate.commit();
	}

	@Override
	public Array createArrayOf(String arg0, Object[] arg1) throws SQLException {
		return this.delegate.createArrayOf(arg0, arg1);
	}

	@Override
	public Blob createBlob() throws SQLException {
		return this.delegate.createBlob();
	}

	@Override
	public Clob createClob() throws SQLException {
		return this.delegate.createClob();
	}

	@Override
	public NClob createNClob() throws SQLException {
		return this.delegate.createNClob();
	}

	@Override
	public SQLXML createSQLXML() throws SQLException {
		return this.delegate.createSQLXML();
	}

	@Override
	public Struct createStruct(String arg0, Object[] arg1) throws SQLException {
		return this.delegate.createStruct(arg0, arg1);
	}

	@Override
	public void endRequest() throws SQLException {
		this.delegate.endRequest();
	}

	@Override
	public boolean getAutoCommit() throws SQLException {
		return this.delegate.getAutoCommit();
	}

	@Override
	public String getCatalog() throws SQLException {
		return this.delegate.getCatalog();
	}

	@Override
	public Properties getClientInfo() throws SQLException {
		return this.delegate.getClientInfo();
	}

	@Override
	public String getClientInfo(String arg) throws SQLException {
		return this.delegate.getClientInfo(arg);
	}

	@Override
	public int getHoldability() throws SQLException {
		return this.delegate.getHoldability();
	}

	@Override
	public int getNetworkTimeout() throws SQLException {
		return this.delegate.getNetworkTimeout();
	}

	@Override
	public String getSchema() throws SQLException {
		return this.delegate.getSchema();
	}

	@Override
	public int getTransactionIsolation() throws SQLException {
		return this.delegate.getTransactionIsolation();
	}

	@Override
	public Map<String, Class<?>> getTypeMap() throws SQLException {
		return this.delegate.getTypeMap();
	}

	@Override
	public SQLWarning getWarnings() throws SQLException {
		return this.delegate.getWarnings();
	}

	@Override
	public boolean isClosed() throws SQLException {
		return this.delegate.isClosed();
	}

	@Override
	public boolean isReadOnly() throws SQLException {
		return this.delegate.isReadOnly();
	}

	@Override
	public boolean isValid(int arg) throws SQLException {
		return this.delegate.isValid(arg);
	}

	@Override
	public String nativeSQL(String arg) throws SQLException {
		return this.delegate.nativeSQL(arg);
	}

	@Override
	public void releaseSavepoint(Savepoint arg) throws SQLException {
		this.delegate.releaseSavepoint(arg);
	}

	@Override
	public void rollback() throws SQLException {
		this.delegate.rollback();
	}

	@Override
	public void rollback(Savepoint arg) throws SQLException {
		this.delegate.rollback(arg);
	}

	@Override
	public void setAutoCommit(boolean arg) throws SQLException {
		this.delegate.setAutoCommit(arg);
	}

	@Override
	public void setCatalog(String arg) throws SQLException {
		this.delegate.setCatalog(arg);
	}

	@Override
	public void setClientInfo(Properties arg) throws SQLClientInfoException {
		this.delegate.setClientInfo(arg);
	}

	@Override
	public void setClientInfo(String arg0, String arg1) throws SQLClientInfoException {
		this.delegate.setClientInfo(arg0, arg1);
	}

	@Override
	public void setHoldability(int arg) throws SQLException {
		this.delegate.setHoldability(arg);
	}

	@Override
	public void setNetworkTimeout(Executor arg0, int arg1) throws SQLException {
		this.delegate.setNetworkTimeout(arg0, arg1);
	}

	@Override
	public void setReadOnly(boolean arg) throws SQLException {
		this.delegate.setReadOnly(arg);
	}

	@Override
	public Savepoint setSavepoint() throws SQLException {
		return this.delegate.setSavepoint();
	}

	@Override
	public Savepoint setSavepoint(String arg) throws SQLException {
		return this.delegate.setSavepoint(arg);
	}

	@Override
	public void setSchema(String arg) throws SQLException {
		this.delegate.setSchema(arg);
	}

	@Override
	public void setShardingKey(ShardingKey arg) throws SQLException {
		this.delegate.setShardingKey(arg);
	}

	@Override
	public void setShardingKey(ShardingKey arg0, ShardingKey arg1) throws SQLException {
		this.delegate.setShardingKey(arg0, arg1);
	}

	@Override
	public boolean setShardingKeyIfValid(ShardingKey arg0, int arg1) throws SQLException {
		return this.delegate.setShardingKeyIfValid(arg0, arg1);
	}

	@Override
	public boolean setShardingKeyIfValid(ShardingKey arg0, ShardingKey arg1, int arg2) throws SQLException {
		return this.delegate.setShardingKeyIfValid(arg0, arg1, arg2);
	}

	@Override
	public void setTransactionIsolation(int arg) throws SQLException {
		this.delegate.setTransactionIsolation(arg);
	}

	@Override
	public void setTypeMap(Map<String, Class<?>> arg) throws SQLException {
		this.delegate.setTypeMap(arg);
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
