package io.github.dbtelemetry.benchmarks;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;

import javax.sql.DataSource;

import com.zaxxer.hikari.HikariDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Cost per statement as an application pays it with JdbcTemplate: get a connection from the
 * pool, run one statement, read its result, close everything. Every variant runs against the
 * same database in the same run, so differences are overheads.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class StatementOverheadBenchmark {

	@Param({ "mem", "tcp" })
	public String database;

	@Param({ "RAW", "STARTER", "STARTER_WITH_METRICS", "STARTER_WITH_METRICS_NO_LONG_TASK_TIMERS", "STARTER_WITH_TRACING",
			"STARTER_FLAG_OFF", "DATASOURCE_MICROMETER", "OPENTELEMETRY" })
	public Variant variant;

	private Database db;

	private HikariDataSource pool;

	private Resources resources;

	private DataSource dataSource;

	@Setup(Level.Trial)
	public void setUp() throws SQLException {
		this.db = Database.start(this.database, "overhead");
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
	public void selectOne(Blackhole blackhole) throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				Statement statement = connection.createStatement();
				ResultSet rows = statement.executeQuery("SELECT 1")) {
			rows.next();
			blackhole.consume(rows.getInt(1));
		}
	}

	@Benchmark
	public void prepared100Rows(Blackhole blackhole) throws SQLException {
		try (Connection connection = this.dataSource.getConnection();
				PreparedStatement statement = connection.prepareStatement("SELECT id, name FROM item WHERE id <= ?")) {
			statement.setInt(1, 100);
			try (ResultSet rows = statement.executeQuery()) {
				readRows(rows, blackhole);
			}
		}
	}

	/**
	 * Reads the rows in a method of its own, as JdbcTemplate's result set extractors do. Inlined
	 * into the benchmark method, the row loop would share one compilation with the pool's
	 * checkout and the driver's statement preparation. Whether the compiler inlines those too,
	 * or finds them compiled already, changes from one JVM to the next, and when it does, it runs
	 * out of its node budget before it reaches the rows: every row call becomes a real call, for
	 * raw HikariCP as for every wrapper. That made each variant's time bimodal (raw HikariCP read
	 * about 1,700 or about 2,100 ns, by JVM), so "over raw" measured which mode each fork drew.
	 */
	@CompilerControl(CompilerControl.Mode.DONT_INLINE)
	private static void readRows(ResultSet rows, Blackhole blackhole) throws SQLException {
		while (rows.next()) {
			blackhole.consume(rows.getInt(1));
			blackhole.consume(rows.getString(2));
		}
	}

}
