package io.github.dbtelemetry.internal.jdbc;

import java.io.InputStream;
import java.io.Reader;
import java.math.BigDecimal;
import java.net.URL;
import java.sql.Array;
import java.sql.Blob;
import java.sql.CallableStatement;
import java.sql.Clob;
import java.sql.Date;
import java.sql.NClob;
import java.sql.Ref;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;
import java.util.Map;

/**
 * The {@link CallableStatement} methods that a callable statement wrapper passes straight
 * through: out parameters and named parameters. It extends {@link TelemetryPreparedStatement}
 * so that a call is observed exactly as a prepared statement is.
 *
 * <p>Public, though only this package extends it (its constructor is package-private): were
 * it package-private, the compiler would give its public subclass a bridge method for every
 * inherited method, a call more on each JDBC call the application makes.
 */
public abstract class DelegatingCallableStatement extends TelemetryPreparedStatement<CallableStatement>
		implements CallableStatement {

	DelegatingCallableStatement(CallableStatement delegate, TelemetryConnection connection, String sql) {
		super(delegate, connection, sql);
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
	public BigDecimal getBigDecimal(String arg) throws SQLException {
		return this.delegate.getBigDecimal(arg);
	}

	@Override
	public BigDecimal getBigDecimal(int arg) throws SQLException {
		return this.delegate.getBigDecimal(arg);
	}

	@Deprecated
	@Override
	public BigDecimal getBigDecimal(int arg0, int arg1) throws SQLException {
		return this.delegate.getBigDecimal(arg0, arg1);
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
		return this.delegate.getBoolean(arg);
	}

	@Override
	public boolean getBoolean(int arg) throws SQLException {
		return this.delegate.getBoolean(arg);
	}

	@Override
	public byte getByte(String arg) throws SQLException {
		return this.delegate.getByte(arg);
	}

	@Override
	public byte getByte(int arg) throws SQLException {
		return this.delegate.getByte(arg);
	}

	@Override
	public byte[] getBytes(String arg) throws SQLException {
		return this.delegate.getBytes(arg);
	}

	@Override
	public byte[] getBytes(int arg) throws SQLException {
		return this.delegate.getBytes(arg);
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
	public Date getDate(String arg) throws SQLException {
		return this.delegate.getDate(arg);
	}

	@Override
	public Date getDate(int arg) throws SQLException {
		return this.delegate.getDate(arg);
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
		return this.delegate.getDouble(arg);
	}

	@Override
	public double getDouble(int arg) throws SQLException {
		return this.delegate.getDouble(arg);
	}

	@Override
	public float getFloat(String arg) throws SQLException {
		return this.delegate.getFloat(arg);
	}

	@Override
	public float getFloat(int arg) throws SQLException {
		return this.delegate.getFloat(arg);
	}

	@Override
	public int getInt(String arg) throws SQLException {
		return this.delegate.getInt(arg);
	}

	@Override
	public int getInt(int arg) throws SQLException {
		return this.delegate.getInt(arg);
	}

	@Override
	public long getLong(String arg) throws SQLException {
		return this.delegate.getLong(arg);
	}

	@Override
	public long getLong(int arg) throws SQLException {
		return this.delegate.getLong(arg);
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
		return this.delegate.getNString(arg);
	}

	@Override
	public String getNString(int arg) throws SQLException {
		return this.delegate.getNString(arg);
	}

	@Override
	public Object getObject(String arg) throws SQLException {
		return this.delegate.getObject(arg);
	}

	@Override
	public Object getObject(int arg) throws SQLException {
		return this.delegate.getObject(arg);
	}

	@Override
	public <T> T getObject(String arg0, Class<T> arg1) throws SQLException {
		return this.delegate.getObject(arg0, arg1);
	}

	@Override
	public Object getObject(String arg0, Map<String, Class<?>> arg1) throws SQLException {
		return this.delegate.getObject(arg0, arg1);
	}

	@Override
	public <T> T getObject(int arg0, Class<T> arg1) throws SQLException {
		return this.delegate.getObject(arg0, arg1);
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
		return this.delegate.getShort(arg);
	}

	@Override
	public short getShort(int arg) throws SQLException {
		return this.delegate.getShort(arg);
	}

	@Override
	public String getString(String arg) throws SQLException {
		return this.delegate.getString(arg);
	}

	@Override
	public String getString(int arg) throws SQLException {
		return this.delegate.getString(arg);
	}

	@Override
	public Time getTime(String arg) throws SQLException {
		return this.delegate.getTime(arg);
	}

	@Override
	public Time getTime(int arg) throws SQLException {
		return this.delegate.getTime(arg);
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
		return this.delegate.getTimestamp(arg);
	}

	@Override
	public Timestamp getTimestamp(int arg) throws SQLException {
		return this.delegate.getTimestamp(arg);
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
	public URL getURL(String arg) throws SQLException {
		return this.delegate.getURL(arg);
	}

	@Override
	public URL getURL(int arg) throws SQLException {
		return this.delegate.getURL(arg);
	}

	@Override
	public void registerOutParameter(String arg0, int arg1) throws SQLException {
		this.delegate.registerOutParameter(arg0, arg1);
	}

	@Override
	public void registerOutParameter(String arg0, SQLType arg1) throws SQLException {
		this.delegate.registerOutParameter(arg0, arg1);
	}

	@Override
	public void registerOutParameter(int arg0, int arg1) throws SQLException {
		this.delegate.registerOutParameter(arg0, arg1);
	}

	@Override
	public void registerOutParameter(int arg0, SQLType arg1) throws SQLException {
		this.delegate.registerOutParameter(arg0, arg1);
	}

	@Override
	public void registerOutParameter(String arg0, int arg1, String arg2) throws SQLException {
		this.delegate.registerOutParameter(arg0, arg1, arg2);
	}

	@Override
	public void registerOutParameter(String arg0, int arg1, int arg2) throws SQLException {
		this.delegate.registerOutParameter(arg0, arg1, arg2);
	}

	@Override
	public void registerOutParameter(String arg0, SQLType arg1, String arg2) throws SQLException {
		this.delegate.registerOutParameter(arg0, arg1, arg2);
	}

	@Override
	public void registerOutParameter(String arg0, SQLType arg1, int arg2) throws SQLException {
		this.delegate.registerOutParameter(arg0, arg1, arg2);
	}

	@Override
	public void registerOutParameter(int arg0, int arg1, String arg2) throws SQLException {
		this.delegate.registerOutParameter(arg0, arg1, arg2);
	}

	@Override
	public void registerOutParameter(int arg0, int arg1, int arg2) throws SQLException {
		this.delegate.registerOutParameter(arg0, arg1, arg2);
	}

	@Override
	public void registerOutParameter(int arg0, SQLType arg1, String arg2) throws SQLException {
		this.delegate.registerOutParameter(arg0, arg1, arg2);
	}

	@Override
	public void registerOutParameter(int arg0, SQLType arg1, int arg2) throws SQLException {
		this.delegate.registerOutParameter(arg0, arg1, arg2);
	}

	@Override
	public void setAsciiStream(String arg0, InputStream arg1) throws SQLException {
		this.delegate.setAsciiStream(arg0, arg1);
	}

	@Override
	public void setAsciiStream(String arg0, InputStream arg1, int arg2) throws SQLException {
		this.delegate.setAsciiStream(arg0, arg1, arg2);
	}

	@Override
	public void setAsciiStream(String arg0, InputStream arg1, long arg2) throws SQLException {
		this.delegate.setAsciiStream(arg0, arg1, arg2);
	}

	@Override
	public void setBigDecimal(String arg0, BigDecimal arg1) throws SQLException {
		this.delegate.setBigDecimal(arg0, arg1);
	}

	@Override
	public void setBinaryStream(String arg0, InputStream arg1) throws SQLException {
		this.delegate.setBinaryStream(arg0, arg1);
	}

	@Override
	public void setBinaryStream(String arg0, InputStream arg1, int arg2) throws SQLException {
		this.delegate.setBinaryStream(arg0, arg1, arg2);
	}

	@Override
	public void setBinaryStream(String arg0, InputStream arg1, long arg2) throws SQLException {
		this.delegate.setBinaryStream(arg0, arg1, arg2);
	}

	@Override
	public void setBlob(String arg0, InputStream arg1) throws SQLException {
		this.delegate.setBlob(arg0, arg1);
	}

	@Override
	public void setBlob(String arg0, Blob arg1) throws SQLException {
		this.delegate.setBlob(arg0, arg1);
	}

	@Override
	public void setBlob(String arg0, InputStream arg1, long arg2) throws SQLException {
		this.delegate.setBlob(arg0, arg1, arg2);
	}

	@Override
	public void setBoolean(String arg0, boolean arg1) throws SQLException {
		this.delegate.setBoolean(arg0, arg1);
	}

	@Override
	public void setByte(String arg0, byte arg1) throws SQLException {
		this.delegate.setByte(arg0, arg1);
	}

	@Override
	public void setBytes(String arg0, byte[] arg1) throws SQLException {
		this.delegate.setBytes(arg0, arg1);
	}

	@Override
	public void setCharacterStream(String arg0, Reader arg1) throws SQLException {
		this.delegate.setCharacterStream(arg0, arg1);
	}

	@Override
	public void setCharacterStream(String arg0, Reader arg1, int arg2) throws SQLException {
		this.delegate.setCharacterStream(arg0, arg1, arg2);
	}

	@Override
	public void setCharacterStream(String arg0, Reader arg1, long arg2) throws SQLException {
		this.delegate.setCharacterStream(arg0, arg1, arg2);
	}

	@Override
	public void setClob(String arg0, Reader arg1) throws SQLException {
		this.delegate.setClob(arg0, arg1);
	}

	@Override
	public void setClob(String arg0, Clob arg1) throws SQLException {
		this.delegate.setClob(arg0, arg1);
	}

	@Override
	public void setClob(String arg0, Reader arg1, long arg2) throws SQLException {
		this.delegate.setClob(arg0, arg1, arg2);
	}

	@Override
	public void setDate(String arg0, Date arg1) throws SQLException {
		this.delegate.setDate(arg0, arg1);
	}

	@Override
	public void setDate(String arg0, Date arg1, Calendar arg2) throws SQLException {
		this.delegate.setDate(arg0, arg1, arg2);
	}

	@Override
	public void setDouble(String arg0, double arg1) throws SQLException {
		this.delegate.setDouble(arg0, arg1);
	}

	@Override
	public void setFloat(String arg0, float arg1) throws SQLException {
		this.delegate.setFloat(arg0, arg1);
	}

	@Override
	public void setInt(String arg0, int arg1) throws SQLException {
		this.delegate.setInt(arg0, arg1);
	}

	@Override
	public void setLong(String arg0, long arg1) throws SQLException {
		this.delegate.setLong(arg0, arg1);
	}

	@Override
	public void setNCharacterStream(String arg0, Reader arg1) throws SQLException {
		this.delegate.setNCharacterStream(arg0, arg1);
	}

	@Override
	public void setNCharacterStream(String arg0, Reader arg1, long arg2) throws SQLException {
		this.delegate.setNCharacterStream(arg0, arg1, arg2);
	}

	@Override
	public void setNClob(String arg0, Reader arg1) throws SQLException {
		this.delegate.setNClob(arg0, arg1);
	}

	@Override
	public void setNClob(String arg0, NClob arg1) throws SQLException {
		this.delegate.setNClob(arg0, arg1);
	}

	@Override
	public void setNClob(String arg0, Reader arg1, long arg2) throws SQLException {
		this.delegate.setNClob(arg0, arg1, arg2);
	}

	@Override
	public void setNString(String arg0, String arg1) throws SQLException {
		this.delegate.setNString(arg0, arg1);
	}

	@Override
	public void setNull(String arg0, int arg1) throws SQLException {
		this.delegate.setNull(arg0, arg1);
	}

	@Override
	public void setNull(String arg0, int arg1, String arg2) throws SQLException {
		this.delegate.setNull(arg0, arg1, arg2);
	}

	@Override
	public void setObject(String arg0, Object arg1) throws SQLException {
		this.delegate.setObject(arg0, arg1);
	}

	@Override
	public void setObject(String arg0, Object arg1, int arg2) throws SQLException {
		this.delegate.setObject(arg0, arg1, arg2);
	}

	@Override
	public void setObject(String arg0, Object arg1, SQLType arg2) throws SQLException {
		this.delegate.setObject(arg0, arg1, arg2);
	}

	@Override
	public void setObject(String arg0, Object arg1, int arg2, int arg3) throws SQLException {
		this.delegate.setObject(arg0, arg1, arg2, arg3);
	}

	@Override
	public void setObject(String arg0, Object arg1, SQLType arg2, int arg3) throws SQLException {
		this.delegate.setObject(arg0, arg1, arg2, arg3);
	}

	@Override
	public void setRowId(String arg0, RowId arg1) throws SQLException {
		this.delegate.setRowId(arg0, arg1);
	}

	@Override
	public void setSQLXML(String arg0, SQLXML arg1) throws SQLException {
		this.delegate.setSQLXML(arg0, arg1);
	}

	@Override
	public void setShort(String arg0, short arg1) throws SQLException {
		this.delegate.setShort(arg0, arg1);
	}

	@Override
	public void setString(String arg0, String arg1) throws SQLException {
		this.delegate.setString(arg0, arg1);
	}

	@Override
	public void setTime(String arg0, Time arg1) throws SQLException {
		this.delegate.setTime(arg0, arg1);
	}

	@Override
	public void setTime(String arg0, Time arg1, Calendar arg2) throws SQLException {
		this.delegate.setTime(arg0, arg1, arg2);
	}

	@Override
	public void setTimestamp(String arg0, Timestamp arg1) throws SQLException {
		this.delegate.setTimestamp(arg0, arg1);
	}

	@Override
	public void setTimestamp(String arg0, Timestamp arg1, Calendar arg2) throws SQLException {
		this.delegate.setTimestamp(arg0, arg1, arg2);
	}

	@Override
	public void setURL(String arg0, URL arg1) throws SQLException {
		this.delegate.setURL(arg0, arg1);
	}

	@Override
	public boolean wasNull() throws SQLException {
		return this.delegate.wasNull();
	}

}
