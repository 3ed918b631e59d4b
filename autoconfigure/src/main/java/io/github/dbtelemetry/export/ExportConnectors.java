package io.github.dbtelemetry.export;

import java.time.Duration;
import java.util.Objects;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.http.client.reactive.ClientHttpConnector;

/**
 * Builds the connector of the exporter's WebClient so that {@code databricks.telemetry.connect-timeout}
 * applies where it can only apply: when the connection is opened, inside the connector (for
 * Reactor Netty, {@code ChannelOption.CONNECT_TIMEOUT_MILLIS}). A WebClient cannot set it per
 * request, and a built connector cannot be changed afterwards.
 * <p>
 * The connector comes from the application's {@link ClientHttpConnectorBuilder} when it has one,
 * so its {@code ClientHttpConnectorBuilderCustomizer}s (proxy, wiretap, resources) still apply, and
 * from the application's {@link HttpClientSettings}, so its SSL bundle, redirects and read timeout
 * are kept; only the connect timeout is the starter's. Without either, Spring Boot's detection picks
 * the connector library on the class path and its defaults.
 */
public final class ExportConnectors {

	private ExportConnectors() {
	}

	/**
	 * @param applicationBuilder the application's connector builder, or {@code null}
	 * @param applicationSettings the application's HTTP client settings, or {@code null}
	 * @param connectTimeout the longest a connect to the workspace may take
	 * @param classLoader where to detect the connector library when there is no builder
	 */
	public static ClientHttpConnector connector(ClientHttpConnectorBuilder<?> applicationBuilder,
			HttpClientSettings applicationSettings, Duration connectTimeout, ClassLoader classLoader) {
		Objects.requireNonNull(connectTimeout, "connectTimeout");
		ClientHttpConnectorBuilder<?> builder = (applicationBuilder != null) ? applicationBuilder
				: ClientHttpConnectorBuilder.detect(classLoader);
		HttpClientSettings settings = (applicationSettings != null) ? applicationSettings
				: HttpClientSettings.defaults();
		return builder.build(settings.withConnectTimeout(connectTimeout));
	}

}
