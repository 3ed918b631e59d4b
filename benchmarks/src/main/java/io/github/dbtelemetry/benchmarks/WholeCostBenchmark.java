package io.github.dbtelemetry.benchmarks;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.sun.management.OperatingSystemMXBean;

import com.zaxxer.hikari.HikariDataSource;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The whole cost of a statement: the JDBC thread's, and its share of the export that follows,
 * with the starter and OpenTelemetry each serializing with its own exporter and sending over
 * HTTP (the JDK's client on both sides) to a {@link DiscardingSink} in another process.
 * <p>
 * One operation is {@value #STATEMENTS} {@code SELECT 1} (as
 * {@link StatementOverheadBenchmark#selectOne}) and then a wait until every event or span they
 * made has been exported and answered. Scores are per statement; {@code -prof gc} counts the
 * allocations of every thread of this JVM (HTTP client threads included, the sink's excluded).
 * Batches stay far below both bounds (the starter's 10,000 pending events per host, the batch
 * span processor's queue of 2,048), so nothing is dropped; the trial fails if anything was,
 * or if the sink did not receive exactly what was recorded.
 * <p>
 * The time is the caller's wall time including the wait for delivery. The auxiliary counters
 * give the process's CPU time over each iteration and the statements run in it:
 * {@code cpuNanos / statements} is the CPU per statement of every thread together.
 * <p>
 * The warm-up is long because the export path runs a few hundred times a second, not a million:
 * the JIT compiler takes tens of seconds to reach it, and its work counts in the process's CPU.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@OperationsPerInvocation(WholeCostBenchmark.STATEMENTS)
@Warmup(iterations = 4, time = 10)
@Measurement(iterations = 5, time = 4)
@Fork(1)
public class WholeCostBenchmark {

	static final int STATEMENTS = 1_000;

	@Param({ "RAW", "STARTER", "STARTER_WITH_METRICS", "OPENTELEMETRY" })
	public Variant variant;

	/**
	 * The starter's {@code batch-size}, the pending events that start an export: 100 by default,
	 * the design's. OpenTelemetry's batch span processor starts one at 512 spans.
	 */
	@Param("100")
	public int starterBatchSize;

	/**
	 * The starter's {@code max-batch-size}, the most events in one request; 0 for its default
	 * (500, or {@code starterBatchSize} when larger). OpenTelemetry sends up to 512 spans a
	 * request.
	 */
	@Param("0")
	public int starterMaxBatchSize;

	private DiscardingSinkProcess sink;

	private Database db;

	private HikariDataSource pool;

	private Resources resources;

	private DataSource dataSource;

	private long statements;

	private long operations;

	/**
	 * The process's CPU time over an iteration, every thread together, and the statements run
	 * in it. Read at the iteration's ends because the clock ticks in 10 ms steps on Linux.
	 */
	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.EVENTS)
	public static class ProcessCpu {

		private static final OperatingSystemMXBean SYSTEM = (OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();

		public long cpuNanos;

		public long statements;

		private long start;

		@Setup(Level.Iteration)
		public void start() {
			this.cpuNanos = 0;
			this.statements = 0;
			this.start = SYSTEM.getProcessCpuTime();
		}

		@TearDown(Level.Iteration)
		public void stop() {
			this.cpuNanos = SYSTEM.getProcessCpuTime() - this.start;
		}

	}

	@Setup(Level.Trial)
	public void setUp() throws SQLException {
		this.sink = DiscardingSinkProcess.start();
		this.db = Database.start("mem", "whole");
		this.pool = this.db.pool();
		this.resources = Resources.exportingTo(this.sink.uri(), this.starterBatchSize, this.starterMaxBatchSize);
		this.dataSource = this.variant.instrument(this.pool, this.db.url(), this.resources);
		// Every physical connection once, together: the starter reports each new session, and
		// that happens here rather than in a measured operation.
		List<Connection> all = new ArrayList<>();
		for (int i = 0; i < Database.POOL_SIZE; i++) {
			all.add(this.dataSource.getConnection());
		}
		for (Connection connection : all) {
			connection.close();
		}
		this.resources.awaitDelivery(this.statements, Database.POOL_SIZE);
	}

	@Benchmark
	public void selectOneThenDelivery(Blackhole blackhole, ProcessCpu cpu) throws SQLException {
		for (int i = 0; i < STATEMENTS; i++) {
			try (Connection connection = this.dataSource.getConnection();
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT 1")) {
				rows.next();
				blackhole.consume(rows.getInt(1));
			}
		}
		this.statements += STATEMENTS;
		this.operations++;
		this.resources.awaitDelivery(this.statements, Database.POOL_SIZE);
		cpu.statements += STATEMENTS;
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		String problem;
		try {
			problem = checkDelivery(this.sink.counts());
		}
		finally {
			this.resources.close();
			this.pool.close();
			this.db.close();
			this.sink.close();
		}
		if (problem != null) {
			throw new IllegalStateException(problem);
		}
	}

	/**
	 * Whether the sink received exactly what was recorded, nothing dropped or sent twice; prints
	 * what it received.
	 * @return what is wrong, or {@code null}
	 */
	private String checkDelivery(DiscardingSinkProcess.Counts received) {
		StarterEngine engine = this.resources.engine();
		System.out.printf("%n%s: %,d statements in %,d operations; the sink received %,d starter events in %,d "
				+ "requests (%.1f requests per operation), %,d spans in %,d requests (%.1f per operation), "
				+ "%d flag requests, %d unexpected%n", this.variant, this.statements, this.operations,
				received.starterEvents(), received.starterRequests(),
				(double) received.starterRequests() / Math.max(this.operations, 1), received.otlpSpans(),
				received.otlpRequests(), (double) received.otlpRequests() / Math.max(this.operations, 1),
				received.flagRequests(), received.unexpected());
		if (received.unexpected() > 0) {
			return "The sink received " + received.unexpected() + " unexpected or unreadable requests";
		}
		long starterExpected = (engine != null) ? this.statements + Database.POOL_SIZE : 0;
		long spansExpected = (this.variant == Variant.OPENTELEMETRY) ? this.statements : 0;
		if (engine != null && (engine.dropped() > 0 || engine.exported() != starterExpected)) {
			return "The starter exported " + engine.exported() + " events of " + starterExpected + " recorded and "
					+ "dropped " + engine.dropped();
		}
		if (this.resources.spansExported() != spansExpected) {
			return "OpenTelemetry exported " + this.resources.spansExported() + " spans, not " + spansExpected;
		}
		if (received.starterEvents() != starterExpected) {
			return "The sink received " + received.starterEvents() + " starter events, not " + starterExpected;
		}
		if (received.otlpSpans() != spansExpected) {
			return "The sink received " + received.otlpSpans() + " spans, not " + spansExpected;
		}
		return null;
	}

}
