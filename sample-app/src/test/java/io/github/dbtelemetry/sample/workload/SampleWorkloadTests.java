package io.github.dbtelemetry.sample.workload;

import java.time.Duration;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import org.springframework.core.env.StandardEnvironment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SimpleDriverDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/** The H2 plan on a plain in-memory database, without the starter or a Spring context. */
class SampleWorkloadTests {

	private JdbcTemplate jdbc;

	private SampleWorkload workload;

	@BeforeEach
	void setUp() {
		this.jdbc = new JdbcTemplate(new SimpleDriverDataSource(new org.h2.Driver(),
				"jdbc:h2:mem:workload-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1", "sa", ""));
		H2WorkloadPlan plan = new H2WorkloadPlan();
		plan.setUp(this.jdbc);
		this.workload = new SampleWorkload(this.jdbc, plan, new WorkloadProperties(Duration.ofSeconds(2)),
				new StandardEnvironment());
	}

	@Test
	void roundRunsEveryStepAndOnlyTheIntendedOneFails() {
		this.workload.runRound();
		this.workload.runRound();

		WorkloadStatus status = this.workload.status();
		assertThat(status.rounds()).isEqualTo(2);
		assertThat(status.statements()).isEqualTo(2L * new H2WorkloadPlan().round().size());
		assertThat(status.expectedFailures()).isEqualTo(2);
		assertThat(status.unexpectedFailures()).isZero();
		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sample_orders", Long.class)).isEqualTo(7);
	}

	@Test
	void setUpIsRepeatable() {
		new H2WorkloadPlan().setUp(this.jdbc);

		assertThat(this.jdbc.queryForObject("SELECT COUNT(*) FROM sample_orders", Long.class)).isEqualTo(5);
	}

	@Test
	void stopWithoutStartIsHarmless() {
		this.workload.stop();
		this.workload.start();

		assertThat(this.workload.status().rounds()).isZero();
	}

}
