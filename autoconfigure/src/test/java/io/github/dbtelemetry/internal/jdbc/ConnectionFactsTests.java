package io.github.dbtelemetry.internal.jdbc;

import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.internal.databricks.DatabricksJdbcUrl;
import io.github.dbtelemetry.internal.databricks.JdbcUrlMatcher;
import io.github.dbtelemetry.internal.databricks.StatementIdResolver;
import io.github.dbtelemetry.internal.operation.ConnectionFacts;
import io.github.dbtelemetry.internal.operation.ConnectionOperation;
import io.github.dbtelemetry.internal.operation.TelemetryTarget;
import io.github.dbtelemetry.model.DriverConnectionParameters;
import io.github.dbtelemetry.observation.ConnectionObservationContext;
import io.github.dbtelemetry.observation.DefaultConnectionObservationConvention;
import io.github.dbtelemetry.pipeline.ExportMode;
import io.micrometer.common.KeyValue;

import static org.assertj.core.api.Assertions.assertThat;

/** The connection observation carries the driver's version and feature tags. */
class ConnectionFactsTests {

	@Test
	void databricksUrlsReportTheDriverAndItsResultFeatures() {
		ConnectionFacts facts = DataSourceTelemetryFactory.connectionFacts("DatabricksJDBC/3.4.5",
				DatabricksJdbcUrl.parse("jdbc:databricks://h.example.com;httpPath=/p;EnableArrow=0"));
		assertThat(facts).isEqualTo(new ConnectionFacts("DatabricksJDBC", "3.4.5", true, false));
		assertThat(DataSourceTelemetryFactory.connectionFacts(null,
				DatabricksJdbcUrl.parse("jdbc:spark://h;EnableQueryResultDownload=false")))
			.isEqualTo(new ConnectionFacts(null, null, false, true));
	}

	@Test
	void otherDriversReportNoDatabricksFeatures() {
		assertThat(DataSourceTelemetryFactory.connectionFacts("H2-JDBC-Driver/2.4.240",
				DatabricksJdbcUrl.parse("jdbc:h2:mem:x")))
			.isEqualTo(new ConnectionFacts("H2-JDBC-Driver", "2.4.240", null, null));
	}

	@Test
	void connectionObservationHasDriverVersionAndFeatureTags() {
		TelemetryTarget target = new TelemetryTarget("ds", "h", DriverConnectionParameters.of(null, null, null, null, null),
				"pat", null);
		ConnectionObservationContext context = new ConnectionObservationContext(
				new ConnectionOperation(target, "s", 0, 0, new ConnectionFacts("DatabricksJDBC", "3.4.5", true, true)));
		assertThat(new DefaultConnectionObservationConvention().getHighCardinalityKeyValues(context))
			.contains(KeyValue.of("driver.name", "DatabricksJDBC"), KeyValue.of("driver.version", "3.4.5"),
					KeyValue.of("feature.cloudfetch", "true"), KeyValue.of("feature.arrow", "true"),
					KeyValue.of("session.id", "s"));
		ConnectionObservationContext unknown = new ConnectionObservationContext(
				new ConnectionOperation(target, "s", 0, 0, ConnectionFacts.UNKNOWN));
		assertThat(new DefaultConnectionObservationConvention().getHighCardinalityKeyValues(unknown))
			.extracting(KeyValue::getKey)
			.containsExactly("session.id");
	}

	@Test
	void onlyDatabricksDataSourcesAreAskedForServerStatementIds() {
		DataSourceTelemetryFactory factory = new DataSourceTelemetryFactory(
				new DataSourceTelemetryFactory.Settings(new JdbcUrlMatcher(java.util.List.of("jdbc:")), ExportMode.NEVER,
						null, null, null, null),
				null, new DataSourceTelemetry.Observations(io.micrometer.observation.ObservationRegistry.NOOP, null, null,
						(connection) -> "s", false, false));
		DataSourceTelemetry h2 = factory.create("h2", "jdbc:h2:mem:x", null, "H2-JDBC-Driver/2.4.240");
		DataSourceTelemetry databricks = factory.create("dbx", "jdbc:databricks://h.example.com;httpPath=/p", null,
				"DatabricksJDBC/3.4.5");
		assertThat(h2.statementIds()).as("a driver that never tells is never asked, per query")
			.isSameAs(StatementIdResolver.NONE);
		assertThat(databricks.statementIds()).isNotSameAs(StatementIdResolver.NONE);
	}

}
