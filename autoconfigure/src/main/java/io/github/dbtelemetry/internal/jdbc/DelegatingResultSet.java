package io.github.dbtelemetry.internal.jdbc;

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
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * The {@link ResultSet} methods that a result set wrapper passes straight through: getters,
 * updaters, cursor moves other than {@code next()}. Column values of the common types are read
 * from {@code values}, which may lie beneath a pool's proxy; everything else goes to the
 * delegate. What telemetry needs (the end of the result ends the execution) is in
 * {@link TelemetryResultSet}. The interface's default methods are delegated too.
 *
 * <p>Public, though only this package extends it (its constructor is package-private): were
 * it package-private, the compiler would give its public subclass a bridge method for every
 * inherited method, a call more on each JDBC call the application makes.
 */
public abstract class DelegatingResultSet implements ResultSet {

	final ResultSet delegate;

	// Where column values are read: the delegate itself, or what a pool's proxy wraps when that
	// proxy does nothing on a read but see its failures (see ColumnValues).
	final ResultSet values;

	DelegatingResultSet(ResultSet delegate, ResultSet values) {
		this.delegate = delegate;
		this.values = values;
	}

	// A failed read beneath a pool's proxy is made again through the proxy, so that the pool
	// sees the failure as it would have and can evict a broken connection; the caller gets what
	// the proxy throws.
	private ResultSet throughPool(SQLException failure) throws SQLException {
		if (this.values == this.delegate) {
			throw failure;
		}
		return this.delegate;
	}

	@Override
	public boolean absolute(int arg) throws SQLException {
		return this.delegate.absolute(arg);
	}

	@Override
	public void afterLast() throws SQLException {
		this.delegate.afterLast();
	}

	@Override
	public void beforeFirst() throws SQLException {
		this.delegate.beforeFirst();
	}

	@Override
	public void cancelRowUpdates() throws SQLException {
		this.delegate.cancelRowUpdates();
	}

	@Override
	public void clearWarnings() throws SQLException {
		this.delegate.clearWarnings();
	}

	@Override
	public void deleteRow() throws SQLException {
		this.delegate.deleteRow();
	}

	@Override
	public int findColumn(String arg) throws SQLException {
		return this.delegate.findColumn(arg);
	}

	@Override
	public boolean first() throws SQLException {
		return this.delegate.first();
	}

	@Override
	public Array getArray(String arg) throws SQLException {
		return this.delegate.getArray(arg);
	}

	@Override
	public Array getArray(int arg) throws SQLException {
		return this.delegate.getArray(arg);
	}

	@Override
	public InputStream getAsciiStream(String arg) throws SQLException {
		return this.delegate.getAsciiStream(arg);
	}

	@Override
	public InputStream getAsciiStream(int arg) throws SQLException {
		return this.delegate.getAsciiStream(arg);
	}

	@Override
	public BigDecimal getBigDecimal(String arg) throws SQLException {
		try {
			return this.values.getBigDecimal(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getBigDecimal(arg);
		}
	}

	@Override
	public BigDecimal getBigDecimal(int arg) throws SQLException {
		try {
			return this.values.getBigDecimal(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getBigDecimal(arg);
		}
	}

	@Deprecated
	@Override
	public BigDecimal getBigDecimal(String arg0, int arg1) throws SQLException {
		return this.delegate.getBigDecimal(arg0, arg1);
	}

	@Deprecated
	@Override
	public BigDecimal getBigDecimal(int arg0, int arg1) throws SQLException {
		return this.delegate.getBigDecimal(arg0, arg1);
	}

	@Override
	public InputStream getBinaryStream(String arg) throws SQLException {
		return this.delegate.getBinaryStream(arg);
	}

	@Override
	public InputStream getBinaryStream(int arg) throws SQLException {
		return this.delegate.getBinaryStream(arg);
	}

	@Override
	public Blob getBlob(String arg) throws SQLException {
		return this.delegate.getBlob(arg);
	}

	@Override
	public Blob getBlob(int arg) throws SQLException {
		return this.delegate.getBlob(arg);
	}

	@Override
	public boolean getBoolean(String arg) throws SQLException {
		try {
			return this.values.getBoolean(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getBoolean(arg);
		}
	}

	@Override
	public boolean getBoolean(int arg) throws SQLException {
		try {
			return this.values.getBoolean(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getBoolean(arg);
		}
	}

	@Override
	public byte getByte(String arg) throws SQLException {
		try {
			return this.values.getByte(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getByte(arg);
		}
	}

	@Override
	public byte getByte(int arg) throws SQLException {
		try {
			return this.values.getByte(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getByte(arg);
		}
	}

	@Override
	public byte[] getBytes(String arg) throws SQLException {
		try {
			return this.values.getBytes(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getBytes(arg);
		}
	}

	@Override
	public byte[] getBytes(int arg) throws SQLException {
		try {
			return this.values.getBytes(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getBytes(arg);
		}
	}

	@Override
	public Reader getCharacterStream(String arg) throws SQLException {
		return this.delegate.getCharacterStream(arg);
	}

	@Override
	public Reader getCharacterStream(int arg) throws SQLException {
		return this.delegate.getCharacterStream(arg);
	}

	@Override
	public Clob getClob(String arg) throws SQLException {
		return this.delegate.getClob(arg);
	}

	@Override
	public Clob getClob(int arg) throws SQLException {
		return this.delegate.getClob(arg);
	}

	@Override
	public int getConcurrency() throws SQLException {
		return this.delegate.getConcurrency();
	}

	@Override
	public String getCursorName() throws SQLException {
		return this.delegate.getCursorName();
	}

	@Override
	public Date getDate(String arg) throws SQLException {
		try {
			return this.values.getDate(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getDate(arg);
		}
	}

	@Override
	public Date getDate(int arg) throws SQLException {
		try {
			return this.values.getDate(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getDate(arg);
		}
	}

	@Override
	public Date getDate(String arg0, Calendar arg1) throws SQLException {
		return this.delegate.getDate(arg0, arg1);
	}

	@Override
	public Date getDate(int arg0, Calendar arg1) throws SQLException {
		return this.delegate.getDate(arg0, arg1);
	}

	@Override
	public double getDouble(String arg) throws SQLException {
		try {
			return this.values.getDouble(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getDouble(arg);
		}
	}

	@Override
	public double getDouble(int arg) throws SQLException {
		try {
			return this.values.getDouble(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getDouble(arg);
		}
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
	public float getFloat(String arg) throws SQLException {
		try {
			return this.values.getFloat(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getFloat(arg);
		}
	}

	@Override
	public float getFloat(int arg) throws SQLException {
		try {
			return this.values.getFloat(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getFloat(arg);
		}
	}

	@Override
	public int getHoldability() throws SQLException {
		return this.delegate.getHoldability();
	}

	@Override
	public int getInt(String arg) throws SQLException {
		try {
			return this.values.getInt(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getInt(arg);
		}
	}

	@Override
	public int getInt(int arg) throws SQLException {
		try {
			return this.values.getInt(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getInt(arg);
		}
	}

	@Override
	public long getLong(String arg) throws SQLException {
		try {
			return this.values.getLong(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getLong(arg);
		}
	}

	@Override
	public long getLong(int arg) throws SQLException {
		try {
			return this.values.getLong(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getLong(arg);
		}
	}

	@Override
	public ResultSetMetaData getMetaData() throws SQLException {
		return this.delegate.getMetaData();
	}

	@Override
	public Reader getNCharacterStream(String arg) throws SQLException {
		return this.delegate.getNCharacterStream(arg);
	}

	@Override
	public Reader getNCharacterStream(int arg) throws SQLException {
		return this.delegate.getNCharacterStream(arg);
	}

	@Override
	public NClob getNClob(String arg) throws SQLException {
		return this.delegate.getNClob(arg);
	}

	@Override
	public NClob getNClob(int arg) throws SQLException {
		return this.delegate.getNClob(arg);
	}

	@Override
	public String getNString(String arg) throws SQLException {
		try {
			return this.values.getNString(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getNString(arg);
		}
	}

	@Override
	public String getNString(int arg) throws SQLException {
		try {
			return this.values.getNString(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getNString(arg);
		}
	}

	@Override
	public Object getObject(String arg) throws SQLException {
		try {
			return this.values.getObject(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getObject(arg);
		}
	}

	@Override
	public Object getObject(int arg) throws SQLException {
		try {
			return this.values.getObject(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getObject(arg);
		}
	}

	@Override
	public <T> T getObject(String arg0, Class<T> arg1) throws SQLException {
		try {
			return this.values.getObject(arg0, arg1);
		}
		catch (SQLException ex) {
			return throughPool(ex).getObject(arg0, arg1);
		}
	}

	@Override
	public Object getObject(String arg0, Map<String, Class<?>> arg1) throws SQLException {
		return this.delegate.getObject(arg0, arg1);
	}

	@Override
	public <T> T getObject(int arg0, Class<T> arg1) throws SQLException {
		try {
			return this.values.getObject(arg0, arg1);
		}
		catch (SQLException ex) {
			return throughPool(ex).getObject(arg0, arg1);
		}
	}

	@Override
	public Object getObject(int arg0, Map<String, Class<?>> arg1) throws SQLException {
		return this.delegate.getObject(arg0, arg1);
	}

	@Override
	public Ref getRef(String arg) throws SQLException {
		return this.delegate.getRef(arg);
	}

	@Override
	public Ref getRef(int arg) throws SQLException {
		return this.delegate.getRef(arg);
	}

	@Override
	public int getRow() throws SQLException {
		return this.delegate.getRow();
	}

	@Override
	public RowId getRowId(String arg) throws SQLException {
		return this.delegate.getRowId(arg);
	}

	@Override
	public RowId getRowId(int arg) throws SQLException {
		return this.delegate.getRowId(arg);
	}

	@Override
	public SQLXML getSQLXML(String arg) throws SQLException {
		return this.delegate.getSQLXML(arg);
	}

	@Override
	public SQLXML getSQLXML(int arg) throws SQLException {
		return this.delegate.getSQLXML(arg);
	}

	@Override
	public short getShort(String arg) throws SQLException {
		try {
			return this.values.getShort(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getShort(arg);
		}
	}

	@Override
	public short getShort(int arg) throws SQLException {
		try {
			return this.values.getShort(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getShort(arg);
		}
	}

	@Override
	public String getString(String arg) throws SQLException {
		try {
			return this.values.getString(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getString(arg);
		}
	}

	@Override
	public String getString(int arg) throws SQLException {
		try {
			return this.values.getString(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getString(arg);
		}
	}

	@Override
	public Time getTime(String arg) throws SQLException {
		try {
			return this.values.getTime(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getTime(arg);
		}
	}

	@Override
	public Time getTime(int arg) throws SQLException {
		try {
			return this.values.getTime(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getTime(arg);
		}
	}

	@Override
	public Time getTime(String arg0, Calendar arg1) throws SQLException {
		return this.delegate.getTime(arg0, arg1);
	}

	@Override
	public Time getTime(int arg0, Calendar arg1) throws SQLException {
		return this.delegate.getTime(arg0, arg1);
	}

	@Override
	public Timestamp getTimestamp(String arg) throws SQLException {
		try {
			return this.values.getTimestamp(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getTimestamp(arg);
		}
	}

	@Override
	public Timestamp getTimestamp(int arg) throws SQLException {
		try {
			return this.values.getTimestamp(arg);
		}
		catch (SQLException ex) {
			return throughPool(ex).getTimestamp(arg);
		}
	}

	@Override
	public Timestamp getTimestamp(String arg0, Calendar arg1) throws SQLException {
		return this.delegate.getTimestamp(arg0, arg1);
	}

	@Override
	public Timestamp getTimestamp(int arg0, Calendar arg1) throws SQLException {
		return this.delegate.getTimestamp(arg0, arg1);
	}

	@Override
	public int getType() throws SQLException {
		return this.delegate.getType();
	}

	@Override
	public URL getURL(String arg) throws SQLException {
		return this.delegate.getURL(arg);
	}

	@Override
	public URL getURL(int arg) throws SQLException {
		return this.delegate.getURL(arg);
	}

	@Deprecated
	@Override
	public InputStream getUnicodeStream(String arg) throws SQLException {
		return this.delegate.getUnicodeStream(arg);
	}

	@Deprecated
	@Override
	public InputStream getUnicodeStream(int arg) throws SQLException {
		return this.delegate.getUnicodeStream(arg);
	}

	@Override
	public SQLWarning getWarnings() throws SQLException {
		return this.delegate.getWarnings();
	}

	@Override
	public void insertRow() throws SQLException {
		this.delegate.insertRow();
	}

	@Override
	public boolean isAfterLast() throws SQLException {
		return this.delegate.isAfterLast();
	}

	@Override
	public boolean isBeforeFirst() throws SQLException {
		return this.delegate.isBeforeFirst();
	}

	@Override
	public boolean isClosed() throws SQLException {
		return this.delegate.isClosed();
	}

	@Override
	public boolean isFirst() throws SQLException {
		return this.delegate.isFirst();
	}

	@Override
	public boolean isLast() throws SQLException {
		return this.delegate.isLast();
	}

	@Override
	public boolean last() throws SQLException {
		return this.delegate.last();
	}

	@Override
	public void moveToCurrentRow() throws SQLException {
		this.delegate.moveToCurrentRow();
	}

	@Override
	public void moveToInsertRow() throws SQLException {
		this.delegate.moveToInsertRow();
	}

	@Override
	public boolean previous() throws SQLException {
		return this.delegate.previous();
	}

	@Override
	public void refreshRow() throws SQLException {
		this.delegate.refreshRow();
	}

	@Override
	public boolean relative(int arg) throws SQLException {
		return this.delegate.relative(arg);
	}

	@Override
	public boolean rowDeleted() throws SQLException {
		return this.delegate.rowDeleted();
	}

	@Override
	public boolean rowInserted() throws SQLException {
		return this.delegate.rowInserted();
	}

	@Override
	public boolean rowUpdated() throws SQLException {
		return this.delegate.rowUpdated();
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
	public void updateArray(String arg0, Array arg1) throws SQLException {
		this.delegate.updateArray(arg0, arg1);
	}

	@Override
	public void updateArray(int arg0, Array arg1) throws SQLException {
		this.delegate.updateArray(arg0, arg1);
	}

	@Override
	public void updateAsciiStream(String arg0, InputStream arg1) throws SQLException {
		this.delegate.updateAsciiStream(arg0, arg1);
	}

	@Override
	public void updateAsciiStream(int arg0, InputStream arg1) throws SQLException {
		this.delegate.updateAsciiStream(arg0, arg1);
	}

	@Override
	public void updateAsciiStream(String arg0, InputStream arg1, int arg2) throws SQLException {
		this.delegate.updateAsciiStream(arg0, arg1, arg2);
	}

	@Override
	public void updateAsciiStream(String arg0, InputStream arg1, long arg2) throws SQLException {
		this.delegate.updateAsciiStream(arg0, arg1, arg2);
	}

	@Override
	public void updateAsciiStream(int arg0, InputStream arg1, int arg2) throws SQLException {
		this.delegate.updateAsciiStream(arg0, arg1, arg2);
	}

	@Override
	public void updateAsciiStream(int arg0, InputStream arg1, long arg2) throws SQLException {
		this.delegate.updateAsciiStream(arg0, arg1, arg2);
	}

	@Override
	public void updateBigDecimal(String arg0, BigDecimal arg1) throws SQLException {
		this.delegate.updateBigDecimal(arg0, arg1);
	}

	@Override
	public void updateBigDecimal(int arg0, BigDecimal arg1) throws SQLException {
		this.delegate.updateBigDecimal(arg0, arg1);
	}

	@Override
	public void updateBinaryStream(String arg0, InputStream arg1) throws SQLException {
		this.delegate.updateBinaryStream(arg0, arg1);
	}

	@Override
	public void updateBinaryStream(int arg0, InputStream arg1) throws SQLException {
		this.delegate.updateBinaryStream(arg0, arg1);
	}

	@Override
	public void updateBinaryStream(String arg0, InputStream arg1, int arg2) throws SQLException {
		this.delegate.updateBinaryStream(arg0, arg1, arg2);
	}

	@Override
	public void updateBinaryStream(String arg0, InputStream arg1, long arg2) throws SQLException {
		this.delegate.updateBinaryStream(arg0, arg1, arg2);
	}

	@Override
	public void updateBinaryStream(int arg0, InputStream arg1, int arg2) throws SQLException {
		this.delegate.updateBinaryStream(arg0, arg1, arg2);
	}

	@Override
	public void updateBinaryStream(int arg0, InputStream arg1, long arg2) throws SQLException {
		this.delegate.updateBinaryStream(arg0, arg1, arg2);
	}

	@Override
	public void updateBlob(String arg0, InputStream arg1) throws SQLException {
		this.delegate.updateBlob(arg0, arg1);
	}

	@Override
	public void updateBlob(String arg0, Blob arg1) throws SQLException {
		this.delegate.updateBlob(arg0, arg1);
	}

	@Override
	public void updateBlob(int arg0, InputStream arg1) throws SQLException {
		this.delegate.updateBlob(arg0, arg1);
	}

	@Override
	public void updateBlob(int arg0, Blob arg1) throws SQLException {
		this.delegate.updateBlob(arg0, arg1);
	}

	@Override
	public void updateBlob(String arg0, InputStream arg1, long arg2) throws SQLException {
		this.delegate.updateBlob(arg0, arg1, arg2);
	}

	@Override
	public void updateBlob(int arg0, InputStream arg1, long arg2) throws SQLException {
		this.delegate.updateBlob(arg0, arg1, arg2);
	}

	@Override
	public void updateBoolean(String arg0, boolean arg1) throws SQLException {
		this.delegate.updateBoolean(arg0, arg1);
	}

	@Override
	public void updateBoolean(int arg0, boolean arg1) throws SQLException {
		this.delegate.updateBoolean(arg0, arg1);
	}

	@Override
	public void updateByte(String arg0, byte arg1) throws SQLException {
		this.delegate.updateByte(arg0, arg1);
	}

	@Override
	public void updateByte(int arg0, byte arg1) throws SQLException {
		this.delegate.updateByte(arg0, arg1);
	}

	@Override
	public void updateBytes(String arg0, byte[] arg1) throws SQLException {
		this.delegate.updateBytes(arg0, arg1);
	}

	@Override
	public void updateBytes(int arg0, byte[] arg1) throws SQLException {
		this.delegate.updateBytes(arg0, arg1);
	}

	@Override
	public void updateCharacterStream(String arg0, Reader arg1) throws SQLException {
		this.delegate.updateCharacterStream(arg0, arg1);
	}

	@Override
	public void updateCharacterStream(int arg0, Reader arg1) throws SQLException {
		this.delegate.updateCharacterStream(arg0, arg1);
	}

	@Override
	public void updateCharacterStream(String arg0, Reader arg1, int arg2) throws SQLException {
		this.delegate.updateCharacterStream(arg0, arg1, arg2);
	}

	@Override
	public void updateCharacterStream(String arg0, Reader arg1, long arg2) throws SQLException {
		this.delegate.updateCharacterStream(arg0, arg1, arg2);
	}

	@Override
	public void updateCharacterStream(int arg0, Reader arg1, int arg2) throws SQLException {
		this.delegate.updateCharacterStream(arg0, arg1, arg2);
	}

	@Override
	public void updateCharacterStream(int arg0, Reader arg1, long arg2) throws SQLException {
		this.delegate.updateCharacterStream(arg0, arg1, arg2);
	}

	@Override
	public void updateClob(String arg0, Reader arg1) throws SQLException {
		this.delegate.updateClob(arg0, arg1);
	}

	@Override
	public void updateClob(String arg0, Clob arg1) throws SQLException {
		this.delegate.updateClob(arg0, arg1);
	}

	@Override
	public void updateClob(int arg0, Reader arg1) throws SQLException {
		this.delegate.updateClob(arg0, arg1);
	}

	@Override
	public void updateClob(int arg0, Clob arg1) throws SQLException {
		this.delegate.updateClob(arg0, arg1);
	}

	@Override
	public void updateClob(String arg0, Reader arg1, long arg2) throws SQLException {
		this.delegate.updateClob(arg0, arg1, arg2);
	}

	@Override
	public void updateClob(int arg0, Reader arg1, long arg2) throws SQLException {
		this.delegate.updateClob(arg0, arg1, arg2);
	}

	@Override
	public void updateDate(String arg0, Date arg1) throws SQLException {
		this.delegate.updateDate(arg0, arg1);
	}

	@Override
	public void updateDate(int arg0, Date arg1) throws SQLException {
		this.delegate.updateDate(arg0, arg1);
	}

	@Override
	public void updateDouble(String arg0, double arg1) throws SQLException {
		this.delegate.updateDouble(arg0, arg1);
	}

	@Override
	public void updateDouble(int arg0, double arg1) throws SQLException {
		this.delegate.updateDouble(arg0, arg1);
	}

	@Override
	public void updateFloat(String arg0, float arg1) throws SQLException {
		this.delegate.updateFloat(arg0, arg1);
	}

	@Override
	public void updateFloat(int arg0, float arg1) throws SQLException {
		this.delegate.updateFloat(arg0, arg1);
	}

	@Override
	public void updateInt(String arg0, int arg1) throws SQLException {
		this.delegate.updateInt(arg0, arg1);
	}

	@Override
	public void updateInt(int arg0, int arg1) throws SQLException {
		this.delegate.updateInt(arg0, arg1);
	}

	@Override
	public void updateLong(String arg0, long arg1) throws SQLException {
		this.delegate.updateLong(arg0, arg1);
	}

	@Override
	public void updateLong(int arg0, long arg1) throws SQLException {
		this.delegate.updateLong(arg0, arg1);
	}

	@Override
	public void updateNCharacterStream(String arg0, Reader arg1) throws SQLException {
		this.delegate.updateNCharacterStream(arg0, arg1);
	}

	@Override
	public void updateNCharacterStream(int arg0, Reader arg1) throws SQLException {
		this.delegate.updateNCharacterStream(arg0, arg1);
	}

	@Override
	public void updateNCharacterStream(String arg0, Reader arg1, long arg2) throws SQLException {
		this.delegate.updateNCharacterStream(arg0, arg1, arg2);
	}

	@Override
	public void updateNCharacterStream(int arg0, Reader arg1, long arg2) throws SQLException {
		this.delegate.updateNCharacterStream(arg0, arg1, arg2);
	}

	@Override
	public void updateNClob(String arg0, Reader arg1) throws SQLException {
		this.delegate.updateNClob(arg0, arg1);
	}

	@Override
	public void updateNClob(String arg0, NClob arg1) throws SQLException {
		this.delegate.updateNClob(arg0, arg1);
	}

	@Override
	public void updateNClob(int arg0, Reader arg1) throws SQLException {
		this.delegate.updateNClob(arg0, arg1);
	}

	@Override
	public void updateNClob(int arg0, NClob arg1) throws SQLException {
		this.delegate.updateNClob(arg0, arg1);
	}

	@Override
	public void updateNClob(String arg0, Reader arg1, long arg2) throws SQLException {
		this.delegate.updateNClob(arg0, arg1, arg2);
	}

	@Override
	public void updateNClob(int arg0, Reader arg1, long arg2) throws SQLException {
		this.delegate.updateNClob(arg0, arg1, arg2);
	}

	@Override
	public void updateNString(String arg0, String arg1) throws SQLException {
		this.delegate.updateNString(arg0, arg1);
	}

	@Override
	public void updateNString(int arg0, String arg1) throws SQLException {
		this.delegate.updateNString(arg0, arg1);
	}

	@Override
	public void updateNull(String arg) throws SQLException {
		this.delegate.updateNull(arg);
	}

	@Override
	public void updateNull(int arg) throws SQLException {
		this.delegate.updateNull(arg);
	}

	@Override
	public void updateObject(String arg0, Object arg1) throws SQLException {
		this.delegate.updateObject(arg0, arg1);
	}

	@Override
	public void updateObject(int arg0, Object arg1) throws SQLException {
		this.delegate.updateObject(arg0, arg1);
	}

	@Override
	public void updateObject(String arg0, Object arg1, int arg2) throws SQLException {
		this.delegate.updateObject(arg0, arg1, arg2);
	}

	@Override
	public void updateObject(String arg0, Object arg1, SQLType arg2) throws SQLException {
		this.delegate.updateObject(arg0, arg1, arg2);
	}

	@Override
	public void updateObject(int arg0, Object arg1, int arg2) throws SQLException {
		this.delegate.updateObject(arg0, arg1, arg2);
	}

	@Override
	public void updateObject(int arg0, Object arg1, SQLType arg2) throws SQLException {
		this.delegate.updateObject(arg0, arg1, arg2);
	}

	@Override
	public void updateObject(String arg0, Object arg1, SQLType arg2, int arg3) throws SQLException {
		this.delegate.updateObject(arg0, arg1, arg2, arg3);
	}

	@Override
	public void updateObject(int arg0, Object arg1, SQLType arg2, int arg3) throws SQLException {
		this.delegate.updateObject(arg0, arg1, arg2, arg3);
	}

	@Override
	public void updateRef(String arg0, Ref arg1) throws SQLException {
		this.delegate.updateRef(arg0, arg1);
	}

	@Override
	public void updateRef(int arg0, Ref arg1) throws SQLException {
		this.delegate.updateRef(arg0, arg1);
	}

	@Override
	public void updateRow() throws SQLException {
		this.delegate.updateRow();
	}

	@Override
	public void updateRowId(String arg0, RowId arg1) throws SQLException {
		this.delegate.updateRowId(arg0, arg1);
	}

	@Override
	public void updateRowId(int arg0, RowId arg1) throws SQLException {
		this.delegate.updateRowId(arg0, arg1);
	}

	@Override
	public void updateSQLXML(String arg0, SQLXML arg1) throws SQLException {
		this.delegate.updateSQLXML(arg0, arg1);
	}

	@Override
	public void updateSQLXML(int arg0, SQLXML arg1) throws SQLException {
		this.delegate.updateSQLXML(arg0, arg1);
	}

	@Override
	public void updateShort(String arg0, short arg1) throws SQLException {
		this.delegate.updateShort(arg0, arg1);
	}

	@Override
	public void updateShort(int arg0, short arg1) throws SQLException {
		this.delegate.updateShort(arg0, arg1);
	}

	@Override
	public void updateString(String arg0, String arg1) throws SQLException {
		this.delegate.updateString(arg0, arg1);
	}

	@Override
	public void updateString(int arg0, String arg1) throws SQLException {
		this.delegate.updateString(arg0, arg1);
	}

	@Override
	public void updateTime(String arg0, Time arg1) throws SQLException {
		this.delegate.updateTime(arg0, arg1);
	}

	@Override
	public void updateTime(int arg0, Time arg1) throws SQLException {
		this.delegate.updateTime(arg0, arg1);
	}

	@Override
	public void updateTimestamp(String arg0, Timestamp arg1) throws SQLException {
		this.delegate.updateTimestamp(arg0, arg1);
	}

	@Override
	public void updateTimestamp(int arg0, Timestamp arg1) throws SQLException {
		this.delegate.updateTimestamp(arg0, arg1);
	}

	@Override
	public boolean wasNull() throws SQLException {
		return this.delegate.wasNull();
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
