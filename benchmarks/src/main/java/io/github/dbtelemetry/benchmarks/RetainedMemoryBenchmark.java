package io.github.dbtelemetry.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import io.github.dbtelemetry.export.ExportResult;

/**
 * Heap retained per pending event while the workspace does not answer: statements run through
 * the starter until the per-host buffer is full (one export hangs, the rest wait), then the
 * heap after a forced GC is compared with the heap before. JMH sums auxiliary counters over all
 * measured fills, so both totals are reported and the result is their ratio:
 * {@code retainedBytes / pendingEvents}. The time score means nothing here.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = { "-Xmx1g", "-XX:+UseSerialGC" })
public class RetainedMemoryBenchmark {

	static final int MAX_PENDING = 10_000;

	private Database db;

	private HikariDataSource pool;

	private StarterEngine engine;

	private DataSource dataSource;

	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.EVENTS)
	public static class Retained {

		public long retainedBytes;

		public long pendingEvents;

	}

	@Setup(Level.Iteration)
	public void setUp() throws SQLException {
		this.db = Database.start("mem", "retained");
		this.pool = this.db.pool();
		// a hung endpoint: the first export never completes, so every later event waits
		this.engine = new StarterEngine(false, (endpoint, logs) -> new CompletableFuture<ExportResult>(), MAX_PENDING,
				List.of());
		this.dataSource = this.engine.wrap(this.pool);
		runStatements(this.pool, MAX_PENDING); // warm the database's own caches first
	}

	@TearDown(Level.Iteration)
	public void tearDown() {
		this.engine.close();
		this.pool.close();
		this.db.close();
	}

	@Benchmark
	public void fillBufferWhileEndpointHangs(Retained retained) throws SQLException {
		long before = usedHeapAfterGc();
		runStatements(this.dataSource, MAX_PENDING + MAX_PENDING / 2);
		long after = usedHeapAfterGc();
		int pending = this.engine.pending();
		retained.pendingEvents = pending;
		retained.retainedBytes = after - before;
	}

	private static void runStatements(DataSource dataSource, int count) throws SQLException {
		for (int i = 0; i < count; i++) {
			try (Connection connection = dataSource.getConnection();
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT 1")) {
				rows.next();
			}
		}
	}

	private static long usedHeapAfterGc() {
		MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
		for (int i = 0; i < 4; i++) {
			System.gc();
		}
		return memory.getHeapMemoryUsage().getUsed();
	}

}
