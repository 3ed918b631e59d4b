package io.github.dbtelemetry.jdbc;

import java.util.Optional;

import javax.sql.DataSource;

import io.github.dbtelemetry.export.CredentialsProvider;

/**
 * The bearer token of a data source: the one its URL carries, else the password configured on
 * its pool, read at each export so that a rotated password is picked up.
 */
final class DataSourceCredentials {

	private static final boolean HIKARI_PRESENT = isPresent("com.zaxxer.hikari.HikariDataSource");

	private DataSourceCredentials() {
	}

	static CredentialsProvider of(DatabricksJdbcUrl url, DataSource dataSource) {
		String urlToken = url.token();
		if (urlToken != null) {
			return new Fixed(urlToken);
		}
		if (HIKARI_PRESENT) {
			CredentialsProvider pool = HikariPassword.of(dataSource);
			if (pool != null) {
				return pool;
			}
		}
		return CredentialsProvider.NONE;
	}

	private static boolean isPresent(String className) {
		try {
			Class.forName(className, false, DataSourceCredentials.class.getClassLoader());
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			return false;
		}
	}

	private record Fixed(String token) implements CredentialsProvider {

		@Override
		public Optional<String> bearerToken() {
			return Optional.of(this.token);
		}

		@Override
		public String toString() {
			return "CredentialsProvider[url token]";
		}

	}

	/** Kept apart so that HikariCP is loaded only when it is on the classpath. */
	private static final class HikariPassword {

		static CredentialsProvider of(DataSource dataSource) {
			if (!(dataSource instanceof com.zaxxer.hikari.HikariDataSource hikari)) {
				return null;
			}
			return new CredentialsProvider() {

				@Override
				public Optional<String> bearerToken() {
					String password = hikari.getPassword();
					return (password != null && !password.isBlank()) ? Optional.of(password) : Optional.empty();
				}

				@Override
				public String toString() {
					return "CredentialsProvider[pool password]";
				}

			};
		}

	}

}
