package io.github.dbtelemetry.internal.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.internal.operation.DatabricksOperation;
import io.github.dbtelemetry.internal.operation.OperationSink;
import io.github.dbtelemetry.internal.operation.StatementOperation;
import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.StatementType;
import io.micrometer.observation.ObservationRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/**
 * Every observed call, one by one: the caller gets the driver's own result or the driver's own
 * exception instance, and exactly one operation is recorded with the statement and operation
 * type that the call stands for.
 */
class ObservedCallTests {

	private static final Map<String, OperationType> LISTINGS = Map.ofEntries(
			Map.entry("getCatalogs", OperationType.LIST_CATALOGS), Map.entry("getSchemas", OperationType.LIST_SCHEMAS),
			Map.entry("getTables", OperationType.LIST_TABLES),
			Map.entry("getTableTypes", OperationType.LIST_TABLE_TYPES),
			Map.entry("getColumns", OperationType.LIST_COLUMNS),
			Map.entry("getFunctions", OperationType.LIST_FUNCTIONS),
			Map.entry("getPrimaryKeys", OperationType.LIST_PRIMARY_KEYS),
			Map.entry("getImportedKeys", OperationType.LIST_IMPORTED_KEYS),
			Map.entry("getExportedKeys", OperationType.LIST_EXPORTED_KEYS),
			Map.entry("getCrossReference", OperationType.LIST_CROSS_REFERENCES),
			Map.entry("getTypeInfo", OperationType.LIST_TYPE_INFO));

	private final List<StatementOperation> recorded = new CopyOnWriteArrayList<>();

	private final DataSourceTelemetry telemetry = JdbcTestTelemetry.dataSource(new OperationSink() {

		@Override
		public boolean isRecording() {
			return true;
		}

		@Override
		public void record(DatabricksOperation operation) {
			ObservedCallTests.this.recorded.add((StatementOperation) operation);
		}

	}, ObservationRegistry.NOOP);

	// what the driver's objects do when called; set per case
	private Driver driver;

	@Test
	void everyExecuteVariantHandsBackTheDriversResultAndRecordsOneOperation() throws Exception {
		for (Class<? extends Statement> type : List.of(Statement.class, PreparedStatement.class,
				CallableStatement.class)) {
			for (Method method : executeMethods(type)) {
				ResultSet driverRows = driverObject(ResultSet.class, (name) -> null);
				int[] counts = { 3 };
				long[] largeCounts = { 3L };
				this.driver = (name, returnType) -> (returnType == ResultSet.class) ? driverRows
						: (returnType == int.class) ? 1000 : (returnType == long.class) ? 1000L
								: (returnType == boolean.class) ? false : (returnType == int[].class) ? counts
										: largeCounts;
				this.recorded.clear();
				Statement statement = statementOf(type);
				Object result = method.invoke(statement, arguments(method));
				if (result instanceof ResultSet rows) {
					assertThat(((TelemetryResultSet) rows).getDelegate()).as(method.toString()).isSameAs(driverRows);
					assertThat(this.recorded).as("%s: still being read", method).isEmpty();
					rows.close();
				}
				else if (method.getReturnType().isArray()) {
					assertThat(result).as(method.toString()).isSameAs(method.getReturnType() == int[].class ? counts
							: largeCounts);
				}
				else {
					assertThat(result).as(method.toString()).isIn(1000, 1000L, false);
				}
				assertThat(this.recorded).as(method.toString()).singleElement().satisfies((operation) -> {
					assertThat(operation.getStatementType()).isEqualTo(expectedType(method));
					assertThat(operation.getOperationType()).isEqualTo(OperationType.EXECUTE_STATEMENT);
					assertThat(operation.getFailure()).isNull();
				});
			}
		}
	}

	@Test
	void everyExecuteVariantRethrowsTheDriversOwnException() throws Exception {
		for (Class<? extends Statement> type : List.of(Statement.class, PreparedStatement.class,
				CallableStatement.class)) {
			for (Method method : executeMethods(type)) {
				for (Exception failure : List.of(new SQLException("boom", "42000"), new IllegalStateException("bad"))) {
					this.driver = (name, returnType) -> {
						throw failure;
					};
					this.recorded.clear();
					Statement statement = statementOf(type);
					Throwable thrown = catchThrowable(() -> method.invoke(statement, arguments(method)));
					assertThat(thrown).as(method.toString()).isInstanceOf(InvocationTargetException.class);
					assertThat(thrown.getCause()).as(method.toString()).isSameAs(failure);
					assertThat(this.recorded).as(method.toString()).singleElement().satisfies((operation) -> {
						assertThat(operation.getStatementType()).isEqualTo(expectedType(method));
						assertThat(operation.getFailure()).isSameAs(failure);
					});
				}
			}
		}
	}

	@Test
	void executeWithAResultSetLastsUntilTheStatementMovesOn() throws Exception {
		this.driver = (name, returnType) -> (returnType == boolean.class) ? true : null;
		Statement statement = statementOf(Statement.class);
		assertThat(statement.execute("SELECT 1")).isTrue();
		assertThat(this.recorded).isEmpty();
		statement.getMoreResults();
		assertThat(this.recorded).singleElement()
			.satisfies((operation) -> assertThat(operation.getStatementType()).isEqualTo(StatementType.SQL));
	}

	@Test
	void everyMetadataListingIsRecordedAsMetadataWithItsOperationType() throws Exception {
		for (Method method : DatabaseMetaData.class.getMethods()) {
			OperationType expected = LISTINGS.get(method.getName());
			if (expected == null) {
				continue;
			}
			ResultSet driverRows = driverObject(ResultSet.class, (name) -> null);
			this.driver = (name, returnType) -> driverRows;
			this.recorded.clear();
			ResultSet rows = (ResultSet) method.invoke(metaData(), arguments(method));
			assertThat(((TelemetryResultSet) rows).getDelegate()).as(method.toString()).isSameAs(driverRows);
			assertThat(rows.getStatement()).as(method.toString()).isNull();
			rows.close();
			assertThat(this.recorded).as(method.toString()).singleElement().satisfies((operation) -> {
				assertThat(operation.getStatementType()).isEqualTo(StatementType.METADATA);
				assertThat(operation.getOperationType()).isEqualTo(expected);
				assertThat(operation.getFailure()).isNull();
			});
		}
	}

	@Test
	void metadataListingWithoutAResultIsOverAtOnce() throws Exception {
		this.driver = (name, returnType) -> null;
		assertThat(metaData().getCatalogs()).isNull();
		assertThat(this.recorded).singleElement()
			.satisfies((operation) -> assertThat(operation.getOperationType()).isEqualTo(OperationType.LIST_CATALOGS));
	}

	@Test
	void metadataRethrowsTheDriversOwnException() throws Exception {
		for (Exception failure : List.of(new SQLException("boom", "42000"), new IllegalStateException("bad"))) {
			this.driver = (name, returnType) -> {
				throw failure;
			};
			this.recorded.clear();
			DatabaseMetaData metaData = metaData();
			assertThat(catchThrowable(() -> metaData.getTables(null, null, "T", null))).isSameAs(failure);
			assertThat(this.recorded).singleElement().satisfies((operation) -> {
				assertThat(operation.getOperationType()).isEqualTo(OperationType.LIST_TABLES);
				assertThat(operation.getFailure()).isSameAs(failure);
			});
			assertThat(catchThrowable(metaData::getURL)).isSameAs(failure);
			assertThat(catchThrowable(() -> metaData.getAttributes(null, null, null, null))).isSameAs(failure);
			assertThat(catchThrowable(metaData::supportsSharding)).as("a default method of the interface")
				.isSameAs(failure);
			assertThat(this.recorded).hasSize(1);
		}
	}

	@Test
	void metadataAnswersForItselfAndReachesTheDriversInterfaces() throws Exception {
		this.driver = (name, returnType) -> null;
		TelemetryConnection connection = connection();
		DatabaseMetaData metaData = connection.getMetaData();
		assertThat(metaData.getConnection()).isSameAs(connection);
		assertThat(metaData.unwrap(DatabaseMetaData.class)).isSameAs(metaData);
		assertThat(metaData.unwrap(DriverMetaData.class)).isInstanceOf(DriverMetaData.class).isNotSameAs(metaData);
		assertThat(metaData.isWrapperFor(DriverMetaData.class)).isTrue();
		assertThat(metaData.isWrapperFor(String.class)).isFalse();
		assertThat(metaData).isEqualTo(metaData).isNotEqualTo(connection.getMetaData()).hasSameHashCodeAs(metaData);
		assertThat(metaData.toString()).isNotBlank();
		assertThat(this.recorded).isEmpty();
	}

	private static List<Method> executeMethods(Class<?> type) {
		return Arrays.stream(type.getMethods()).filter((method) -> method.getName().startsWith("execute")).toList();
	}

	private static StatementType expectedType(Method method) {
		return switch (method.getName()) {
			case "executeQuery" -> StatementType.QUERY;
			case "execute" -> StatementType.SQL;
			default -> StatementType.UPDATE;
		};
	}

	private Statement statementOf(Class<? extends Statement> type) throws SQLException {
		TelemetryConnection connection = connection();
		if (type == CallableStatement.class) {
			return connection.prepareCall("CALL x()");
		}
		return (type == PreparedStatement.class) ? connection.prepareStatement("SELECT ?")
				: connection.createStatement();
	}

	private DatabaseMetaData metaData() throws SQLException {
		return connection().getMetaData();
	}

	private TelemetryConnection connection() {
		Connection driverConnection = driverObject(Connection.class, (name) -> switch (name) {
			case "createStatement" -> driverAnswering(Statement.class);
			case "prepareStatement" -> driverAnswering(PreparedStatement.class);
			case "prepareCall" -> driverAnswering(CallableStatement.class);
			case "getMetaData" -> driverAnswering(DriverMetaData.class);
			default -> null;
		});
		return new TelemetryConnection(driverConnection, this.telemetry, "s");
	}

	// a driver object whose JDBC methods answer what this.driver says
	private <T> T driverAnswering(Class<T> type) {
		return driverObject(type, null);
	}

	@SuppressWarnings("unchecked")
	private <T> T driverObject(Class<T> type, java.util.function.Function<String, Object> answers) {
		return (T) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { type },
				(proxy, method, args) -> {
					if (method.getDeclaringClass() == Object.class) {
						return switch (method.getName()) {
							case "equals" -> proxy == args[0];
							case "hashCode" -> System.identityHashCode(proxy);
							default -> type.getSimpleName();
						};
					}
					if (method.getName().equals("isWrapperFor")) {
						return ((Class<?>) args[0]).isInstance(proxy);
					}
					if (method.getName().equals("unwrap")) {
						return proxy;
					}
					return (answers != null) ? answers.apply(method.getName())
							: this.driver.answer(method.getName(), method.getReturnType());
				});
	}

	private static Object[] arguments(Method method) {
		return Arrays.stream(method.getParameterTypes()).map(ObservedCallTests::sample).toArray();
	}

	private static Object sample(Class<?> type) {
		if (type == int.class) {
			return 1;
		}
		if (type == boolean.class) {
			return true;
		}
		if (type == String.class) {
			return "SELECT 1";
		}
		if (type.isArray()) {
			return java.lang.reflect.Array.newInstance(type.getComponentType(), 1);
		}
		return null;
	}

	@FunctionalInterface
	private interface Driver {

		Object answer(String methodName, Class<?> returnType) throws Exception;

	}

	/** An interface of the driver's own, beyond JDBC. */
	interface DriverMetaData extends DatabaseMetaData {

	}

}
