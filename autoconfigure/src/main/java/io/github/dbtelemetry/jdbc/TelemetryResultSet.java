package io.github.dbtelemetry.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLWarning;
import java.sql.SQLXML;
import java.sql.Statement;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * A result set whose end (closed, or read to the last row) ends the observed execution that
 * produced it, so result consumption is part of the statement's latency.
 */
public class TelemetryResultSet implements ResultSet {

	private final ResultSet delegate;

	private final Statement statement;

	private final StatementExecution execution;

	TelemetryResultSet(ResultSet delegate, Statement statement, StatementExecution execution) {
		this.delegate = delegate;
		this.statement = statement;
		this.execution = execution;
		if (execution != null) {
			execution.resultReady(delegate);
		}
	}

	/** The result set this one wraps. */
	public ResultSet getDelegate() {
		return this.delegate;
	}

	@Override
	public boolean next() throws SQLException {
		try {
			boolean more = this.delegate.next();
			if (!more && this.execution != null) {
				this.execution.finish();
			}
			return more;
		}
		catch (Throwable ex) {
			if (this.execution != null) {
				this.execution.failed(ex);
			}
			throw ex;
		}
	}

	@Override
	public void close() throws SQLException {
		try {
			this.delegate.close();
		}
		finally {
			if (this.execution != null) {
				this.execution.finish();
			}
		}
	}

	@Override
	public Statement getStatement() throws SQLException {
		return (this.statement != null) ? this.statement : this.delegate.getStatement();
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
	public boolean absolute(int arg) throws SQLException {
		return delegate.absolute(arg);
	}

	@Override
	public void afterLast() throws SQLException {
		delegate.afterLast();
	}

	@Override
	public void beforeFirst() throws SQLException {
		delegate.beforeFirst();
	}

	@Override
	public void cancelRowUpdates() throws SQLException {
		delegate.cancelRowUpdates();
	}

	@Override
	public void clearWarnings() throws SQLException {
		delegate.clearWarnings();
	}

	@Override
	public void deleteRow() throws SQLException {
		delegate.deleteRow();
	}

	@Override
	public int findColumn(String arg) throws SQLException {
		return delegate.findColumn(arg);
	}

	@Override
	public boolean first() throws SQLException {
		return delegate.first();
	}

	@Override
	public Array getArray(String arg) throws SQLException {
		return delegate.getArray(arg);
	}

	@Override
	public Array getArray(int arg) throws SQLException {
		return delegate.getArray(arg);
	}

	@Override
	public InputStream getAsciiStream(String arg) throws SQLException {
		return delegate.getAsciiStream(arg);
	}

	@Override
	public InputStream getAsciiStream(int arg) throws SQLException {
		return delegate.getAsciiStream(arg);
	}

	@Override
	public BigDecimal getBigDecimal(String arg) throws SQLException {
		return delegate.getBigDecimal(arg);
	}

	@Override
	public BigDecimal getBigDecimal(int arg) throws SQLException {
		return delegate.getBigDecimal(arg);
	}

	@Deprecated
	@Override
	public BigDecimal getBigDecimal(String arg0, int arg1) throws SQLException {
		return delegate.getBigDecimal(arg0, arg1);
	}

	@Deprecated
	@Override
	public BigDecimal getBigDecimal(int arg0, int arg1) throws SQLException {
		return delegate.getBigDecimal(arg0, arg1);
	}

	@Override
	public InputStream getBinaryStream(String arg) throws SQLException {
		return delegate.getBinaryStream(arg);
	}

	@Override
	public InputStream getBinaryStream(int arg) throws SQLException {
		return delegate.getBinaryStream(arg);
	}

	@Override
	public Blob getBlob(String arg) throws SQLException {
		return delegate.getBlob(arg);
	}

	@Override
	public Blob getBlob(int arg) throws SQLException {
		return delegate.getBlob(arg);
	}

	@Override
	public boolean getBoolean(String arg) throws SQLException {
		return delegate.getBoolean(arg);
	}

	@Override
	public boolean getBoolean(int arg) throws SQLException {
		return delegate.getBoolean(arg);
	}

	@Override
	public byte getByte(String arg) throws SQLException {
		return delegate.getByte(arg);
	}

	@Override
	public byte getByte(int arg) throws SQLException {
		return delegate.getByte(arg);
	}

	@Override
	public byte[] getBytes(String arg) throws SQLException {
		return delegate.getBytes(arg);
	}

	@Override
	public byte[] getBytes(int arg) throws SQLException {
		return delegate.getBytes(arg);
	}

	@Override
	public Reader getCharacterStream(String arg) throws SQLException {
		return delegate.getCharacterStream(arg);
	}

	@Override
	public Reader getCharacterStream(int arg) throws SQLException {
		return delegate.getCharacterStream(arg);
	}

	@Override
	public Clob getClob(String arg) throws SQLException {
		return delegate.getClob(arg);
	}

	@Override
	public Clob getClob(int arg) throws SQLException {
		return delegate.getClob(arg);
	}

	@Override
	public int getConcurrency() throws SQLException {
		return delegate.getConcurrency();
	}

	@Override
	public String getCursorName() throws SQLException {
		return delegate.getCursorName();
	}

	@Override
	public Date getDate(String arg) throws SQLException {
		return delegate.getDate(arg);
	}

	@Override
	public Date getDate(int arg) throws SQLException {
		return delegate.getDate(arg);
	}

	@Override
	public Date getDate(String arg0, Calendar arg1) throws SQLException {
		return delegate.getDate(arg0, arg1);
	}

	@Override
	public Date getDate(int arg0, Calendar arg1) throws SQLException {
		return delegate.getDate(arg0, arg1);
	}

	@Override
	public double getDouble(String arg) throws SQLException {
		return delegate.getDouble(arg);
	}

	@Override
	public double getDouble(int arg) throws SQLException {
		return delegate.getDouble(arg);
	}

	@Override
	public int getFetchDirection() throws SQLException {
		return delegate.getFetchDirection();
	}

	@Override
	public int getFetchSize() throws SQLException {
		return delegate.getFetchSize();
	}

	@Override
	public float getFloat(String arg) throws SQLException {
		return delegate.getFloat(arg);
	}

	@Override
	public float getFloat(int arg) throws SQLException {
		return delegate.getFloat(arg);
	}

	@Override
	public int getHoldability() throws SQLException {
		return delegate.getHoldability();
	}

	@Override
	public int getInt(String arg) throws SQLException {
		return delegate.getInt(arg);
	}

	@Override
	public int getInt(int arg) throws SQLException {
		return delegate.getInt(arg);
	}

	@Override
	public long getLong(String arg) throws SQLException {
		return delegate.getLong(arg);
	}

	@Override
	public long getLong(int arg) throws SQLException {
		return delegate.getLong(arg);
	}

	@Override
	public ResultSetMetaData getMetaData() throws SQLException {
		return delegate.getMetaData();
	}

	@Override
	public Reader getNCharacterStream(String arg) throws SQLException {
		return delegate.getNCharacterStream(arg);
	}

	@Override
	public Reader getNCharacterStream(int arg) throws SQLException {
		return delegate.getNCharacterStream(arg);
	}

	@Override
	public NClob getNClob(String arg) throws SQLException {
		return delegate.getNClob(arg);
	}

	@Override
	public NClob getNClob(int arg) throws SQLException {
		return delegate.getNClob(arg);
	}

	@Override
	public String getNString(String arg) throws SQLException {
		return delegate.getNString(arg);
	}

	@Override
	public String getNString(int arg) throws SQLException {
		return delegate.getNString(arg);
	}

	@Override
	public Object getObject(String arg) throws SQLException {
		return delegate.getObject(arg);
	}

	@Override
	public Object getObject(int arg) throws SQLException {
		return delegate.getObject(arg);
	}

	@Override
	public <T> T getObject(String arg0, Class<T> arg1) throws SQLException {
		return delegate.getObject(arg0, arg1);
	}

	@Override
	public Object getObject(String arg0, Map<String, Class<?>> arg1) throws SQLException {
		return delegate.getObject(arg0, arg1);
	}

	@Override
	public <T> T getObject(int arg0, Class<T> arg1) throws SQLException {
		return delegate.getObject(arg0, arg1);
	}

	@Override
	public Object getObject(int arg0, Map<String, Class<?>> arg1) throws SQLException {
		return delegate.getObject(arg0, arg1);
	}

	@Override
	public Ref getRef(String arg) throws SQLException {
		return delegate.getRef(arg);
	}

	@Override
	public Ref getRef(int arg) throws SQLException {
		return delegate.getRef(arg);
	}

	@Override
	public int getRow() throws SQLException {
		return delegate.getRow();
	}

	@Override
	public RowId getRowId(String arg) throws SQLException {
		return delegate.getRowId(arg);
	}

	@Override
	public RowId getRowId(int arg) throws SQLException {
		return delegate.getRowId(arg);
	}

	@Override
	public SQLXML getSQLXML(String arg) throws SQLException {
		return delegate.getSQLXML(arg);
	}

	@Override
	public SQLXML getSQLXML(int arg) throws SQLException {
		return delegate.getSQLXML(arg);
	}

	@Override
	public short getShort(String arg) throws SQLException {
		return delegate.getShort(arg);
	}

	@Override
	public short getShort(int arg) throws SQLException {
		return delegate.getShort(arg);
	}

	@Override
	public String getString(String arg) throws SQLException {
		return delegate.getString(arg);
	}

	@Override
	public String getString(int arg) throws SQLException {
		return delegate.getString(arg);
	}

	@Override
	public Time getTime(String arg) throws SQLException {
		return delegate.getTime(arg);
	}

	@Override
	public Time getTime(int arg) throws SQLException {
		return delegate.getTime(arg);
	}

	@Override
	public Time getTime(String arg0, Calendar arg1) throws SQLException {
		return delegate.getTime(arg0, arg1);
	}

	@Override
	public Time getTime(int arg0, Calendar arg1) throws SQLException {
		return delegate.getTime(arg0, arg1);
	}

	@Override
	public Timestamp getTimestamp(String arg) throws SQLException {
		return delegate.getTimestamp(arg);
	}

	@Override
	public Timestamp getTimestamp(int arg) throws SQLException {
		return delegate.getTimestamp(arg);
	}

	@Override
	public Timestamp getTimestamp(String arg0, Calendar arg1) throws SQLException {
		return delegate.getTimestamp(arg0, arg1);
	}

	@Override
	public Timestamp getTimestamp(int arg0, Calendar arg1) throws SQLException {
		return delegate.getTimestamp(arg0, arg1);
	}

	@Override
	public int getType() throws SQLException {
		return delegate.getType();
	}

	@Override
	public URL getURL(String arg) throws SQLException {
		return delegate.getURL(arg);
	}

	@Override
	public URL getURL(int arg) throws SQLException {
		return delegate.getURL(arg);
	}

	@Deprecated
	@Override
	public InputStream getUnicodeStream(String arg) throws SQLException {
		return delegate.getUnicodeStream(arg);
	}

	@Deprecated
	@Override
	public InputStream getUnicodeStream(int arg) throws SQLException {
		return delegate.getUnicodeStream(arg);
	}

	@Override
	public SQLWarning getWarnings() throws SQLException {
		return delegate.getWarnings();
	}

	@Override
	public void insertRow() throws SQLException {
		delegate.insertRow();
	}

	@Override
	public boolean isAfterLast() throws SQLException {
		return delegate.isAfterLast();
	}

	@Override
	public boolean isBeforeFirst() throws SQLException {
		return delegate.isBeforeFirst();
	}

	@Override
	public boolean isClosed() throws SQLException {
		return delegate.isClosed();
	}

	@Override
	public boolean isFirst() throws SQLException {
		return delegate.isFirst();
	}

	@Override
	public boolean isLast() throws SQLException {
		return delegate.isLast();
	}

	@Override
	public boolean last() throws SQLException {
		return delegate.last();
	}

	@Override
	public void moveToCurrentRow() throws SQLException {
		delegate.moveToCurrentRow();
	}

	@Override
	public void moveToInsertRow() throws SQLException {
		delegate.moveToInsertRow();
	}

	@Override
	public boolean previous() throws SQLException {
		return delegate.previous();
	}

	@Override
	public void refreshRow() throws SQLException {
		delegate.refreshRow();
	}

	@Override
	public boolean relative(int arg) throws SQLException {
		return delegate.relative(arg);
	}

	@Override
	public boolean rowDeleted() throws SQLException {
		return delegate.rowDeleted();
	}

	@Override
	public boolean rowInserted() throws SQLException {
		return delegate.rowInserted();
	}

	@Override
	public boolean rowUpdated() throws SQLException {
		return delegate.rowUpdated();
	}

	@Override
	public void setFetchDirection(int arg) throws SQLException {
		delegate.setFetchDirection(arg);
	}

	@Override
	public void setFetchSize(int arg) throws SQLException {
		delegate.setFetchSize(arg);
	}

	@Override
	public void updateArray(String arg0, Array arg1) throws SQLException {
		delegate.updateArray(arg0, arg1);
	}

	@Override
	public void updateArray(int arg0, Array arg1) throws SQLException {
		delegate.updateArray(arg0, arg1);
	}

	@Override
	public void updateAsciiStream(String arg0, InputStream arg1) throws SQLException {
		delegate.updateAsciiStream(arg0, arg1);
	}

	@Override
	public void updateAsciiStream(int arg0, InputStream arg1) throws SQLException {
		delegate.updateAsciiStream(arg0, arg1);
	}

	@Override
	public void updateAsciiStream(String arg0, InputStream arg1, int arg2) throws SQLException {
		delegate.updateAsciiStream(arg0, arg1, arg2);
	}

	@Override
	public void updateAsciiStream(String arg0, InputStream arg1, long arg2) throws SQLException {
		delegate.updateAsciiStream(arg0, arg1, arg2);
	}

	@Override
	public void updateAsciiStream(int arg0, InputStream arg1, int arg2) throws SQLException {
		delegate.updateAsciiStream(arg0, arg1, arg2);
	}

	@Override
	public void updateAsciiStream(int arg0, InputStream arg1, long arg2) throws SQLException {
		delegate.updateAsciiStream(arg0, arg1, arg2);
	}

	@Override
	public void updateBigDecimal(String arg0, BigDecimal arg1) throws SQLException {
		delegate.updateBigDecimal(arg0, arg1);
	}

	@Override
	public void updateBigDecimal(int arg0, BigDecimal arg1) throws SQLException {
		delegate.updateBigDecimal(arg0, arg1);
	}

	@Override
	public void updateBinaryStream(String arg0, InputStream arg1) throws SQLException {
		delegate.updateBinaryStream(arg0, arg1);
	}

	@Override
	public void updateBinaryStream(int arg0, InputStream arg1) throws SQLException {
		delegate.updateBinaryStream(arg0, arg1);
	}

	@Override
	public void updateBinaryStream(String arg0, InputStream arg1, int arg2) throws SQLException {
		delegate.updateBinaryStream(arg0, arg1, arg2);
	}

	@Override
	public void updateBinaryStream(String arg0, InputStream arg1, long arg2) throws SQLException {
		delegate.updateBinaryStream(arg0, arg1, arg2);
	}

	@Override
	public void updateBinaryStream(int arg0, InputStream arg1, int arg2) throws SQLException {
		delegate.updateBinaryStream(arg0, arg1, arg2);
	}

	@Override
	public void updateBinaryStream(int arg0, InputStream arg1, long arg2) throws SQLException {
		delegate.updateBinaryStream(arg0, arg1, arg2);
	}

	@Override
	public void updateBlob(String arg0, InputStream arg1) throws SQLException {
		delegate.updateBlob(arg0, arg1);
	}

	@Override
	public void updateBlob(String arg0, Blob arg1) throws SQLException {
		delegate.updateBlob(arg0, arg1);
	}

	@Override
	public void updateBlob(int arg0, InputStream arg1) throws SQLException {
		delegate.updateBlob(arg0, arg1);
	}

	@Override
	public void updateBlob(int arg0, Blob arg1) throws SQLException {
		delegate.updateBlob(arg0, arg1);
	}

	@Override
	public void updateBlob(String arg0, InputStream arg1, long arg2) throws SQLException {
		delegate.updateBlob(arg0, arg1, arg2);
	}

	@Override
	public void updateBlob(int arg0, InputStream arg1, long arg2) throws SQLException {
		delegate.updateBlob(arg0, arg1, arg2);
	}

	@Override
	public void updateBoolean(String arg0, boolean arg1) throws SQLException {
		delegate.updateBoolean(arg0, arg1);
	}

	@Override
	public void updateBoolean(int arg0, boolean arg1) throws SQLException {
		delegate.updateBoolean(arg0, arg1);
	}

	@Override
	public void updateByte(String arg0, byte arg1) throws SQLException {
		delegate.updateByte(arg0, arg1);
	}

	@Override
	public void updateByte(int arg0, byte arg1) throws SQLException {
		delegate.updateByte(arg0, arg1);
	}

	@Override
	public void updateBytes(String arg0, byte[] arg1) throws SQLException {
		delegate.updateBytes(arg0, arg1);
	}

	@Override
	public void updateBytes(int arg0, byte[] arg1) throws SQLException {
		delegate.updateBytes(arg0, arg1);
	}

	@Override
	public void updateCharacterStream(String arg0, Reader arg1) throws SQLException {
		delegate.updateCharacterStream(arg0, arg1);
	}

	@Override
	public void updateCharacterStream(int arg0, Reader arg1) throws SQLException {
		delegate.updateCharacterStream(arg0, arg1);
	}

	@Override
	public void updateCharacterStream(String arg0, Reader arg1, int arg2) throws SQLException {
		delegate.updateCharacterStream(arg0, arg1, arg2);
	}

	@Override
	public void updateCharacterStream(String arg0, Reader arg1, long arg2) throws SQLException {
		delegate.updateCharacterStream(arg0, arg1, arg2);
	}

	@Override
	public void updateCharacterStream(int arg0, Reader arg1, int arg2) throws SQLException {
		delegate.updateCharacterStream(arg0, arg1, arg2);
	}

	@Override
	public void updateCharacterStream(int arg0, Reader arg1, long arg2) throws SQLException {
		delegate.updateCharacterStream(arg0, arg1, arg2);
	}

	@Override
	public void updateClob(String arg0, Reader arg1) throws SQLException {
		delegate.updateClob(arg0, arg1);
	}

	@Override
	public void updateClob(String arg0, Clob arg1) throws SQLException {
		delegate.updateClob(arg0, arg1);
	}

	@Override
	public void updateClob(int arg0, Reader arg1) throws SQLException {
		delegate.updateClob(arg0, arg1);
	}

	@Override
	public void updateClob(int arg0, Clob arg1) throws SQLException {
		delegate.updateClob(arg0, arg1);
	}

	@Override
	public void updateClob(String arg0, Reader arg1, long arg2) throws SQLException {
		delegate.updateClob(arg0, arg1, arg2);
	}

	@Override
	public void updateClob(int arg0, Reader arg1, long arg2) throws SQLException {
		delegate.updateClob(arg0, arg1, arg2);
	}

	@Override
	public void updateDate(String arg0, Date arg1) throws SQLException {
		delegate.updateDate(arg0, arg1);
	}

	@Override
	public void updateDate(int arg0, Date arg1) throws SQLException {
		delegate.updateDate(arg0, arg1);
	}

	@Override
	public void updateDouble(String arg0, double arg1) throws SQLException {
		delegate.updateDouble(arg0, arg1);
	}

	@Override
	public void updateDouble(int arg0, double arg1) throws SQLException {
		delegate.updateDouble(arg0, arg1);
	}

	@Override
	public void updateFloat(String arg0, float arg1) throws SQLException {
		delegate.updateFloat(arg0, arg1);
	}

	@Override
	public void updateFloat(int arg0, float arg1) throws SQLException {
		delegate.updateFloat(arg0, arg1);
	}

	@Override
	public void updateInt(String arg0, int arg1) throws SQLException {
		delegate.updateInt(arg0, arg1);
	}

	@Override
	public void updateInt(int arg0, int arg1) throws SQLException {
		delegate.updateInt(arg0, arg1);
	}

	@Override
	public void updateLong(String arg0, long arg1) throws SQLException {
		delegate.updateLong(arg0, arg1);
	}

	@Override
	public void updateLong(int arg0, long arg1) throws SQLException {
		delegate.updateLong(arg0, arg1);
	}

	@Override
	public void updateNCharacterStream(String arg0, Reader arg1) throws SQLException {
		delegate.updateNCharacterStream(arg0, arg1);
	}

	@Override
	public void updateNCharacterStream(int arg0, Reader arg1) throws SQLException {
		delegate.updateNCharacterStream(arg0, arg1);
	}

	@Override
	public void updateNCharacterStream(String arg0, Reader arg1, long arg2) throws SQLException {
		delegate.updateNCharacterStream(arg0, arg1, arg2);
	}

	@Override
	public void updateNCharacterStream(int arg0, Reader arg1, long arg2) throws SQLException {
		delegate.updateNCharacterStream(arg0, arg1, arg2);
	}

	@Override
	public void updateNClob(String arg0, Reader arg1) throws SQLException {
		delegate.updateNClob(arg0, arg1);
	}

	@Override
	public void updateNClob(String arg0, NClob arg1) throws SQLException {
		delegate.updateNClob(arg0, arg1);
	}

	@Override
	public void updateNClob(int arg0, Reader arg1) throws SQLException {
		delegate.updateNClob(arg0, arg1);
	}

	@Override
	public void updateNClob(int arg0, NClob arg1) throws SQLException {
		delegate.updateNClob(arg0, arg1);
	}

	@Override
	public void updateNClob(String arg0, Reader arg1, long arg2) throws SQLException {
		delegate.updateNClob(arg0, arg1, arg2);
	}

	@Override
	public void updateNClob(int arg0, Reader arg1, long arg2) throws SQLException {
		delegate.updateNClob(arg0, arg1, arg2);
	}

	@Override
	public void updateNString(String arg0, String arg1) throws SQLException {
		delegate.updateNString(arg0, arg1);
	}

	@Override
	public void updateNString(int arg0, String arg1) throws SQLException {
		delegate.updateNString(arg0, arg1);
	}

	@Override
	public void updateNull(String arg) throws SQLException {
		delegate.updateNull(arg);
	}

	@Override
	public void updateNull(int arg) throws SQLException {
		delegate.updateNull(arg);
	}

	@Override
	public void updateObject(String arg0, Object arg1) throws SQLException {
		delegate.updateObject(arg0, arg1);
	}

	@Override
	public void updateObject(int arg0, Object arg1) throws SQLException {
		delegate.updateObject(arg0, arg1);
	}

	@Override
	public void updateObject(String arg0, Object arg1, int arg2) throws SQLException {
		delegate.updateObject(arg0, arg1, arg2);
	}

	@Override
	public void updateObject(String arg0, Object arg1, SQLType arg2) throws SQLException {
		delegate.updateObject(arg0, arg1, arg2);
	}

	@Override
	public void updateObject(int arg0, Object arg1, int arg2) throws SQLException {
		delegate.updateObject(arg0, arg1, arg2);
	}

	@Override
	public void updateObject(int arg0, Object arg1, SQLType arg2) throws SQLException {
		delegate.updateObject(arg0, arg1, arg2);
	}

	@Override
	public void updateObject(String arg0, Object arg1, SQLType arg2, int arg3) throws SQLException {
		delegate.updateObject(arg0, arg1, arg2, arg3);
	}

	@Override
	public void updateObject(int arg0, Object arg1, SQLType arg2, int arg3) throws SQLException {
		delegate.updateObject(arg0, arg1, arg2, arg3);
	}

	@Override
	public void updateRef(String arg0, Ref arg1) throws SQLException {
		delegate.updateRef(arg0, arg1);
	}

	@Override
	public void updateRef(int arg0, Ref arg1) throws SQLException {
		delegate.updateRef(arg0, arg1);
	}

	@Override
	public void updateRow() throws SQLException {
		delegate.updateRow();
	}

	@Override
	public void updateRowId(String arg0, RowId arg1) throws SQLException {
		delegate.updateRowId(arg0, arg1);
	}

	@Override
	public void updateRowId(int arg0, RowId arg1) throws SQLException {
		delegate.updateRowId(arg0, arg1);
	}

	@Override
	public void updateSQLXML(String arg0, SQLXML arg1) throws SQLException {
		delegate.updateSQLXML(arg0, arg1);
	}

	@Override
	public void updateSQLXML(int arg0, SQLXML arg1) throws SQLException {
		delegate.updateSQLXML(arg0, arg1);
	}

	@Override
	public void updateShort(String arg0, short arg1) throws SQLException {
		delegate.updateShort(arg0, arg1);
	}

	@Override
	public void updateShort(int arg0, short arg1) throws SQLException {
		delegate.updateShort(arg0, arg1);
	}

	@Override
	public void updateString(String arg0, String arg1) throws SQLException {
		delegate.updateString(arg0, arg1);
	}

	@Override
	public void updateString(int arg0, String arg1) throws SQLException {
		delegate.updateString(arg0, arg1);
	}

	@Override
	public void updateTime(String arg0, Time arg1) throws SQLException {
		delegate.updateTime(arg0, arg1);
	}

	@Override
	public void updateTime(int arg0, Time arg1) throws SQLException {
		delegate.updateTime(arg0, arg1);
	}

	@Override
	public void updateTimestamp(String arg0, Timestamp arg1) throws SQLException {
		delegate.updateTimestamp(arg0, arg1);
	}

	@Override
	public void updateTimestamp(int arg0, Timestamp arg1) throws SQLException {
		delegate.updateTimestamp(arg0, arg1);
	}

	@Override
	public boolean wasNull() throws SQLException {
		return delegate.wasNull();
	}

}
