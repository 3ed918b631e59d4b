package io.github.dbtelemetry.internal.jdbc;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

import org.junit.jupiter.api.Test;

import io.micrometer.observation.ObservationRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every JDBC method of every wrapper reaches the wrapped object with the same arguments and
 * hands back what it returned; only the methods that must wrap their result (statements,
 * result sets, metadata, the owning connection) are left to the behavioural tests.
 */
class DelegationTests {

	// Methods whose results are wrapped or answered by the wrapper itself.
	private static final Set<String> WRAPPING = Set.of("createStatement", "prepareStatement", "prepareCall",
			"getMetaData", "getConnection", "getStatement", "getResultSet", "getGeneratedKeys", "executeQuery",
			"unwrap", "isWrapperFor", "getCatalogs", "getSchemas", "getTables", "getTableTypes", "getColumns",
			"getFunctions", "getPrimaryKeys", "getImportedKeys", "getExportedKeys", "getCrossReference",
			"getTypeInfo");

	private final DataSourceTelemetry telemetry = JdbcTestTelemetry.dataSource(null, ObservationRegistry.NOOP);

	@Test
	void connectionDelegatesEveryMethod() throws Exception {
		assertDelegates(Connection.class, (delegate) -> new TelemetryConnection(delegate, this.telemetry, "s"));
	}

	@Test
	void statementDelegatesEveryMethod() throws Exception {
		assertDelegates(Statement.class, (delegate) -> new TelemetryStatement<>(delegate, connection()));
	}

	@Test
	void preparedStatementDelegatesEveryMethod() throws Exception {
		assertDelegates(PreparedStatement.class,
				(delegate) -> new TelemetryPreparedStatement<>(delegate, connection(), "SELECT 1"));
	}

	@Test
	void callableStatementDelegatesEveryMethod() throws Exception {
		assertDelegates(CallableStatement.class,
				(delegate) -> new TelemetryCallableStatement(delegate, connection(), "CALL x()"));
	}

	@Test
	void resultSetDelegatesEveryMethod() throws Exception {
		assertDelegates(ResultSet.class, (delegate) -> new TelemetryResultSet(delegate, null, null));
	}

	@Test
	void databaseMetaDataDelegatesEveryMethod() throws Exception {
		assertDelegates(DatabaseMetaData.class, (delegate) -> TelemetryDatabaseMetaData.wrap(delegate, connection()));
	}

	/**
	 * A public wrapper that inherits its delegating methods from a package-private class gets a
	 * bridge method from the compiler for each of them: every JDBC call would go through two
	 * methods instead of one, a level more for the JIT to inline on each call in an application's
	 * row loop.
	 */
	@Test
	void wrappersReachTheirDelegatingMethodsWithoutBridges() {
		for (Class<?> wrapper : List.of(TelemetryConnection.class, TelemetryStatement.class,
				TelemetryPreparedStatement.class, TelemetryCallableStatement.class, TelemetryResultSet.class)) {
			assertThat(Arrays.stream(wrapper.getDeclaredMethods()).filter(Method::isBridge).map(Method::getName))
				.as(wrapper.getSimpleName())
				.isEmpty();
		}
	}

	private TelemetryConnection connection() {
		return new TelemetryConnection(recording(Connection.class, new ArrayList<>()), this.telemetry, "s");
	}

	private <T> void assertDelegates(Class<T> type, Function<T, T> wrap) throws Exception {
		List<Object[]> calls = new ArrayList<>();
		T delegate = recording(type, calls);
		T wrapper = wrap.apply(delegate);
		int checked = 0;
		for (Method method : type.getMethods()) {
			if (Modifier.isStatic(method.getModifiers()) || WRAPPING.contains(method.getName())) {
				continue;
			}
			calls.clear();
			Object[] arguments = arguments(method);
			Object result;
			try {
				result = method.invoke(wrapper, arguments);
			}
			catch (InvocationTargetException ex) {
				throw new AssertionError(method + " threw " + ex.getCause(), ex.getCause());
			}
			assertThat(calls).as(method.toString()).isNotEmpty();
			Object[] call = calls.get(calls.size() - 1);
			assertThat(((Method) call[0]).getName()).as(method.toString()).isEqualTo(method.getName());
			assertThat((Object[]) call[1]).as(method.toString()).containsExactly(arguments);
			if (method.getReturnType() != void.class) {
				assertThat(result).as(method.toString()).isEqualTo(call[2]);
			}
			checked++;
		}
		assertThat(checked).isGreaterThan(5);
	}

	@SuppressWarnings("unchecked")
	private static <T> T recording(Class<T> type, List<Object[]> calls) {
		return (T) Proxy.newProxyInstance(DelegationTests.class.getClassLoader(), new Class<?>[] { type },
				(proxy, method, args) -> {
					if (method.getDeclaringClass() == Object.class) {
						return switch (method.getName()) {
							case "equals" -> proxy == args[0];
							case "hashCode" -> System.identityHashCode(proxy);
							default -> type.getSimpleName() + "Proxy";
						};
					}
					Object value = sample(method.getReturnType());
					calls.add(new Object[] { method, (args != null) ? args : new Object[0], value });
					return value;
				});
	}

	private static Object[] arguments(Method method) {
		return Arrays.stream(method.getParameterTypes()).map(DelegationTests::sample).toArray();
	}

	private static Object sample(Class<?> type) {
		if (type == boolean.class) {
			return true;
		}
		if (type == int.class) {
			return 7;
		}
		if (type == long.class) {
			return 7L;
		}
		if (type == short.class) {
			return (short) 7;
		}
		if (type == byte.class) {
			return (byte) 7;
		}
		if (type == float.class) {
			return 7f;
		}
		if (type == double.class) {
			return 7d;
		}
		if (type == String.class) {
			return "seven";
		}
		if (type.isArray()) {
			return java.lang.reflect.Array.newInstance(type.getComponentType(), 1);
		}
		return null;
	}

}
