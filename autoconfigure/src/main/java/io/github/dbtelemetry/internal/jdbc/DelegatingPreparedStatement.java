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
import java.sql.ParameterMetaData;
import java.sql.PreparedStatement;
import java.sql.Ref;
import java.sql.ResultSetMetaData;
import java.sql.RowId;
import java.sql.SQLException;
import java.sql.SQLType;
import java.sql.SQLXML;
import java.sql.Time;
import java.sql.Timestamp;
import java.util.Calendar;

/**
 * The {@link PreparedStatement} methods that a prepared statement wrapper passes straight
 * through: parameters, metadata and batching. A class has one superclass, so this one sits
 * between {@link TelemetryStatement} and {@link TelemetryPreparedStatement}: the prepared
 * statement keeps every observed execution of a statement and adds its own.
 *
 * <p>Public, though only this package extends it (its constructor is package-private): were
 * it package-private, the compiler would give its public subclass a bridge method for every
 * inherited method, a call more on each JDBC call the application makes.
 *
 * @param <P> the type of the wrapped statement
 */
public abstract class DelegatingPreparedStatement<P extends PreparedStatement> extends TelemetryStatement<P>
		implements PreparedStatement {

	DelegatingPreparedStatement(P delegate, TelemetryConnection connection) {
		super(delegate, connection);
	}

	@Override
	public void addBatch() throws SQLException {
		this.delegate.addBatch();
	}

	@Override
	public void clearParameters() throws SQLException {
		this.delegate.clearParameters();
	}

	@Override
	public ResultSetMetaData getMetaData() throws SQLException {
		return this.delegate.getMetaData();
	}

	@Override
	public ParameterMetaData getParameterMetaData() throws SQLException {
		return this.delegate.getParameterMetaData();
	}

	@Override
	public void setArray(int arg0, Array arg1) throws SQLException {
		this.delegate.setArray(arg0, arg1);
	}

	@Override
	public void setAsciiStream(int arg0, InputStream arg1) throws SQLException {
		this.delegate.setAsciiStream(arg0, arg1);
	}

	@Override
	public void setAsciiStream(int arg0, InputStream arg1, int arg2) throws SQLException {
		this.delegate.setAsciiStream(arg0, arg1, arg2);
	}

	@Override
	public void setAsciiStream(int arg0, InputStream arg1, long arg2) throws SQLException {
		this.delegate.setAsciiStream(arg0, arg1, arg2);
	}

	@Override
	public void setBigDecimal(int arg0, BigDecimal arg1) throws SQLException {
		this.delegate.setBigDecimal(arg0, arg1);
	}

	@Override
	public void setBinaryStream(int arg0, InputStream arg1) throws SQLException {
		this.delegate.setBinaryStream(arg0, arg1);
	}

	@Override
	public void setBinaryStream(int arg0, InputStream arg1, int arg2) throws SQLException {
		this.delegate.setBinaryStream(arg0, arg1, arg2);
	}

	@Override
	public void setBinaryStream(int arg0, InputStream arg1, long arg2) throws SQLException {
		this.delegate.setBinaryStream(arg0, arg1, arg2);
	}

	@Override
	public void setBlob(int arg0, InputStream arg1) throws SQLException {
		this.delegate.setBlob(arg0, arg1);
	}

	@Override
	public void setBlob(int arg0, Blob arg1) throws SQLException {
		this.delegate.setBlob(arg0, arg1);
	}

	@Override
	public void setBlob(int arg0, InputStream arg1, long arg2) throws SQLException {
		this.delegate.setBlob(arg0, arg1, arg2);
	}

	@Override
	public void setBoolean(int arg0, boolean arg1) throws SQLException {
		this.delegate.setBoolean(arg0, arg1);
	}

	@Override
	public void setByte(int arg0, byte arg1) throws SQLException {
		this.delegate.setByte(arg0, arg1);
	}

	@Override
	public void setBytes(int arg0, byte[] arg1) throws SQLException {
		this.delegate.setBytes(arg0, arg1);
	}

	@Override
	public void setCharacterStream(int arg0, Reader arg1) throws SQLException {
		this.delegate.setCharacterStream(arg0, arg1);
	}

	@Override
	public void setCharacterStream(int arg0, Reader arg1, int arg2) throws SQLException {
		this.delegate.setCharacterStream(arg0, arg1, arg2);
	}

	@Override
	public void setCharacterStream(int arg0, Reader arg1, long arg2) throws SQLException {
		this.delegate.setCharacterStream(arg0, arg1, arg2);
	}

	@Override
	public void setClob(int arg0, Reader arg1) throws SQLException {
		this.delegate.setClob(arg0, arg1);
	}

	@Override
	public void setClob(int arg0, Clob arg1) throws SQLException {
		this.delegate.setClob(arg0, arg1);
	}

	@Override
	public void setClob(int arg0, Reader arg1, long arg2) throws SQLException {
		this.delegate.setClob(arg0, arg1, arg2);
	}

	@Override
	public void setDate(int arg0, Date arg1) throws SQLException {
		this.delegate.setDate(arg0, arg1);
	}

	@Override
	public void setDate(int arg0, Date arg1, Calendar arg2) throws SQLException {
		this.delegate.setDate(arg0, arg1, arg2);
	}

	@Override
	public void setDouble(int arg0, double arg1) throws SQLException {
		this.delegate.setDouble(arg0, arg1);
	}

	@Override
	public void setFloat(int arg0, float arg1) throws SQLException {
		this.delegate.setFloat(arg0, arg1);
	}

	@Override
	public void setInt(int arg0, int arg1) throws SQLException {
		this.delegate.setInt(arg0, arg1);
	}

	@Override
	public void setLong(int arg0, long arg1) throws SQLException {
		this.delegate.setLong(arg0, arg1);
	}

	@Override
	public void setNCharacterStream(int arg0, Reader arg1) throws SQLException {
		this.delegate.setNCharacterStream(arg0, arg1);
	}

	@Override
	public void setNCharacterStream(int arg0, Reader arg1, long arg2) throws SQLException {
		this.delegate.setNCharacterStream(arg0, arg1, arg2);
	}

	@Override
	public void setNClob(int arg0, Reader arg1) throws SQLException {
		this.delegate.setNClob(arg0, arg1);
	}

	@Override
	public void setNClob(int arg0, NClob arg1) throws SQLException {
		this.delegate.setNClob(arg0, arg1);
	}

	@Override
	public void setNClob(int arg0, Reader arg1, long arg2) throws SQLException {
		this.delegate.setNClob(arg0, arg1, arg2);
	}

	@Override
	public void setNString(int arg0, String arg1) throws SQLException {
		this.delegate.setNString(arg0, arg1);
	}

	@Override
	public void setNull(int arg0, int arg1) throws SQLException {
		this.delegate.setNull(arg0, arg1);
	}

	@Override
	public void setNull(int arg0, int arg1, String arg2) throws SQLException {
		this.delegate.setNull(arg0, arg1, arg2);
	}

	@Override
	public void setObject(int arg0, Object arg1) throws SQLException {
		this.delegate.setObject(arg0, arg1);
	}

	@Override
	public void setObject(int arg0, Object arg1, int arg2) throws SQLException {
		this.delegate.setObject(arg0, arg1, arg2);
	}

	@Override
	public void setObject(int arg0, Object arg1, SQLType arg2) throws SQLException {
		this.delegate.setObject(arg0, arg1, arg2);
	}

	@Override
	public void setObject(int arg0, Object arg1, int arg2, int arg3) throws SQLException {
		this.delegate.setObject(arg0, arg1, arg2, arg3);
	}

	@Override
	public void setObject(int arg0, Object arg1, SQLType arg2, int arg3) throws SQLException {
		this.delegate.setObject(arg0, arg1, arg2, arg3);
	}

	@Override
	public void setRef(int arg0, Ref arg1) throws SQLException {
		this.delegate.setRef(arg0, arg1);
	}

	@Override
	public void setRowId(int arg0, RowId arg1) throws SQLException {
		this.delegate.setRowId(arg0, arg1);
	}

	@Override
	public void setSQLXML(int arg0, SQLXML arg1) throws SQLException {
		this.delegate.setSQLXML(arg0, arg1);
	}

	@Override
	public void setShort(int arg0, short arg1) throws SQLException {
		this.delegate.setShort(arg0, arg1);
	}

	@Override
	public void setString(int arg0, String arg1) throws SQLException {
		this.delegate.setString(arg0, arg1);
	}

	@Override
	public void setTime(int arg0, Time arg1) throws SQLException {
		this.delegate.setTime(arg0, arg1);
	}

	@Override
	public void setTime(int arg0, Time arg1, Calendar arg2) throws SQLException {
		this.delegate.setTime(arg0, arg1, arg2);
	}

	@Override
	public void setTimestamp(int arg0, Timestamp arg1) throws SQLException {
		this.delegate.setTimestamp(arg0, arg1);
	}

	@Override
	public void setTimestamp(int arg0, Timestamp arg1, Calendar arg2) throws SQLException {
		this.delegate.setTimestamp(arg0, arg1, arg2);
	}

	@Override
	public void setURL(int arg0, URL arg1) throws SQLException {
		this.delegate.setURL(arg0, arg1);
	}

	@Deprecated
	@Override
	public void setUnicodeStream(int arg0, InputStream arg1, int arg2) throws SQLException {
		this.delegate.setUnicodeStream(arg0, arg1, arg2);
	}

}
