package io.github.dbtelemetry.sample.workload;

import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.jdbc.core.JdbcOperations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.mockingDetails;
import static org.mockito.Mockito.verifyNoInteractions;

class DatabricksWorkloadPlanTests {

	private final DatabricksWorkloadPlan plan = new DatabricksWorkloadPlan();

	@Test
	void setUpTouchesNothing() {
		JdbcOperations jdbc = mock(JdbcOperations.class);

		this.plan.setUp(jdbc);

		verifyNoInteractions(jdbc);
	}

	@Test
	void everyStatementIsASelectAndExactlyOneIsMeantToFail() {
		JdbcOperations jdbc = mock(JdbcOperations.class);
		List<WorkloadStep> round = this.plan.round();

		round.forEach((step) -> step.action().accept(jdbc));

		List<Object> sql = mockingDetails(jdbc).getInvocations()
			.stream()
			.map((invocation) -> invocation.getArgument(0))
			.toList();
		assertThat(sql).hasSize(round.size())
			.allSatisfy((statement) -> assertThat(statement).asString().startsWith("SELECT "));
		assertThat(round).filteredOn(WorkloadStep::expectedToFail).hasSize(1);
	}

}
