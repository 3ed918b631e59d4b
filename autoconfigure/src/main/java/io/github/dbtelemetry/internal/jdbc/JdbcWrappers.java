package io.github.dbtelemetry.internal.jdbc;

import java.sql.SQLException;
import java.sql.Wrapper;

/**
 * {@link Wrapper} semantics shared by every wrapper: the wrapper itself, then what it wraps,
 * then whatever that one wraps — so {@code unwrap} still reaches a pool or a driver's own
 * interfaces through this starter.
 */
final class JdbcWrappers {

	private JdbcWrappers() {
	}

	static <T> T unwrap(Object wrapper, Wrapper delegate, Class<T> iface) throws SQLException {
		if (iface.isInstance(wrapper)) {
			return iface.cast(wrapper);
		}
		if (iface.isInstance(delegate)) {
			return iface.cast(delegate);
		}
		return delegate.unwrap(iface);
	}

	static boolean isWrapperFor(Object wrapper, Wrapper delegate, Class<?> iface) throws SQLException {
		return iface.isInstance(wrapper) || iface.isInstance(delegate) || delegate.isWrapperFor(iface);
	}

}
