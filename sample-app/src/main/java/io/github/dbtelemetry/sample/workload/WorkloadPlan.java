package io.github.dbtelemetry.sample.workload;

import java.util.List;

import org.springframework.jdbc.core.JdbcOperations;

/** The statements of the sample workload, which differ between H2 and Databricks SQL. */
public interface WorkloadPlan {

	/** Runs once before the first round, e.g. to create a table. */
	void setUp(JdbcOperations jdbc);

	/** The steps of one round, in order. */
	List<WorkloadStep> round();

}
