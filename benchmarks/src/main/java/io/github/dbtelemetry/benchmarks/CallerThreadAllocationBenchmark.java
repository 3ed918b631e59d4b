package io.github.dbtelemetry.benchmarks;

import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
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
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Bytes allocated by the application's own thread per statement ({@code SELECT 1}, and a
 * prepared statement reading 100 rows), the cost a JDBC caller
 * pays; {@code -prof gc} counts every thread, the starter's export thread included. Each
 * iteration runs a fixed number of statements and reads the calling thread's allocation counter
 * ({@code com.sun.management.ThreadMXBean}) before and after. JMH sums auxiliary counters over
 * the iterations, so the result is {@code callerBytes / statements}. The time score means
 * nothing here.
 * <p>
 * The warm-up is ten iterations because the 100-row statement runs a tenth as many statements
 * per iteration: after three its allocation was still falling as the JIT compiler reached the
 * code, by a few hundred bytes per statement on the starter's side in one run and not in the
 * next; it is flat from the fifth on.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10)
@Measurement(iterations = 5)
@Fork(1)
public class CallerThreadAllocationBenchmark {

	private static final int STATEMENTS = 200_000;

	@Param({ "RAW", "STARTER", "STARTER_WITH_METRICS", "STARTER_WITH_TRACING", "OPENTELEMETRY" })
	public Variant variant;

	private Database db;

	private HikariDataSource pool;

	private Resources resources;

	private DataSource dataSource;

	@State(Scope.Thread)
	@AuxCounters(AuxCounters.Type.EVENTS)
	public static class Allocation {

		public long callerBytes;

		public long statements;

	}

	@Setup(Level.Trial)
	public void setUp() throws SQLException {
		this.db = Database.start("mem", "caller");
		this.pool = this.db.pool();
		this.resources = new Resources();
		this.dataSource = this.variant.instrument(this.pool, this.db.url(), this.resources);
	}

	@TearDown(Level.Trial)
	public void tearDown() throws Exception {
		this.resources.close();
		this.pool.close();
		this.db.close();
	}

	@Benchmark
	public void selectOne(Allocation allocation) throws SQLException {
		long before = allocatedByThisThread();
		for (int i = 0; i < STATEMENTS; i++) {
			try (Connection connection = this.dataSource.getConnection();
					Statement statement = connection.createStatement();
					ResultSet rows = statement.executeQuery("SELECT 1")) {
				rows.next();
			}
		}
		allocation.callerBytes = allocatedByThisThread() - before;
		allocation.statements = STATEMENTS;
	}

	@Benchmark
	public void prepared100Rows(Allocation allocation) throws SQLException {
		long before = allocatedByThisThread();
		long read = 0;
		for (int i = 0; i < STATEMENTS / 10; i++) {
			try (Connection connection = this.dataSource.getConnection();
					PreparedStatement statement = connection.prepareStatement("SELECT id, name FROM item WHERE id <= ?")) {
				statement.setInt(1, 100);
				try (ResultSet rows = statement.executeQuery()) {
					while (rows.next()) {
						read += rows.getInt(1) + rows.getString(2).length();
					}
				}
			}
		}
		allocation.callerBytes = allocatedByThisThread() - before;
		allocation.statements = STATEMENTS / 10;
		if (read == 0) {
			throw new IllegalStateException("No rows read");
		}
	}

	private static long allocatedByThisThread() {
		com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory
			.getThreadMXBean();
		return threads.getThreadAllocatedBytes(Thread.currentThread().getId());
	}

}
