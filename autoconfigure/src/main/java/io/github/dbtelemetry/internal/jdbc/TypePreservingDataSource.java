package io.github.dbtelemetry.internal.jdbc;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.cglib.proxy.Callback;
import org.springframework.cglib.proxy.CallbackFilter;
import org.springframework.cglib.proxy.Dispatcher;
import org.springframework.cglib.proxy.Enhancer;
import org.springframework.cglib.proxy.Factory;
import org.springframework.cglib.proxy.MethodInterceptor;
import org.springframework.cglib.proxy.MethodProxy;
import org.springframework.core.NativeDetector;
import org.springframework.objenesis.SpringObjenesis;

/**
 * An instrumented data source that keeps the type of the data source it instruments: a
 * subclass of, say, {@code HikariDataSource}, so that an application injecting the pool by its
 * class, or casting to it, keeps working. Getting connections, unwrapping and closing go
 * through the {@link TelemetryDataSource}; every other method goes straight to the original
 * data source, so the pool's configuration and management methods act on the real pool.
 * <p>
 * The subclass is made with Spring's repackaged CGLIB and instantiated without running a
 * constructor. Calls are dispatched without allocating: no argument array for the methods
 * without arguments, no invocation object. A data source whose class cannot be subclassed (a
 * final class, or a final {@code getConnection}) gets the plain {@link TelemetryDataSource}, and
 * so does every data source in a native image, which cannot define classes at run time.
 */
public final class TypePreservingDataSource {

	private static final Log logger = LogFactory.getLog(TypePreservingDataSource.class);

	private static final SpringObjenesis OBJENESIS = new SpringObjenesis();

	private static final int GET_CONNECTION = 0;

	private static final int THROUGH_TELEMETRY = 1;

	private static final int TO_THE_ORIGINAL = 2;

	private TypePreservingDataSource() {
	}

	/**
	 * The telemetry data source in the type of {@code original}, or {@code telemetry} itself
	 * when that type cannot be kept.
	 */
	public static DataSource of(DataSource original, TelemetryDataSource telemetry) {
		Class<?> type = original.getClass();
		// A native image cannot define classes at run time: there the type is not kept.
		if (NativeDetector.inNativeImage() || !canSubclass(type)) {
			return telemetry;
		}
		try {
			Enhancer enhancer = new Enhancer();
			enhancer.setSuperclass(type);
			enhancer.setClassLoader(type.getClassLoader());
			enhancer.setUseFactory(true);
			enhancer.setCallbackTypes(
					new Class<?>[] { MethodInterceptor.class, MethodInterceptor.class, Dispatcher.class });
			enhancer.setCallbackFilter(new TelemetryMethods());
			Class<?> proxyType = enhancer.createClass();
			Factory proxy = (Factory) OBJENESIS.newInstance(proxyType);
			proxy.setCallbacks(new Callback[] { new GettingConnections(telemetry), new ThroughTelemetry(telemetry),
					(Dispatcher) () -> original });
			return (DataSource) proxy;
		}
		catch (RuntimeException | LinkageError ex) {
			logger.debug("The data source " + type.getName() + " keeps no type of its own under telemetry", ex);
			return telemetry;
		}
	}

	private static boolean canSubclass(Class<?> type) {
		if (Modifier.isFinal(type.getModifiers()) || type.isAnonymousClass() || type.isSynthetic()) {
			return false;
		}
		try {
			for (Method method : new Method[] { type.getMethod("getConnection"),
					type.getMethod("getConnection", String.class, String.class),
					type.getMethod("unwrap", Class.class), type.getMethod("isWrapperFor", Class.class) }) {
				if (Modifier.isFinal(method.getModifiers())) {
					return false;
				}
			}
			return true;
		}
		catch (NoSuchMethodException | SecurityException ex) {
			return false;
		}
	}

	/**
	 * The methods that go through telemetry: getting connections, unwrapping and closing. The
	 * pool's {@code getConnection()}, called once per statement, has an interceptor of its own.
	 */
	private static final class TelemetryMethods implements CallbackFilter {

		@Override
		public int accept(Method method) {
			return switch (method.getName()) {
				case "getConnection" -> (method.getParameterCount() == 0) ? GET_CONNECTION : THROUGH_TELEMETRY;
				case "unwrap", "isWrapperFor" -> THROUGH_TELEMETRY;
				case "close", "toString" -> (method.getParameterCount() == 0) ? THROUGH_TELEMETRY : TO_THE_ORIGINAL;
				default -> TO_THE_ORIGINAL;
			};
		}

		// CGLIB caches generated classes by their callback filter: one per filter class is right.
		@Override
		public boolean equals(Object other) {
			return other instanceof TelemetryMethods;
		}

		@Override
		public int hashCode() {
			return TelemetryMethods.class.hashCode();
		}

	}

	/**
	 * The pool's {@code getConnection()}, without looking at the method: this call is inlined
	 * into the application's code on every checkout, and a name switch there would spend the
	 * compiler's inlining budget that the application's own calls (reading rows) need.
	 */
	private record GettingConnections(TelemetryDataSource telemetry) implements MethodInterceptor {

		@Override
		public Object intercept(Object proxy, Method method, Object[] args, MethodProxy methodProxy)
				throws SQLException {
			return this.telemetry.getConnection();
		}

	}

	private record ThroughTelemetry(TelemetryDataSource telemetry) implements MethodInterceptor {

		@Override
		public Object intercept(Object proxy, Method method, Object[] args, MethodProxy methodProxy)
				throws Exception {
			return switch (method.getName()) {
				case "getConnection" -> this.telemetry.getConnection((String) args[0], (String) args[1]);
				case "unwrap" -> this.telemetry.unwrap((Class<?>) args[0]);
				case "isWrapperFor" -> this.telemetry.isWrapperFor((Class<?>) args[0]);
				case "close" -> {
					this.telemetry.close();
					yield null;
				}
				case "toString" -> this.telemetry.toString();
				default -> throw new SQLException("Not a telemetry method: " + method.getName());
			};
		}

	}

}
