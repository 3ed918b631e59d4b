package io.github.dbtelemetry.sample.workload;

import java.util.List;

import org.springframework.context.annotation.Profile;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.stereotype.Component;

/**
 * Read-only statements for a real SQL warehouse: nothing is created or changed in the workspace,
 * and the one failing query only names a table that does not exist.
 */
@Component
@Profile("databricks")
public class DatabricksWorkloadPlan implements WorkloadPlan {

	@Override
	public void setUp(JdbcOperations jdbc) {
		// Nothing to prepare: the sample must be safe to point at any workspace.
	}

	@Override
	public List<WorkloadStep> round() {
		return List.of(
				WorkloadStep.of("select one", (jdbc) -> jdbc.queryForObject("SELECT 1", Integer.class)),
				WorkloadStep.of("range query",
						(jdbc) -> jdbc.queryForList("SELECT id, id * id AS square FROM range(10)")),
				WorkloadStep.of("current time", (jdbc) -> jdbc.queryForList("SELECT current_timestamp() AS now")),
				WorkloadStep.failing("query a missing table",
						(jdbc) -> jdbc.queryForList("SELECT * FROM databricks_telemetry_sample_missing_table")));
	}

}
