package io.github.dbtelemetry.benchmarks;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import com.sun.management.OperatingSystemMXBean;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryEndpoint;
import io.github.dbtelemetry.internal.export.DatabricksTelemetryExporter;
import io.github.dbtelemetry.internal.export.ExportRetrySettings;
import io.github.dbtelemetry.internal.export.TelemetryHttpClient;
import io.github.dbtelemetry.internal.export.TelemetryPayloadSerializer;
import io.github.dbtelemetry.model.TelemetryFrontendLog;

/**
 * What one export request costs the process, by the number of events it carries: the starter's
 * own exporter (serializing the batch, then sending it with its {@code WebClient} on the JDK's
 * {@link HttpClient}), against the JDK client alone sending the same body, already serialized,
 * as plainly as it can. Both POST to a {@link DiscardingSink} in another process on loopback and
 * read its answer, one request at a time.
 * <p>
 * This is the floor under {@link WholeCostBenchmark}'s export share: in a request of {@code n}
 * events a statement carries an {@code n}th of it, so {@code cpuNanos / requests / n} is what
 * every statement pays for its export whatever the statement path costs, and the JDK client's
 * row is what no exporter on that client could undercut. The time is the request's wall time,
 * one after another.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 4, time = 10)
@Measurement(iterations = 5, time = 4)
@Fork(1)
public class ExportRequestCostBenchmark {

	/** How the request is sent. */
	public enum Transport {

		/** The starter's exporter: serialization, {@code WebClient}, retries and timeouts. */
		STARTER_EXPORTER,

		/** The JDK client's blocking {@code send} of the serialized body, on a pool of two threads. */
		JDK_HTTP_CLIENT

	}

	@Param({ "STARTER_EXPORTER", "JDK_HTTP_CLIENT" })
	public Transport transport;

	@Param({ "100", "500" })
	public int events;

	private DiscardingSinkProcess sink;

	private TelemetryHttpClient starterHttp;

	private DatabricksTelemetryExporter exporter;

	private TelemetryEndpoint endpoint;

	private ExecutorService jdkThreads;

	private HttpClient jdk;

	private HttpRequest jdkRequest;

	private final List<TelemetryFrontendLog> batch = new ArrayList<>();

	private long requests;

	/**
	 * The process's CPU time over an iteration, every thread together, and the requests sent in
	 * it. Read at the iteration's ends because the clock ticks in 10 ms steps on Linux.
	 */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.EVENTS)
	public static class ProcessCpu {

		private static final OperatingSystemMXBean SYSTEM = (OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();

		public long cpuNanos;

		public long requests;

		private long start;

		@Setup(Level.Iteration)
		public void start() {
			this.cpuNanos = 0;
			this.requests = 0;
			this.start = SYSTEM.getProcessCpuTime();
		}

		@TearDown(Level.Iteration)
		public void stop() {
			this.cpuNanos = SYSTEM.getProcessCpuTime() - this.start;
		}

	}

	@Setup(Level.Trial)
	public void setUp() {
		this.sink = DiscardingSinkProcess.start();
		SampleStatements statements = new SampleStatements();
		for (int i = 0; i < this.events; i++) {
			this.batch.add(statements.event(statements.completedStatement()));
		}
		URI baseUrl = this.sink.uri();
		if (this.transport == Transport.STARTER_EXPORTER) {
			this.starterHttp = TelemetryHttpClient.create(null, Duration.ofSeconds(10), Duration.ofSeconds(10));
			this.exporter = new DatabricksTelemetryExporter(this.starterHttp, new TelemetryPayloadSerializer(),
					ExportRetrySettings.defaults(), "DatabricksTelemetrySpringBoot/bench");
			this.endpoint = new TelemetryEndpoint(baseUrl.getHost(), baseUrl, TokenSource.NONE, true);
		}
		else {
			byte[] bytes = new TelemetryPayloadSerializer().serializeRequest(System.currentTimeMillis(), this.batch);
			this.jdkThreads = Executors.newFixedThreadPool(2);
			this.jdk = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(this.jdkThreads).build();
			this.jdkRequest = HttpRequest.newBuilder(baseUrl.resolve("/telemetry-unauth"))
				.header("Content-Type", "application/json")
				.POST(HttpRequest.BodyPublishers.ofByteArray(bytes))
				.build();
		}
	}

	@Benchmark
	public void exportRequest(ProcessCpu cpu) throws IOException, InterruptedException {
		if (this.transport == Transport.STARTER_EXPORTER) {
			ExportResult result = this.exporter.export(this.endpoint, this.batch).join();
			if (!result.isSuccess()) {
				throw new IllegalStateException("The export failed: " + result);
			}
		}
		else {
			HttpResponse<byte[]> response = this.jdk.send(this.jdkRequest, HttpResponse.BodyHandlers.ofByteArray());
			if (response.statusCode() != 200) {
				throw new IllegalStateException("The sink answered " + response.statusCode());
			}
		}
		this.requests++;
		cpu.requests++;
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		DiscardingSinkProcess.Counts received;
		try {
			received = this.sink.counts();
		}
		finally {
			if (this.starterHttp != null) {
				this.starterHttp.close();
			}
			if (this.jdkThreads != null) {
				this.jdkThreads.shutdownNow();
			}
			this.sink.close();
		}
		System.out.printf("%n%s, %d events: %,d requests sent, the sink received %,d requests with %,d events, "
				+ "%d unexpected%n", this.transport, this.events, this.requests, received.starterRequests(),
				received.starterEvents(), received.unexpected());
		if (received.unexpected() > 0 || received.starterRequests() != this.requests
				|| received.starterEvents() != this.requests * this.events) {
			throw new IllegalStateException("The sink did not receive exactly what was sent");
		}
	}

}
