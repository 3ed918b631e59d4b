package io.github.dbtelemetry.export;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import io.netty.channel.ChannelOption;
import io.netty.channel.ConnectTimeoutException;
import org.junit.jupiter.api.Test;
import reactor.netty.http.client.HttpClient;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.reactive.ClientHttpConnectorBuilder;
import org.springframework.web.reactive.function.client.WebClient;

import io.github.dbtelemetry.model.TelemetryFrontendLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * {@code connect-timeout} reaches the connector: structurally (the Reactor Netty client carries
 * the option) and for real, against a loopback listener whose accept queue is full so that a
 * connect hangs (only loopback may be targeted).
 */
class ExportConnectorsTest {

	private static final ClassLoader CLASS_LOADER = ExportConnectorsTest.class.getClassLoader();

	@Test
	void reactorNettyClientCarriesTheConnectTimeout() {
		AtomicReference<HttpClient> built = new AtomicReference<>();
		ClientHttpConnectorBuilder<?> builder = ClientHttpConnectorBuilder.reactor()
			.withHttpClientCustomizer((client) -> capture(built, client));

		ExportConnectors.connector(builder, null, Duration.ofMillis(1234), CLASS_LOADER);

		assertThat(built.get().configuration().options().get(ChannelOption.CONNECT_TIMEOUT_MILLIS)).isEqualTo(1234);
	}

	@Test
	void applicationSettingsOtherThanTheConnectTimeoutAreKept() {
		AtomicReference<HttpClient> built = new AtomicReference<>();
		ClientHttpConnectorBuilder<?> builder = ClientHttpConnectorBuilder.reactor()
			.withHttpClientCustomizer((client) -> capture(built, client));
		HttpClientSettings application = HttpClientSettings.defaults()
			.withTimeouts(Duration.ofSeconds(42), Duration.ofSeconds(17));

		ExportConnectors.connector(builder, application, Duration.ofMillis(250), CLASS_LOADER);

		assertThat(built.get().configuration().options().get(ChannelOption.CONNECT_TIMEOUT_MILLIS)).isEqualTo(250);
		assertThat(built.get().configuration().responseTimeout()).isEqualTo(Duration.ofSeconds(17));
	}

	@Test
	void withoutAnApplicationBuilderTheDetectedConnectorIsReactorNetty() {
		assertThat(ExportConnectors.connector(null, null, Duration.ofSeconds(5), CLASS_LOADER))
			.isInstanceOf(org.springframework.http.client.reactive.ReactorClientHttpConnector.class);
	}

	@Test
	void aConnectThatHangsEndsWithTheConnectTimeoutNotTheResponseTimeout() throws Exception {
		try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
			List<Socket> queued = fillAcceptQueue(listener);
			try {
				List<Throwable> failures = new CopyOnWriteArrayList<>();
				WebClient webClient = WebClient.builder()
					.clientConnector(ExportConnectors.connector(null, null, Duration.ofMillis(200), CLASS_LOADER))
					.filter((request, next) -> next.exchange(request).doOnError(failures::add))
					.build();
				// The response timeout is far longer than the test may run: only the connect
				// timeout can end this export.
				ExportRetrySettings settings = new ExportRetrySettings(0, Duration.ofMillis(10), Duration.ofMillis(10),
						Duration.ofMillis(200), Duration.ofMinutes(5));
				DatabricksTelemetryExporter exporter = new DatabricksTelemetryExporter(webClient,
						new TelemetryPayloadSerializer(), settings, "test");
				TelemetryEndpoint endpoint = new TelemetryEndpoint("127.0.0.1",
						URI.create("http://127.0.0.1:" + listener.getLocalPort()), CredentialsProvider.NONE, true);

				ExportResult result = exporter
					.export(endpoint, List.of(new TelemetryFrontendLog(null, "log-1", null, null)))
					.get(1, TimeUnit.MINUTES);

				assertThat(result.outcome()).isEqualTo(ExportOutcome.RETRIES_EXHAUSTED);
				assertThat(result.failureKind()).isEqualTo("timeout");
				// Netty names the timeout that fired; its own default would be 30000 ms.
				assertThat(failures).singleElement()
					.satisfies((failure) -> assertThat(causes(failure))
						.filteredOn(ConnectTimeoutException.class::isInstance)
						.singleElement()
						.satisfies((timeout) -> assertThat(timeout).hasMessageContaining("after 200 ms")));
			}
			finally {
				for (Socket socket : queued) {
					socket.close();
				}
			}
		}
	}

	/**
	 * Connects until a connect no longer completes: from then on the kernel drops new connection
	 * attempts to this listener, and they hang as they would towards a blackholed address. Skips
	 * the test where the platform refuses instead of dropping.
	 */
	private static List<Socket> fillAcceptQueue(ServerSocket listener) throws IOException {
		List<Socket> queued = new ArrayList<>();
		for (int i = 0; i < 64; i++) {
			Socket socket = new Socket();
			try {
				socket.connect(new InetSocketAddress(listener.getInetAddress(), listener.getLocalPort()), 200);
				queued.add(socket);
			}
			catch (SocketTimeoutException ex) {
				socket.close();
				return queued;
			}
			catch (IOException ex) {
				socket.close();
				break;
			}
		}
		for (Socket socket : queued) {
			socket.close();
		}
		assumeTrue(false, "this platform does not let a loopback connect hang");
		return queued;
	}

	private static List<Throwable> causes(Throwable failure) {
		List<Throwable> chain = new ArrayList<>();
		for (Throwable current = failure; current != null && chain.size() < 10; current = current.getCause()) {
			chain.add(current);
		}
		return chain;
	}

	private static HttpClient capture(AtomicReference<HttpClient> built, HttpClient client) {
		built.set(client);
		return client;
	}

}
