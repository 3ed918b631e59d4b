package io.github.dbtelemetry.benchmarks;

import java.time.Clock;

import io.github.dbtelemetry.internal.databricks.DatabricksJdbcUrl;
import io.github.dbtelemetry.internal.event.IdGenerator;
import io.github.dbtelemetry.internal.event.SystemConfigurations;
import io.github.dbtelemetry.internal.event.TelemetryEventBuilder;
import io.github.dbtelemetry.internal.operation.DatabricksOperation;
import io.github.dbtelemetry.internal.operation.StatementOperation;
import io.github.dbtelemetry.internal.operation.TelemetryTarget;
import io.github.dbtelemetry.model.DriverConnectionParameters;
import io.github.dbtelemetry.model.HostDetails;
import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.StatementType;
import io.github.dbtelemetry.model.TelemetryFrontendLog;

/**
 * Statements of a data source on an Azure workspace, finished as the JDBC wrappers hand them to
 * telemetry, and the events the starter makes of them: the events the export benchmarks
 * serialize and send.
 */
final class SampleStatements {

	private final TelemetryEventBuilder events = new TelemetryEventBuilder(SystemConfigurations.forApplication("bench"),
			SystemConfigurations.userAgent("DatabricksJDBC/3.4.5"), Clock.systemUTC(), IdGenerator.RANDOM);

	private final TelemetryTarget target;

	SampleStatements() {
		DatabricksJdbcUrl url = DatabricksJdbcUrl.parse("jdbc:databricks://adb-1234567890123456.7.azuredatabricks.net:443/"
				+ "default;httpPath=/sql/1.0/warehouses/abc123;AuthMech=3;UID=token;PWD=x;useThriftClient=0");
		DriverConnectionParameters parameters = DriverConnectionParameters.of(url.httpPath(), url.mode(),
				HostDetails.ofBaseUrl(url.hostUrl()), url.authMech(), url.authFlow());
		this.target = new TelemetryTarget("dataSource", url.host(), parameters, url.authType(), null);
	}

	/** What the JDBC wrappers hand to telemetry: the operation itself, no observation context. */
	StatementOperation completedStatement() {
		long start = System.nanoTime();
		StatementOperation statement = new StatementOperation(this.target, "01f0c0de-session", StatementType.QUERY,
				OperationType.EXECUTE_STATEMENT, start, DatabricksOperation.UNDATED);
		statement.setExecutedNanos(start + 1_000_000);
		statement.setEndNanos(start + 3_000_000);
		return statement;
	}

	/** The event a host's lease makes of a finished statement. */
	TelemetryFrontendLog event(StatementOperation statement) {
		return this.events.statementEvent(statement);
	}

}
