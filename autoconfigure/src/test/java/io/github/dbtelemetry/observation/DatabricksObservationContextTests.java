package io.github.dbtelemetry.observation;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Stream;

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
import io.micrometer.observation.Observation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

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


	@Test
	void keyValuesAndEntriesBehaveAsOnMicrometersOwnContext() {
		Observation.Context micrometers = new Observation.Context();
		StatementObservationContext ours = new StatementObservationContext(new StatementOperation(TARGET,
				"session-1", StatementType.QUERY, OperationType.EXECUTE_STATEMENT, 0, 0));
		List<Consumer<Observation.Context>> steps = List.of(
				(context) -> context.addLowCardinalityKeyValues(KeyValues.of("a", "1", "b", "2")),
				(context) -> context.addLowCardinalityKeyValue(KeyValue.of("b", "3")),
				(context) -> context.addLowCardinalityKeyValues(KeyValues.of("c", "4", "a", "1")),
				(context) -> context.removeLowCardinalityKeyValue("a"),
				(context) -> context.removeLowCardinalityKeyValues("missing", "c"),
				(context) -> context.addHighCardinalityKeyValues(KeyValues.of("session.id", "s")),
				(context) -> context.addHighCardinalityKeyValues(KeyValues.of("session.id", "s", "statement.id", "t")),
				(context) -> context.addHighCardinalityKeyValue(KeyValue.of("db.statement", "SELECT 1")),
				(context) -> context.removeHighCardinalityKeyValue("session.id"),
				(context) -> context.put(String.class, "first"),
				(context) -> context.put("key", 1),
				(context) -> context.put("key", 2),
				(context) -> context.computeIfAbsent("computed", (key) -> "once"),
				(context) -> context.computeIfAbsent("computed", (key) -> "twice"),
				(context) -> context.computeIfAbsent("nothing", (key) -> null),
				(context) -> context.remove("key"),
				(context) -> context.remove("missing"),
				(context) -> context.remove(String.class),
				(context) -> context.computeIfAbsent(String.class, (key) -> "computed"),
				(context) -> context.put(String.class, "replaced"),
				Observation.Context::clear,
				(context) -> context.put("key", 3),
				(context) -> context.put(String.class, "after clearing"));
		for (int i = 0; i < steps.size(); i++) {
			steps.get(i).accept(micrometers);
			steps.get(i).accept(ours);
			assertThat(view(ours)).as("after step %d", i + 1).isEqualTo(view(micrometers));
		}
		assertThatNullPointerException().isThrownBy(() -> ours.put("key", null));
		assertThatNullPointerException().isThrownBy(() -> micrometers.put("key", null));
		assertThatIllegalArgumentException().isThrownBy(() -> ours.getRequired("missing"))
			.withMessage("Context does not have an entry for key [missing]");
	}

	@Test
	void entriesAndKeyValuesAddedFromSeveralThreadsAtOnceAreAllKept() throws Exception {
		for (int round = 0; round < 100; round++) {
			StatementObservationContext context = new StatementObservationContext(new StatementOperation(TARGET,
					"session-1", StatementType.QUERY, OperationType.EXECUTE_STATEMENT, 0, 0));
			int threads = 4;
			CyclicBarrier start = new CyclicBarrier(threads);
			List<Object> shared = new CopyOnWriteArrayList<>();
			ExecutorService executor = Executors.newFixedThreadPool(threads);
			try {
				List<Future<?>> done = new ArrayList<>();
				for (int t = 0; t < threads; t++) {
					int thread = t;
					done.add(executor.submit(() -> {
						start.await();
						shared.add(context.computeIfAbsent("shared", (key) -> new Object()));
						for (int i = 0; i < 50; i++) {
							context.put(thread + "-" + i, i);
							context.addHighCardinalityKeyValue(KeyValue.of(thread + "." + i, "v"));
						}
						return null;
					}));
				}
				for (Future<?> future : done) {
					future.get(10, TimeUnit.SECONDS);
				}
			}
			finally {
				executor.shutdownNow();
			}
			Object stored = context.get("shared");
			assertThat(shared).hasSize(threads).containsOnly(stored);
			for (int t = 0; t < threads; t++) {
				for (int i = 0; i < 50; i++) {
					assertThat((Object) context.get(t + "-" + i)).isEqualTo(i);
					assertThat(context.getHighCardinalityKeyValue(t + "." + i)).isNotNull();
				}
			}
		}
	}

	@Test
	void keyValuesSetAgainWhenTheObservationStopsLeaveTheContextsOwnAsTheyAre() {
		StatementObservationContext context = new StatementObservationContext(new StatementOperation(TARGET,
				"session-1", StatementType.QUERY, OperationType.EXECUTE_STATEMENT, 0, 0));
		KeyValues atStart = KeyValues.of("outcome", "success", "host", "h");
		context.addLowCardinalityKeyValues(atStart);
		context.addLowCardinalityKeyValues(KeyValues.of("host", "h", "outcome", "success"));
		assertThat(context.getLowCardinalityKeyValues()).isSameAs(atStart);
		KeyValues withSession = KeyValues.of("driver.name", "d", "session.id", "s");
		context.addHighCardinalityKeyValues(KeyValues.of("driver.name", "d"));
		context.addHighCardinalityKeyValues(withSession);
		assertThat(context.getHighCardinalityKeyValues()).as("a set with every key replaces the one there")
			.isSameAs(withSession);
	}

	@Test
	void theContextDescribesItselfAsMicrometersDoes() {
		Observation.Context micrometers = new Observation.Context();
		StatementObservationContext ours = new StatementObservationContext(new StatementOperation(TARGET,
				"session-1", StatementType.QUERY, OperationType.EXECUTE_STATEMENT, 0, 0));
		for (Observation.Context context : List.of(micrometers, ours)) {
			context.setName("databricks.statement");
			context.addLowCardinalityKeyValues(KeyValues.of("outcome", "success"));
			context.addHighCardinalityKeyValues(KeyValues.of("session.id", "s"));
			context.put("key", "value");
		}
		assertThat(ours).hasToString(micrometers.toString());
	}

	/** Everything a handler can read of a context's key values and entries. */
	private static List<Object> view(Observation.Context context) {
		List<Object> view = new ArrayList<>();
		view.add(context.getLowCardinalityKeyValues());
		view.add(context.getHighCardinalityKeyValues());
		view.add(context.getAllKeyValues());
		for (String key : List.of("a", "b", "c", "session.id", "statement.id", "db.statement")) {
			view.add(String.valueOf(context.getLowCardinalityKeyValue(key)));
			view.add(String.valueOf(context.getHighCardinalityKeyValue(key)));
		}
		for (Object key : List.of(String.class, "key", "computed", "nothing", "missing")) {
			view.add(String.valueOf((Object) context.get(key)));
			view.add(context.containsKey(key));
			view.add(context.getOrDefault(key, "default"));
		}
		return view;
	}

}
