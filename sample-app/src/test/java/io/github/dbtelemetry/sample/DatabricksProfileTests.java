package io.github.dbtelemetry.sample;

import org.junit.jupiter.api.Test;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.bean.override.mockito.MockitoBean;

import io.github.dbtelemetry.sample.standin.ReceivedTelemetryStore;
import io.github.dbtelemetry.sample.standin.StandInWorkspaceController;
import io.github.dbtelemetry.sample.workload.DatabricksWorkloadPlan;
import io.github.dbtelemetry.sample.workload.SampleWorkload;
import io.github.dbtelemetry.sample.workload.WorkloadPlan;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The wiring of the {@code databricks} profile with fake environment variables. Nothing here
 * connects: the workload is replaced so that no test ever reaches out to a workspace.
 */
@SpringBootTest(webEnvironment = WebEnvironment.NONE,
		properties = { "DATABRICKS_HOST=adb-0000000000000000.0.azuredatabricks.net",
				"DATABRICKS_HTTP_PATH=/sql/1.0/warehouses/sample", "DATABRICKS_TOKEN=dapi-fake-test-token" })
@ActiveProfiles("databricks")
class DatabricksProfileTests {

	@MockitoBean
	private SampleWorkload workload;

	@Autowired
	private ApplicationContext context;

	@Autowired
	private Environment environment;

	@Test
	void standInWorkspaceIsOff() {
		assertThat(this.context.getBeansOfType(StandInWorkspaceController.class)).isEmpty();
		assertThat(this.context.getBeansOfType(ReceivedTelemetryStore.class)).isEmpty();
	}

	@Test
	void readOnlyPlanIsUsed() {
		assertThat(this.context.getBean(WorkloadPlan.class)).isInstanceOf(DatabricksWorkloadPlan.class);
	}

	@Test
	void realDriverAndWorkspaceAreConfigured() {
		assertThat(this.environment.getProperty("spring.datasource.url"))
			.startsWith("jdbc:databricks://adb-0000000000000000.0.azuredatabricks.net:443/default;")
			.contains(";httpPath=/sql/1.0/warehouses/sample;AuthMech=3;");
		assertThat(this.environment.getProperty("spring.datasource.driver-class-name"))
			.isEqualTo("com.databricks.client.jdbc.Driver");
		assertThat(this.environment.getProperty("databricks.telemetry.endpoint")).isEmpty();
		assertThat(this.environment.getProperty("databricks.telemetry.allow-insecure-endpoint", Boolean.class))
			.isFalse();
	}

}
