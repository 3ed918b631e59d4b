package io.github.dbtelemetry.observation;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.internal.operation.ConnectionFacts;
import io.github.dbtelemetry.internal.operation.ConnectionOperation;
import io.github.dbtelemetry.internal.operation.StatementOperation;
import io.github.dbtelemetry.internal.operation.TelemetryTarget;
import io.github.dbtelemetry.model.DriverConnectionParameters;
import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.StatementType;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Observation contexts are what applications' handlers and conventions see: they show the
 * operation the JDBC wrappers record and give no way to change it.
 */
class DatabricksObservationContextTests {

	private static final TelemetryTarget TARGET = new TelemetryTarget("orders", "adb-1.azuredatabricks.net",
			DriverConnectionParameters.of(null, null, null, null, null), "pat", null);

	private static final List<Class<?>> CONTEXTS = List.of(DatabricksObservationContext.class,
			StatementObservationContext.class, ConnectionObservationContext.class);

	private static Stream<Method> publicMethodsDeclaredByTheContexts() {
		return CONTEXTS.stream()
			.flatMap((type) -> Arrays.stream(type.getDeclaredMethods()))
			.filter((method) -> Modifier.isPublic(method.getModifiers()) && !method.isSynthetic());
	}

	@Test
	void contextsDeclareNoSetters() {
		assertThat(publicMethodsDeclaredByTheContexts()).extracting(Method::getName)
			.noneMatch((name) -> name.startsWith("set"));
	}

	@Test
	void noAccessorHandsOutAnInternalType() {
		assertThat(publicMethodsDeclaredByTheContexts()
			.filter((method) -> method.getReturnType().getPackageName().startsWith("io.github.dbtelemetry.internal")))
			.extracting((method) -> method.getDeclaringClass().getSimpleName() + "." + method.getName())
			.isEmpty();
	}

	@Test
	void aStatementContextShowsWhatTheWrappersRecordEvenAfterItWasMade() {
		StatementOperation statement = new StatementOperation(TARGET, "session-1", StatementType.QUERY,
				OperationType.EXECUTE_STATEMENT, 1_000, 5);
		statement.setSqlText("SELECT 1");
		StatementObservationContext context = new StatementObservationContext(statement);
		assertThat(context.getStatementId()).as("not known while the statement runs").isNull();
		assertThat(context.getEndNanos()).isZero();
		SQLException failure = new SQLException("boom", "42000");
		statement.setStatementId("01f0-statement");
		statement.setExecutedNanos(3_000);
		statement.setEndNanos(10_000);
		statement.setFailure(failure);
		assertThat(context.getStatementId()).isEqualTo("01f0-statement");
		assertThat(context.getSessionId()).isEqualTo("session-1");
		assertThat(context.getStatementType()).isEqualTo(StatementType.QUERY);
		assertThat(context.getOperationType()).isEqualTo(OperationType.EXECUTE_STATEMENT);
		assertThat(context.getSqlText()).isEqualTo("SELECT 1");
		assertThat(context.getStartNanos()).isEqualTo(1_000);
		assertThat(context.getEndNanos()).isEqualTo(10_000);
		assertThat(context.getDurationNanos()).isEqualTo(9_000);
		assertThat(context.getResultConsumptionNanos()).isEqualTo(7_000);
		assertThat(context.getFailure()).isSameAs(failure);
		assertThat(context.getHost()).isEqualTo("adb-1.azuredatabricks.net");
		assertThat(context.getDataSourceName()).isEqualTo("orders");
	}

	@Test
	void aConnectionContextShowsTheDriverAndItsFeaturesAsFarAsKnown() {
		ConnectionObservationContext known = new ConnectionObservationContext(new ConnectionOperation(TARGET,
				"session-1", 0, 0, new ConnectionFacts("DatabricksJDBC", "3.4.5", true, false)));
		assertThat(known.getDriverName()).isEqualTo("DatabricksJDBC");
		assertThat(known.getDriverVersion()).isEqualTo("3.4.5");
		assertThat(known.getCloudFetch()).isTrue();
		assertThat(known.getArrow()).isFalse();
		ConnectionObservationContext unknown = new ConnectionObservationContext(
				new ConnectionOperation(TARGET, "session-2", 0, 0, null));
		assertThat(unknown.getDriverName()).isNull();
		assertThat(unknown.getDriverVersion()).isNull();
		assertThat(unknown.getCloudFetch()).isNull();
		assertThat(unknown.getArrow()).isNull();
	}

}
