package io.github.dbtelemetry.internal.jdbc;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.lang.reflect.UndeclaredThrowableException;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;

import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.StatementType;

/**
 * Database metadata whose listing calls (catalogs, schemas, tables, columns, ...) are observed as
 * {@code METADATA} statements with the matching operation type: on Databricks each one is a
 * server operation. Every other method is passed to the driver's metadata by reflection.
 *
 * <p>A dynamic proxy rather than a class of about 180 hand-written delegations: applications
 * read metadata rarely (at startup, in health checks), never per statement, so the reflective
 * call costs nothing that shows.
 */
final class TelemetryDatabaseMetaData implements InvocationHandler {

	private static final Class<?>[] INTERFACES = { DatabaseMetaData.class };

	private final DatabaseMetaData delegate;

	private final TelemetryConnection connection;

	private TelemetryDatabaseMetaData(DatabaseMetaData delegate, TelemetryConnection connection) {
		this.delegate = delegate;
		this.connection = connection;
	}

	static DatabaseMetaData wrap(DatabaseMetaData delegate, TelemetryConnection connection) {
		return (DatabaseMetaData) Proxy.newProxyInstance(TelemetryDatabaseMetaData.class.getClassLoader(), INTERFACES,
				new TelemetryDatabaseMetaData(delegate, connection));
	}

	@Override
	public Object invoke(Object proxy, Method method, Object[] args) throws SQLException {
		if (method.getDeclaringClass() == Object.class) {
			return objectMethod(proxy, method.getName(), args);
		}
		return switch (method.getName()) {
			case "getConnection" -> this.connection;
			case "unwrap" -> JdbcWrappers.unwrap(proxy, this.delegate, (Class<?>) args[0]);
			case "isWrapperFor" -> JdbcWrappers.isWrapperFor(proxy, this.delegate, (Class<?>) args[0]);
			default -> {
				OperationType listing = listing(method.getName());
				yield (listing != null) ? observe(listing, method, args) : call(method, this.delegate, args);
			}
		};
	}

	private Object observe(OperationType listing, Method method, Object[] args) throws SQLException {
		// The lambda captures the method: one small object per listing, beside what the reflective
		// call makes anyway. Metadata is not on the statement path.
		return this.connection.telemetry()
			.startStatement(this.connection, StatementType.METADATA, listing, null)
			.run((metaData, sql, arguments) -> call(method, metaData, arguments), this.delegate, null, args, null);
	}

	/** The operation type of a metadata listing, {@code null} for any other method. */
	private static OperationType listing(String methodName) {
		return switch (methodName) {
			case "getCatalogs" -> OperationType.LIST_CATALOGS;
			case "getSchemas" -> OperationType.LIST_SCHEMAS;
			case "getTables" -> OperationType.LIST_TABLES;
			case "getTableTypes" -> OperationType.LIST_TABLE_TYPES;
			case "getColumns" -> OperationType.LIST_COLUMNS;
			case "getFunctions" -> OperationType.LIST_FUNCTIONS;
			case "getPrimaryKeys" -> OperationType.LIST_PRIMARY_KEYS;
			case "getImportedKeys" -> OperationType.LIST_IMPORTED_KEYS;
			case "getExportedKeys" -> OperationType.LIST_EXPORTED_KEYS;
			case "getCrossReference" -> OperationType.LIST_CROSS_REFERENCES;
			case "getTypeInfo" -> OperationType.LIST_TYPE_INFO;
			default -> null;
		};
	}

	/**
	 * Calls the driver's metadata. What the driver throws reaches the caller as the same
	 * instance, not wrapped in the {@link InvocationTargetException} of reflection.
	 */
	private static Object call(Method method, DatabaseMetaData target, Object[] args) throws SQLException {
		try {
			return method.invoke(target, args);
		}
		catch (InvocationTargetException ex) {
			Throwable failure = ex.getCause();
			if (failure instanceof SQLException sqlException) {
				throw sqlException;
			}
			if (failure instanceof RuntimeException runtimeException) {
				throw runtimeException;
			}
			if (failure instanceof Error error) {
				throw error;
			}
			// A checked exception the method does not declare (only a driver that sneaks one past
			// the compiler throws it): a dynamic proxy can only pass it on wrapped like this.
			throw new UndeclaredThrowableException(failure);
		}
		catch (IllegalAccessException ex) {
			// not expected: every method here is a public method of a public interface
			throw new IllegalStateException(ex);
		}
	}

	/** Identity equality, as the driver's own JDBC objects have, and Object's toString format. */
	private static Object objectMethod(Object proxy, String name, Object[] args) {
		return switch (name) {
			case "equals" -> proxy == args[0];
			case "hashCode" -> System.identityHashCode(proxy);
			default -> TelemetryDatabaseMetaData.class.getName() + "@"
					+ Integer.toHexString(System.identityHashCode(proxy));
		};
	}

}
