package io.github.dbtelemetry.e2e;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.netty.channel.ChannelOption;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.http.client.autoconfigure.HttpClientAutoConfiguration;
import org.springframework.boot.http.client.autoconfigure.reactive.ClientHttpConnectorBuilderCustomizer;
import org.springframework.boot.http.client.autoconfigure.reactive.ReactiveHttpClientAutoConfiguration;
import org.springframework.boot.http.client.reactive.ReactorClientHttpConnectorBuilder;
import org.springframework.boot.webclient.WebClientCustomizer;
import org.springframework.jdbc.core.JdbcTemplate;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static io.github.dbtelemetry.e2e.ExportTestWorkspace.EXPORT_PATHS;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code connect-timeout} reaches the exporter's connector in a real application, without
 * losing the application's WebClient customizers nor its connector builder's customizers.
 */
class ExportConnectorConfigurationTests {

	private ExportTestWorkspace workspace;

	@BeforeEach
	void startWorkspace() {
		this.workspace = new ExportTestWorkspace();
		this.workspace.server.stubFor(post(urlPathMatching(EXPORT_PATHS))
			.willReturn(aResponse().withStatus(200).withBody("{\"errors\":[]}")));
	}

	@AfterEach
	void stopWorkspace() {
		this.workspace.close();
	}

	@Test
	void exporterConnectorHasTheConnectTimeoutAndKeepsTheApplicationsCustomizations() {
		List<HttpClient> builtClients = new CopyOnWriteArrayList<>();
		this.workspace.application()
			.withConfiguration(AutoConfigurations.of(HttpClientAutoConfiguration.class,
					ReactiveHttpClientAutoConfiguration.class))
			.withBean("recordingConnectorCustomizer", ClientHttpConnectorBuilderCustomizer.class,
					() -> (ClientHttpConnectorBuilderCustomizer<ReactorClientHttpConnectorBuilder>) (builder) -> builder
						.withHttpClientCustomizer((client) -> {
							builtClients.add(client);
							return client;
						}))
			.withBean("applicationHeader", WebClientCustomizer.class,
					() -> (builder) -> builder.defaultHeader("X-Application", "kept"))
			.withPropertyValues("databricks.telemetry.connect-timeout=1234ms")
			.run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				for (int i = 0; i < 3; i++) {
					jdbc.queryForObject("SELECT 1", Integer.class);
				}
				ExportTestWorkspace.enabledClient(context);
			});
		assertThat(builtClients).as("the application's connector builder customizer ran for the exporter")
			.anySatisfy((client) -> assertThat(client.configuration().options().get(ChannelOption.CONNECT_TIMEOUT_MILLIS))
				.isEqualTo(1234));
		assertThat(this.workspace.exportRequests()).isNotEmpty()
			.allSatisfy((request) -> assertThat(request.getHeader("X-Application")).isEqualTo("kept"));
		assertThat(this.workspace.listener.exported()).isEqualTo(4);
	}

}
