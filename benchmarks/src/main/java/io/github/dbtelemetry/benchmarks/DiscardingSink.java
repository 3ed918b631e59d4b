package io.github.dbtelemetry.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.LongAdder;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.json.JsonMapper;

/**
 * A workspace and an OpenTelemetry collector on loopback that take every export, count what it
 * holds and keep nothing, for {@link WholeCostBenchmark}. It runs in a process of its own
 * (started by {@link DiscardingSinkProcess}), so that its reading and counting are charged to
 * neither side of the comparison.
 * <p>
 * It answers the starter's feature-flag request with the flag on, its exports at
 * {@code /telemetry-ext} and {@code /telemetry-unauth} as a workspace does (200 with
 * {@code numProtoSuccess}), and OTLP/HTTP exports at {@code /v1/traces} with 200 and an empty
 * body, which OTLP allows. {@code GET /counts} tells what arrived. It prints its port on the
 * first line of its output and stops when its input ends, so it never outlives the benchmark.
 */
public final class DiscardingSink {

	static final String FLAG_PATH = "/api/2.0/connector-service/feature-flags/";

	static final String FLAG_ANSWER = "{\"flags\":[{\"name\":\"databricks.partnerplatform.clientConfigsFeatureFlags."
			+ "enableTelemetryForJdbc\",\"value\":\"true\"}],\"ttl_seconds\":3600}";

	private static final JsonMapper JSON = JsonMapper.builder().build();

	private final LongAdder flagRequests = new LongAdder();

	private final LongAdder starterRequests = new LongAdder();

	private final LongAdder starterEvents = new LongAdder();

	private final LongAdder otlpRequests = new LongAdder();

	private final LongAdder otlpSpans = new LongAdder();

	private final LongAdder unexpected = new LongAdder();

	private DiscardingSink() {
	}

	public static void main(String[] args) throws IOException {
		DiscardingSink sink = new DiscardingSink();
		HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
		ExecutorService threads = Executors.newFixedThreadPool(2);
		server.setExecutor(threads);
		server.createContext("/", sink::handle);
		server.start();
		System.out.println(server.getAddress().getPort());
		System.out.flush();
		InputStream parent = System.in;
		while (parent.read() != -1) {
			// the benchmark closes our input when it is done, or dies
		}
		server.stop(0);
		threads.shutdownNow();
	}

	private void handle(HttpExchange exchange) throws IOException {
		try (exchange) {
			String path = exchange.getRequestURI().getPath();
			byte[] body = exchange.getRequestBody().readAllBytes();
			if (path.startsWith(FLAG_PATH)) {
				this.flagRequests.increment();
				answer(exchange, "application/json", FLAG_ANSWER);
			}
			else if (path.equals("/telemetry-ext") || path.equals("/telemetry-unauth")) {
				int logs = countProtoLogs(body);
				this.starterRequests.increment();
				this.starterEvents.add(logs);
				answer(exchange, "application/json", "{\"errors\":[],\"numSuccess\":0,\"numProtoSuccess\":" + logs + "}");
			}
			else if (path.equals("/v1/traces")) {
				this.otlpRequests.increment();
				this.otlpSpans.add(OtlpSpans.count(body));
				exchange.getResponseHeaders().add("Content-Type", "application/x-protobuf");
				exchange.sendResponseHeaders(200, -1);
			}
			else if (path.equals("/counts")) {
				answer(exchange, "text/plain", this.flagRequests.sum() + " " + this.starterRequests.sum() + " "
						+ this.starterEvents.sum() + " " + this.otlpRequests.sum() + " " + this.otlpSpans.sum() + " "
						+ this.unexpected.sum());
			}
			else {
				this.unexpected.increment();
				exchange.sendResponseHeaders(404, -1);
			}
		}
		catch (RuntimeException ex) {
			// counted, so that the benchmark fails rather than measure exports that went wrong
			this.unexpected.increment();
			ex.printStackTrace();
		}
	}

	private static void answer(HttpExchange exchange, String contentType, String text) throws IOException {
		byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
		exchange.getResponseHeaders().add("Content-Type", contentType);
		exchange.sendResponseHeaders(200, bytes.length);
		exchange.getResponseBody().write(bytes);
	}

	/** The number of strings in the request's {@code protoLogs}: one per event. */
	static int countProtoLogs(byte[] body) {
		try (JsonParser parser = JSON.createParser(body)) {
			if (parser.nextToken() != JsonToken.START_OBJECT) {
				throw new IllegalArgumentException("A telemetry request is a JSON object");
			}
			int logs = 0;
			while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
				String name = parser.currentName();
				JsonToken value = parser.nextToken();
				if ("protoLogs".equals(name) && value == JsonToken.START_ARRAY) {
					while (parser.nextToken() == JsonToken.VALUE_STRING) {
						logs++;
					}
				}
				else {
					parser.skipChildren();
				}
			}
			return logs;
		}
	}

	/**
	 * Counts the spans of an OTLP {@code ExportTraceServiceRequest} by walking the protobuf
	 * encoding without decoding anything else: resource spans (field 1), their scope spans
	 * (field 2), and their spans (field 2).
	 */
	static final class OtlpSpans {

		private static final int[] PATH_TO_SPANS = { 1, 2, 2 };

		private final byte[] bytes;

		private int position;

		private OtlpSpans(byte[] bytes) {
			this.bytes = bytes;
		}

		static long count(byte[] request) {
			return new OtlpSpans(request).count(0, request.length, 0);
		}

		private long count(int from, int to, int depth) {
			long found = 0;
			this.position = from;
			while (this.position < to) {
				long key = varint();
				int field = (int) (key >>> 3);
				int wireType = (int) (key & 7);
				switch (wireType) {
					case 0 -> varint();
					case 1 -> this.position += 8;
					case 5 -> this.position += 4;
					case 2 -> {
						int length = (int) varint();
						int end = this.position + length;
						if (field == PATH_TO_SPANS[depth]) {
							found += (depth == PATH_TO_SPANS.length - 1) ? 1 : count(this.position, end, depth + 1);
						}
						this.position = end;
					}
					default -> throw new IllegalArgumentException("Unexpected protobuf wire type " + wireType);
				}
			}
			if (this.position != to) {
				throw new IllegalArgumentException("Truncated protobuf message");
			}
			return found;
		}

		private long varint() {
			long value = 0;
			for (int shift = 0; shift < 64; shift += 7) {
				byte b = this.bytes[this.position++];
				value |= (long) (b & 0x7F) << shift;
				if (b >= 0) {
					return value;
				}
			}
			throw new IllegalArgumentException("Malformed varint");
		}

	}

}
