package io.github.dbtelemetry.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A {@link DiscardingSink} in a JVM of its own, started with this JVM's {@code java} and class
 * path: what it allocates and computes is not counted for the benchmark's variants.
 */
final class DiscardingSinkProcess implements AutoCloseable {

	private final Process process;

	private final URI uri;

	private DiscardingSinkProcess(Process process, URI uri) {
		this.process = process;
		this.uri = uri;
	}

	static DiscardingSinkProcess start() {
		String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
		// Without TCP_NODELAY the server sends an answer's body only once the client has
		// acknowledged its headers, which a delayed ACK holds back for 40 ms.
		ProcessBuilder builder = new ProcessBuilder(List.of(java, "-Xmx256m", "-XX:+UseSerialGC",
				"-Dsun.net.httpserver.nodelay=true", "-cp",
				System.getProperty("java.class.path"), DiscardingSink.class.getName()));
		builder.redirectError(ProcessBuilder.Redirect.INHERIT);
		Process process;
		try {
			process = builder.start();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		try {
			BufferedReader output = new BufferedReader(
					new InputStreamReader(process.getInputStream(), StandardCharsets.US_ASCII));
			String port = output.readLine();
			if (port == null) {
				throw new IllegalStateException("The discarding sink exited before it listened");
			}
			return new DiscardingSinkProcess(process, URI.create("http://127.0.0.1:" + port.trim()));
		}
		catch (IOException | RuntimeException ex) {
			process.destroyForcibly();
			throw new IllegalStateException("The discarding sink did not start", ex);
		}
	}

	/** Where the sink listens: a workspace's base URL and an OTLP/HTTP collector's. */
	URI uri() {
		return this.uri;
	}

	/** What the sink has received so far. */
	Counts counts() {
		HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
		try {
			HttpResponse<String> response = client.send(
					HttpRequest.newBuilder(this.uri.resolve("/counts")).timeout(Duration.ofSeconds(10)).build(),
					HttpResponse.BodyHandlers.ofString());
			String[] values = response.body().trim().split(" ");
			return new Counts(Long.parseLong(values[0]), Long.parseLong(values[1]), Long.parseLong(values[2]),
					Long.parseLong(values[3]), Long.parseLong(values[4]), Long.parseLong(values[5]));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	/** Ends the sink's input, which stops it; kills it if it does not stop. */
	@Override
	public void close() throws Exception {
		this.process.getOutputStream().close();
		if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
			this.process.destroyForcibly();
		}
	}

	/**
	 * What the sink received.
	 * @param flagRequests feature-flag requests of the starter
	 * @param starterRequests the starter's export requests
	 * @param starterEvents events in them ({@code protoLogs} elements)
	 * @param otlpRequests OTLP/HTTP trace export requests
	 * @param otlpSpans spans in them
	 * @param unexpected requests to other paths, or that could not be read
	 */
	record Counts(long flagRequests, long starterRequests, long starterEvents, long otlpRequests, long otlpSpans,
			long unexpected) {
	}

}
