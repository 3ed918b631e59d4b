package io.github.dbtelemetry.internal.auth;

import java.util.Optional;
import java.util.Properties;

import javax.sql.DataSource;

import io.github.dbtelemetry.auth.DatabricksCredentialsProvider;
import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.internal.OptionalLibraries;
import io.github.dbtelemetry.internal.databricks.DatabricksJdbcUrl;
import io.github.dbtelemetry.model.AuthFlow;

/**
 * The bearer token of a data source, in this order: the application's
 * {@link DatabricksCredentialsProvider} bean when it has one for the host; the personal access
 * token or OAuth access token its URL carries ({@code UID=token;PWD=...}, or
 * {@code AuthMech=11;Auth_Flow=0;Auth_AccessToken=...}); an OAuth machine-to-machine token
 * ({@code Auth_Flow=1} with {@code OAuth2ClientId}/{@code OAuth2Secret}) from the URL's own token
 * endpoint; else the password configured on its pool when its user is {@code token}, read at each
 * export so that a rotated password is picked up. With none, exports go unauthenticated.
 */
public final class DataSourceCredentials {

	private DataSourceCredentials() {
	}

	/**
	 * @param url the data source's URL and connection properties
	 * @param host the key of the host's client, as the application's bean is asked for it
	 * @param dataSource the data source, whose pool may hold a password
	 * @param dataSourceName the bean name, for the one WARN when an OAuth token is not requested
	 * @param application the application's credentials bean, or {@code null}
	 * @param clientCredentials how OAuth machine-to-machine tokens are obtained, or {@code null}
	 */
	public static TokenSource of(DatabricksJdbcUrl url, String host, DataSource dataSource, String dataSourceName,
			DatabricksCredentialsProvider application, OAuthClientCredentials.Factory clientCredentials) {
		TokenSource own = own(url, dataSource, dataSourceName, clientCredentials);
		if (application == null) {
			return own;
		}
		return new TokenSource() {

			@Override
			public Optional<String> bearerToken() {
				Optional<String> supplied = application.bearerToken(host);
				return (supplied != null && supplied.filter((token) -> !token.isBlank()).isPresent()) ? supplied
						: own.bearerToken();
			}

			@Override
			public String toString() {
				return "TokenSource[application bean, else " + own + "]";
			}

		};
	}

	private static TokenSource own(DatabricksJdbcUrl url, DataSource dataSource, String dataSourceName,
			OAuthClientCredentials.Factory clientCredentials) {
		String urlToken = url.token();
		if (urlToken != null) {
			return new Fixed(urlToken);
		}
		if (url.authFlow() == AuthFlow.CLIENT_CREDENTIALS && clientCredentials != null && url.clientId() != null
				&& url.clientSecret() != null) {
			// The URL's token endpoint, never the telemetry base URL: that may be a proxy or collector.
			return clientCredentials.create(dataSourceName, url.tokenEndpoint(), url.clientId(), url.clientSecret());
		}
		if (OptionalLibraries.HIKARI) {
			TokenSource pool = HikariPassword.of(dataSource, url.user());
			if (pool != null) {
				return pool;
			}
		}
		return TokenSource.NONE;
	}

	/** The connection properties configured on the pool, which the driver reads like URL properties. */
	public static Properties poolProperties(DataSource dataSource) {
		return OptionalLibraries.HIKARI ? HikariPassword.properties(dataSource) : null;
	}

	private record Fixed(String token) implements TokenSource {

		@Override
		public Optional<String> bearerToken() {
			return Optional.of(this.token);
		}

		@Override
		public String toString() {
			return "TokenSource[url token]";
		}

	}

	/** Kept apart so that HikariCP is loaded only when it is on the classpath. */
	private static final class HikariPassword {

		static Properties properties(DataSource dataSource) {
			return (dataSource instanceof com.zaxxer.hikari.HikariDataSource hikari) ? hikari.getDataSourceProperties()
					: null;
		}

		/**
		 * @param urlUser the user the URL or connection properties name, which the driver uses
		 * before the pool's {@code username}
		 */
		static TokenSource of(DataSource dataSource, String urlUser) {
			if (!(dataSource instanceof com.zaxxer.hikari.HikariDataSource hikari)) {
				return null;
			}
			return new TokenSource() {

				// A password is a bearer token only as the password of the user "token"; any other
				// user's password (an LDAP login, say) must never leave for a telemetry endpoint.
				@Override
				public Optional<String> bearerToken() {
					String user = (urlUser != null) ? urlUser : hikari.getUsername();
					String password = hikari.getPassword();
					return (DatabricksJdbcUrl.isTokenUser(user) && password != null && !password.isBlank())
							? Optional.of(password) : Optional.empty();
				}

				@Override
				public String toString() {
					return "TokenSource[pool password]";
				}

			};
		}

	}

}
