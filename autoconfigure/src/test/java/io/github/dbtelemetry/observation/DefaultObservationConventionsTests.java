package io.github.dbtelemetry.observation;

import java.sql.SQLException;

import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.internal.operation.ConnectionFacts;
import io.github.dbtelemetry.internal.operation.ConnectionOperation;
import io.github.dbtelemetry.internal.operation.StatementOperation;
import io.github.dbtelemetry.internal.operation.TelemetryTarget;
import io.github.dbtelemetry.model.DriverConnectionParameters;
import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.StatementType;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The default conventions hand out key values they made before when the same ones are asked
 * for again; what they hand out must still be exactly what the context says.
 */
class DefaultObservationConventionsTests {

	private static final TelemetryTarget TARGET = new TelemetryTarget("orders", "adb-1.azuredatabricks.net",
			DriverConnectionParameters.of(null, null, null, null, null), "pat", null);

	private final DefaultStatementObservationConvention statements = new DefaultStatementObservationConvention();

	private final DefaultConnectionObservationConvention connections = new DefaultConnectionObservationConvention();

	@Test
	void statementsOfADataSourceWithTheSameTypeAndOutcomeShareTheirLowCardinalityKeyValues() {
		StatementObservationContext first = statement(StatementType.QUERY, "session-1");
		StatementObservationContext second = statement(StatementType.QUERY, "session-2");

		assertThat(this.statements.getLowCardinalityKeyValues(first))
			.isEqualTo(KeyValues.of("statement.type", "QUERY", "outcome", "success", "host",
					"adb-1.azuredatabricks.net", "datasource", "orders"))
			.isSameAs(this.statements.getLowCardinalityKeyValues(second));
		assertThat(this.statements.getLowCardinalityKeyValues(statement(StatementType.UPDATE, "session-1")))
			.contains(KeyValue.of("statement.type", "UPDATE"));
	}

	@Test
	void aFailedStatementHasTheErrorOutcomeAndItsErrorType() {
		StatementObservationContext context = statement(StatementType.QUERY, "session-1");
		KeyValues running = this.statements.getHighCardinalityKeyValues(context);
		((StatementOperation) context.operation()).setFailure(new SQLException("no table", "42S02"));

		assertThat(running).isEqualTo(KeyValues.of("session.id", "session-1"));
		assertThat(this.statements.getLowCardinalityKeyValues(context))
			.contains(KeyValue.of("outcome", "error"));
		assertThat(this.statements.getHighCardinalityKeyValues(context))
			.isEqualTo(KeyValues.of("session.id", "session-1", "error.type", "java.sql.SQLException"));
	}

	@Test
	void statementsOfASessionThatTellNothingElseShareTheirHighCardinalityKeyValues() {
		StatementObservationContext first = statement(StatementType.QUERY, "session-1");
		StatementObservationContext withId = statement(StatementType.QUERY, "session-1");
		((StatementOperation) withId.operation()).setStatementId("01f0-statement");

		assertThat(this.statements.getHighCardinalityKeyValues(first))
			.isSameAs(this.statements.getHighCardinalityKeyValues(statement(StatementType.UPDATE, "session-1")));
		assertThat(this.statements.getHighCardinalityKeyValues(withId))
			.isEqualTo(KeyValues.of("session.id", "session-1", "statement.id", "01f0-statement"));
	}

	@Test
	void aCheckoutGainsItsSessionWhenThePoolAnswers() {
		ConnectionOperation operation = new ConnectionOperation(TARGET, null, 0, 0,
				new ConnectionFacts("DatabricksJDBC", "3.4.5", true, null));
		ConnectionObservationContext context = new ConnectionObservationContext(operation);
		KeyValues asked = this.connections.getHighCardinalityKeyValues(context);
		operation.setSessionId("session-1");
		KeyValues answered = this.connections.getHighCardinalityKeyValues(context);

		assertThat(asked)
			.isEqualTo(KeyValues.of("driver.name", "DatabricksJDBC", "driver.version", "3.4.5", "feature.cloudfetch",
					"true"))
			.isSameAs(this.connections.getHighCardinalityKeyValues(new ConnectionObservationContext(
					new ConnectionOperation(TARGET, null, 0, 0, operation.getFacts()))));
		assertThat(answered).isEqualTo(asked.and("session.id", "session-1"))
			.isSameAs(this.connections.getHighCardinalityKeyValues(context));
		assertThat(this.connections.getLowCardinalityKeyValues(context))
			.isEqualTo(KeyValues.of("outcome", "success", "host", "adb-1.azuredatabricks.net", "datasource", "orders"));
	}

	@Test
	void anotherDriverBehindTheSameDataSourceNameIsNotToldTheFirstOnesKeyValues() {
		ConnectionObservationContext first = new ConnectionObservationContext(new ConnectionOperation(TARGET,
				"session-1", 0, 0, new ConnectionFacts("DatabricksJDBC", "3.4.5", true, true)));
		ConnectionObservationContext second = new ConnectionObservationContext(new ConnectionOperation(TARGET,
				"session-1", 0, 0, new ConnectionFacts("DatabricksJDBC", "3.5.0", null, null)));

		assertThat(this.connections.getHighCardinalityKeyValues(first)).isEqualTo(KeyValues.of("session.id",
				"session-1", "driver.name", "DatabricksJDBC", "driver.version", "3.4.5", "feature.cloudfetch", "true",
				"feature.arrow", "true"));
		assertThat(this.connections.getHighCardinalityKeyValues(second)).isEqualTo(KeyValues.of("session.id",
				"session-1", "driver.name", "DatabricksJDBC", "driver.version", "3.5.0"));
		assertThat(this.connections.getHighCardinalityKeyValues(first)).contains(
				KeyValue.of("driver.version", "3.4.5"));
	}

	private static StatementObservationContext statement(StatementType type, String sessionId) {
		return new StatementObservationContext(
				new StatementOperation(TARGET, sessionId, type, OperationType.EXECUTE_STATEMENT, 0, 0));
	}

}
