package io.github.dbtelemetry.internal.export;

import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.internal.event.IdGenerator;
import io.github.dbtelemetry.internal.event.TelemetryEventBuilder;
import io.github.dbtelemetry.internal.operation.ConnectionOperation;
import io.github.dbtelemetry.internal.operation.StatementOperation;
import io.github.dbtelemetry.internal.operation.TelemetryTarget;
import io.github.dbtelemetry.model.AuthFlow;
import io.github.dbtelemetry.model.AuthMech;
import io.github.dbtelemetry.model.ChunkDetails;
import io.github.dbtelemetry.model.DatabricksClientType;
import io.github.dbtelemetry.model.DriverConnectionParameters;
import io.github.dbtelemetry.model.DriverErrorInfo;
import io.github.dbtelemetry.model.DriverSystemConfiguration;
import io.github.dbtelemetry.model.DriverVolumeOperation;
import io.github.dbtelemetry.model.ExecutionResultFormat;
import io.github.dbtelemetry.model.FrontendLogContext;
import io.github.dbtelemetry.model.FrontendLogEntry;
import io.github.dbtelemetry.model.HostDetails;
import io.github.dbtelemetry.model.OperationDetail;
import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.ProxyAuthType;
import io.github.dbtelemetry.model.ResultLatency;
import io.github.dbtelemetry.model.SqlExecutionEvent;
import io.github.dbtelemetry.model.StatementType;
import io.github.dbtelemetry.model.TelemetryClientContext;
import io.github.dbtelemetry.model.TelemetryEvent;
import io.github.dbtelemetry.model.TelemetryFrontendLog;
import io.github.dbtelemetry.model.VolumeOperationType;
import io.github.dbtelemetry.support.TelemetryPayloadSamples;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The request body of {@link TelemetryPayloadSerializer} is compared byte for byte with the
 * {@link ReferencePayloadSerializer}, which writes the same logs with Jackson's data binding in
 * two steps. The logs cover every field of the wire model, nulls at every level, every enum
 * constant, extreme numbers and strings that need escaping at one or both levels of the
 * JSON-in-JSON format.
 */
class TelemetryPayloadSerializerTests {

	private static final long UPLOAD_TIME = 1767774000000L;

	/** Characters that are escaped, encoded or passed through differently at each level. */
	private static final String[] PIECES = { "a", "Z", "0", " ", "~", "\"", "\\", "/", "\n", "\t", "\r", "\b", "\f",
			"\u0000", "\u0001", "\u001f", "\u007f", "\u0080", "é", "ÿ", "€", "中", "\u2028", "\ufeff", "\uffff",
			"😀", "\uD83D", "\uDE00", "\"\\\"", "\\u0041", "{\"x\":1}", "</script>" };

	private static final String TRICKY = "q\"b\\s/n\nt\tr\rb\bf\fz\u0000c\u001fd\u007fé€中😀\uD83D\uDE00x\uDE00\uD83D";

	private final TelemetryPayloadSerializer serializer = new TelemetryPayloadSerializer();

	private final ReferencePayloadSerializer reference = new ReferencePayloadSerializer();

	@Test
	void theGoldenSamplesAreWrittenAsTheReferenceWritesThem() {
		assertSameBytes(TelemetryPayloadSamples.requestLogs());
		assertSameBytes(List.of(TelemetryPayloadSamples.minimal()));
		assertSameBytes(List.of(TelemetryPayloadSamples.full()));
	}

	@Test
	void anEmptyBatchIsWrittenAsTheReferenceWritesIt() {
		assertSameBytes(List.of());
	}

	@Test
	void aLogWithEveryFieldFilledWithCharactersToEscapeIsWrittenAsTheReferenceWritesIt() {
		assertSameBytes(List.of(everyField(TRICKY, Long.MAX_VALUE, Integer.MAX_VALUE, true)));
		assertSameBytes(List.of(everyField("", Long.MIN_VALUE, Integer.MIN_VALUE, false)));
		assertSameBytes(List.of(everyField("plain", 0L, 0, true), everyField("é", -1L, -1, false)));
	}

	@Test
	void theLogWithEveryFieldFilledLeavesNoComponentOfTheModelEmpty() {
		// The streaming writer names every field itself: a component added to the model but not
		// to the writer must show up here as a null, and then as a byte difference above.
		List<String> empty = new ArrayList<>();
		collectNullComponents(everyField(TRICKY, 1L, 1, true), "log", empty);
		assertThat(empty).isEmpty();
	}

	@Test
	void nullsAtEveryLevelAreLeftOutAsTheReferenceLeavesThemOut() {
		TelemetryEvent emptyEvent = new TelemetryEvent(null, null, null, null, null, null, null, null, null);
		List<TelemetryFrontendLog> logs = new ArrayList<>();
		logs.add(new TelemetryFrontendLog(null, null, null, null));
		logs.add(new TelemetryFrontendLog(7L, null, null, null));
		logs.add(new TelemetryFrontendLog(null, "id", new FrontendLogContext(null), new FrontendLogEntry(null)));
		logs.add(new TelemetryFrontendLog(null, "id", new FrontendLogContext(new TelemetryClientContext(0, null)),
				new FrontendLogEntry(emptyEvent)));
		logs.add(new TelemetryFrontendLog(null, null, null, new FrontendLogEntry(new TelemetryEvent(null, null, null,
				null, null, new DriverVolumeOperation(null, null),
				new SqlExecutionEvent(null, null, null, null, null, new ChunkDetails(null, null, null, null, null),
						new ResultLatency(null, null), new OperationDetail(null, null, null, null)),
				new DriverErrorInfo(null, null), null))));
		logs.add(new TelemetryFrontendLog(null, null, null,
				new FrontendLogEntry(new TelemetryEvent(null, null,
						new DriverSystemConfiguration(null, null, null, null, null, null, null, null, null, null, null,
								null),
						new DriverConnectionParameters(null, null, null, null, null, null, null, null, null, null,
								null, null, null, null, null, null, null, null, null, null, null, null, null, null,
								null, null, null, null, null, null, null),
						null, null, null, null, null))));
		logs.add(null);
		assertSameBytes(logs);
		for (TelemetryFrontendLog log : logs) {
			assertSameBytes(Collections.singletonList(log));
		}
	}

	@Test
	void everyEnumConstantIsWrittenAsTheReferenceWritesIt() {
		List<TelemetryFrontendLog> logs = new ArrayList<>();
		int count = max(StatementType.values().length, ExecutionResultFormat.values().length,
				OperationType.values().length, VolumeOperationType.values().length, DatabricksClientType.values().length,
				AuthMech.values().length, AuthFlow.values().length, ProxyAuthType.values().length);
		for (int i = 0; i < count; i++) {
			HostDetails proxy = new HostDetails("proxy", i, pick(ProxyAuthType.values(), i), List.of());
			DriverConnectionParameters connection = new DriverConnectionParameters("/p", pick(DatabricksClientType.values(), i),
					proxy, proxy, proxy, pick(AuthMech.values(), i), pick(AuthFlow.values(), i), null, null, null, null,
					null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
					null, null, null, null);
			SqlExecutionEvent operation = new SqlExecutionEvent(pick(StatementType.values(), i), null,
					pick(ExecutionResultFormat.values(), i), null, null, null, null,
					new OperationDetail(null, null, pick(OperationType.values(), i), null));
			logs.add(log("id-" + i, new TelemetryEvent(null, null, null, connection, null,
					new DriverVolumeOperation(pick(VolumeOperationType.values(), i), null), operation, null, null)));
		}
		assertSameBytes(logs);
	}

	@Test
	void numbersAtTheirLimitsAreWrittenAsTheReferenceWritesThem() {
		long[] longs = { 0, 1, -1, 9, 10, 99, 100, 127, 128, -128, -129, 999_999, 1_000_000, Integer.MAX_VALUE,
				Integer.MIN_VALUE, (long) Integer.MAX_VALUE + 1, (long) Integer.MIN_VALUE - 1, 1767773999871L,
				999_999_999_999_999_999L, 1_000_000_000_000_000_000L, Long.MAX_VALUE, Long.MIN_VALUE,
				Long.MIN_VALUE + 1 };
		int[] ints = { 0, 1, -1, 10, -10, 65535, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE + 1 };
		List<TelemetryFrontendLog> logs = new ArrayList<>();
		for (int i = 0; i < Math.max(longs.length, ints.length); i++) {
			long value = longs[i % longs.length];
			int small = ints[i % ints.length];
			SqlExecutionEvent operation = new SqlExecutionEvent(null, null, null, value, small,
					new ChunkDetails(value, -value, value, value, value), new ResultLatency(value, value),
					new OperationDetail(small, value, null, null));
			logs.add(new TelemetryFrontendLog(value, "n",
					new FrontendLogContext(new TelemetryClientContext(value, null)),
					new FrontendLogEntry(new TelemetryEvent(null, null, null, null, null, null, operation, null, value))));
		}
		assertSameBytes(logs);
	}

	@Test
	void everyTrickyCharacterInEveryStringFieldIsWrittenAsTheReferenceWritesIt() {
		List<TelemetryFrontendLog> logs = new ArrayList<>();
		for (String piece : PIECES) {
			logs.add(everyField(piece, 1L, 1, true));
			logs.add(everyField("before" + piece + "after", 1L, 1, true));
			logs.add(everyField(piece + piece, 1L, 1, true));
		}
		for (char c = 0; c < 0x100; c++) {
			logs.add(everyField(String.valueOf(c), 1L, 1, false));
		}
		assertSameBytes(logs);
	}

	@Test
	void randomLogsAreWrittenAsTheReferenceWritesThem() {
		Random random = new Random(20260107L);
		for (int batch = 0; batch < 50; batch++) {
			// Shared configurations as the event builder shares them, and fresh ones: the
			// serializer's cache of their written form must not mix them up.
			List<DriverSystemConfiguration> systems = new ArrayList<>();
			List<DriverConnectionParameters> connections = new ArrayList<>();
			for (int i = 0; i < 1 + random.nextInt(40); i++) {
				systems.add(randomSystem(random));
				connections.add(randomConnection(random));
			}
			List<TelemetryFrontendLog> logs = new ArrayList<>();
			int size = random.nextInt(150);
			for (int i = 0; i < size; i++) {
				logs.add(randomLog(random, systems, connections));
			}
			assertSameBytes(logs);
		}
	}

	@Test
	void eventsOfTheEventBuilderAreWrittenAsTheReferenceWritesThem() {
		TelemetryEventBuilder events = new TelemetryEventBuilder(
				new DriverSystemConfiguration("0.1.0", "Linux", "6.8.0", "amd64", "OpenJDK 64-Bit Server VM", "17.0.15",
						"Debian", "orders-service", "en_US", "databricks-telemetry-spring-boot", "UTF-8", "orders.jar"),
				"DatabricksTelemetrySpringBoot/0.1.0", Clock.fixed(Instant.ofEpochMilli(1767773999871L), ZoneOffset.UTC),
				IdGenerator.RANDOM);
		TelemetryTarget pat = new TelemetryTarget("dataSource", "adb-1.azuredatabricks.net",
				DriverConnectionParameters.of("/sql/1.0/warehouses/abc123", DatabricksClientType.SEA,
						HostDetails.ofBaseUrl("https://adb-1.azuredatabricks.net:443"), AuthMech.PAT,
						AuthFlow.TOKEN_PASSTHROUGH),
				"pat", "DatabricksTelemetrySpringBoot/0.1.0 DatabricksJDBCDriverOSS/3.4.5");
		TelemetryTarget bare = new TelemetryTarget("other", "localhost", null, null, null);
		List<TelemetryFrontendLog> logs = new ArrayList<>();
		for (TelemetryTarget target : List.of(pat, bare)) {
			logs.add(events.connectionEvent(new ConnectionOperation(target, "session-" + target.host(), 10, 20, null)));
			for (StatementType type : StatementType.values()) {
				StatementOperation statement = new StatementOperation(target, "01f0c0de-session", type,
						OperationType.EXECUTE_STATEMENT, 1_000, 1767773999000L);
				statement.setExecutedNanos(1_500_000);
				statement.setEndNanos(1_234_567_890_123L);
				logs.add(events.statementEvent(statement));
			}
			StatementOperation failed = new StatementOperation(target, null, StatementType.QUERY,
					OperationType.LIST_COLUMNS, 0, 0);
			failed.setFailure(new SQLSyntaxErrorException("SELECT secret", "42S02"));
			failed.setStatementId("01f0c0de-statement");
			logs.add(events.statementEvent(failed));
			StatementOperation odd = new StatementOperation(target, "s", StatementType.UPDATE,
					OperationType.EXECUTE_STATEMENT, 0, 0);
			odd.setFailure(new SQLException("no state"));
			logs.add(events.statementEvent(odd));
		}
		assertSameBytes(logs);
	}

	@Test
	void aLargeBatchAfterASmallOneAndASmallOneAfterALargeOneAreEachComplete() {
		TelemetryFrontendLog full = everyField(TRICKY, 42L, 42, true);
		List<TelemetryFrontendLog> large = Collections.nCopies(2_000, full);
		assertSameBytes(List.of(TelemetryPayloadSamples.minimal()));
		assertSameBytes(large);
		assertSameBytes(List.of(TelemetryPayloadSamples.minimal()));
		assertSameBytes(List.of(everyField("x".repeat(100_000) + TRICKY, 1L, 1, true)));
		assertSameBytes(TelemetryPayloadSamples.requestLogs());
	}

	@Test
	void threadsSerializingAtTheSameTimeEachGetTheirOwnBody() throws Exception {
		Random random = new Random(7L);
		List<DriverSystemConfiguration> systems = List.of(randomSystem(random), randomSystem(random));
		List<DriverConnectionParameters> connections = List.of(randomConnection(random), randomConnection(random));
		List<List<TelemetryFrontendLog>> batches = new ArrayList<>();
		List<byte[]> expected = new ArrayList<>();
		for (int i = 0; i < 16; i++) {
			List<TelemetryFrontendLog> logs = new ArrayList<>();
			for (int j = 0; j < 50 + i * 20; j++) {
				logs.add(randomLog(random, systems, connections));
			}
			batches.add(logs);
			expected.add(this.reference.serializeRequest(UPLOAD_TIME + i, logs));
		}
		ExecutorService threads = Executors.newFixedThreadPool(4);
		try {
			List<Callable<Boolean>> tasks = new ArrayList<>();
			for (int round = 0; round < 20; round++) {
				for (int i = 0; i < batches.size(); i++) {
					int index = i;
					tasks.add(() -> Arrays.equals(expected.get(index),
							this.serializer.serializeRequest(UPLOAD_TIME + index, batches.get(index))));
				}
			}
			for (Future<Boolean> result : threads.invokeAll(tasks)) {
				assertThat(result.get()).isTrue();
			}
		}
		finally {
			threads.shutdownNow();
		}
	}

	private void assertSameBytes(List<TelemetryFrontendLog> logs) {
		byte[] expected = this.reference.serializeRequest(UPLOAD_TIME, logs);
		byte[] actual = this.serializer.serializeRequest(UPLOAD_TIME, logs);
		// As text first, for a readable difference; then as bytes, which is what is sent.
		assertThat(new String(actual, StandardCharsets.UTF_8)).isEqualTo(new String(expected, StandardCharsets.UTF_8));
		assertThat(actual).isEqualTo(expected);
	}

	/** A log in which every component of every record is set; strings are {@code text}. */
	private static TelemetryFrontendLog everyField(String text, long number, int small, boolean flag) {
		HostDetails host = new HostDetails(text, small, ProxyAuthType.SPNEGO, List.of(text, "", text));
		DriverSystemConfiguration system = new DriverSystemConfiguration(text, text, text, text, text, text, text,
				text, text, text, text, text);
		DriverConnectionParameters connection = new DriverConnectionParameters(text, DatabricksClientType.THRIFT, host,
				host, host, AuthMech.OTHER, AuthFlow.AZURE_MANAGED_IDENTITIES, text, flag, !flag, flag, !flag, flag,
				small, small, small, small, small, text, flag, !flag, flag, !flag, flag, !flag, flag, !flag, flag, !flag,
				flag, !flag);
		SqlExecutionEvent operation = new SqlExecutionEvent(StatementType.METADATA, flag,
				ExecutionResultFormat.COLUMNAR_INLINE, number, small,
				new ChunkDetails(number, number, number, number, number), new ResultLatency(number, number),
				new OperationDetail(small, number, OperationType.LIST_CROSS_REFERENCES, flag));
		TelemetryEvent event = new TelemetryEvent(text, text, system, connection, text,
				new DriverVolumeOperation(VolumeOperationType.LIST, text), operation, new DriverErrorInfo(text, text),
				number);
		return new TelemetryFrontendLog(number, text,
				new FrontendLogContext(new TelemetryClientContext(number, text)), new FrontendLogEntry(event));
	}

	private static TelemetryFrontendLog log(String id, TelemetryEvent event) {
		return new TelemetryFrontendLog(null, id, new FrontendLogContext(new TelemetryClientContext(1, "agent")),
				new FrontendLogEntry(event));
	}

	private static TelemetryFrontendLog randomLog(Random random, List<DriverSystemConfiguration> systems,
			List<DriverConnectionParameters> connections) {
		SqlExecutionEvent operation = random.nextInt(5) == 0 ? null
				: new SqlExecutionEvent(randomEnum(random, StatementType.values()), randomBoolean(random),
						randomEnum(random, ExecutionResultFormat.values()), randomLong(random), randomInteger(random),
						random.nextInt(3) == 0 ? null
								: new ChunkDetails(randomLong(random), randomLong(random), randomLong(random),
										randomLong(random), randomLong(random)),
						random.nextInt(3) == 0 ? null : new ResultLatency(randomLong(random), randomLong(random)),
						random.nextInt(3) == 0 ? null
								: new OperationDetail(randomInteger(random), randomLong(random),
										randomEnum(random, OperationType.values()), randomBoolean(random)));
		DriverSystemConfiguration system = switch (random.nextInt(4)) {
			case 0 -> null;
			case 1 -> randomSystem(random);
			default -> systems.get(random.nextInt(systems.size()));
		};
		DriverConnectionParameters connection = switch (random.nextInt(4)) {
			case 0 -> null;
			case 1 -> randomConnection(random);
			default -> connections.get(random.nextInt(connections.size()));
		};
		TelemetryEvent event = random.nextInt(8) == 0 ? null
				: new TelemetryEvent(randomString(random), randomString(random), system, connection,
						randomString(random),
						random.nextInt(4) == 0
								? new DriverVolumeOperation(randomEnum(random, VolumeOperationType.values()),
										randomString(random))
								: null,
						operation,
						random.nextInt(3) == 0 ? new DriverErrorInfo(randomString(random), randomString(random)) : null,
						randomLong(random));
		FrontendLogContext context = switch (random.nextInt(8)) {
			case 0 -> null;
			case 1 -> new FrontendLogContext(null);
			default -> new FrontendLogContext(new TelemetryClientContext(random.nextLong(), randomString(random)));
		};
		return new TelemetryFrontendLog(randomLong(random), randomString(random), context,
				random.nextInt(8) == 0 ? null : new FrontendLogEntry(event));
	}

	private static DriverSystemConfiguration randomSystem(Random random) {
		return new DriverSystemConfiguration(randomString(random), randomString(random), randomString(random),
				randomString(random), randomString(random), randomString(random), randomString(random),
				randomString(random), randomString(random), randomString(random), randomString(random),
				randomString(random));
	}

	private static DriverConnectionParameters randomConnection(Random random) {
		return new DriverConnectionParameters(randomString(random), randomEnum(random, DatabricksClientType.values()),
				randomHost(random), randomHost(random), randomHost(random), randomEnum(random, AuthMech.values()),
				randomEnum(random, AuthFlow.values()), randomString(random), randomBoolean(random),
				randomBoolean(random), randomBoolean(random), randomBoolean(random), randomBoolean(random),
				randomInteger(random), randomInteger(random), randomInteger(random), randomInteger(random),
				randomInteger(random), randomString(random), randomBoolean(random), randomBoolean(random),
				randomBoolean(random), randomBoolean(random), randomBoolean(random), randomBoolean(random),
				randomBoolean(random), randomBoolean(random), randomBoolean(random), randomBoolean(random),
				randomBoolean(random), randomBoolean(random));
	}

	private static HostDetails randomHost(Random random) {
		if (random.nextInt(3) == 0) {
			return null;
		}
		List<String> nonProxyHosts = null;
		if (random.nextBoolean()) {
			nonProxyHosts = new ArrayList<>();
			for (int i = random.nextInt(3); i > 0; i--) {
				nonProxyHosts.add(randomText(random));
			}
		}
		return new HostDetails(randomString(random), randomInteger(random),
				randomEnum(random, ProxyAuthType.values()), nonProxyHosts);
	}

	private static String randomString(Random random) {
		return (random.nextInt(5) == 0) ? null : randomText(random);
	}

	// Mostly plain ASCII, as real values are, with a tricky piece now and then.
	private static String randomText(Random random) {
		StringBuilder text = new StringBuilder();
		for (int i = random.nextInt(12); i > 0; i--) {
			if (random.nextInt(4) == 0) {
				text.append(PIECES[random.nextInt(PIECES.length)]);
			}
			else {
				text.append((char) (0x20 + random.nextInt(0x5f)));
			}
		}
		return text.toString();
	}

	private static Long randomLong(Random random) {
		return switch (random.nextInt(6)) {
			case 0 -> null;
			case 1 -> (long) random.nextInt(1000);
			case 2 -> -(long) random.nextInt(1000);
			case 3 -> random.nextBoolean() ? Long.MAX_VALUE : Long.MIN_VALUE;
			default -> random.nextLong();
		};
	}

	private static Integer randomInteger(Random random) {
		return switch (random.nextInt(5)) {
			case 0 -> null;
			case 1 -> random.nextInt(1000);
			case 2 -> random.nextBoolean() ? Integer.MAX_VALUE : Integer.MIN_VALUE;
			default -> random.nextInt();
		};
	}

	private static Boolean randomBoolean(Random random) {
		return switch (random.nextInt(3)) {
			case 0 -> null;
			case 1 -> true;
			default -> false;
		};
	}

	private static <E> E randomEnum(Random random, E[] values) {
		int index = random.nextInt(values.length + 1);
		return (index == values.length) ? null : values[index];
	}

	private static <E> E pick(E[] values, int index) {
		return values[index % values.length];
	}

	private static int max(int... values) {
		int max = 0;
		for (int value : values) {
			max = Math.max(max, value);
		}
		return max;
	}

	private static void collectNullComponents(Object value, String path, List<String> empty) {
		if (value == null) {
			empty.add(path);
			return;
		}
		if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				collectNullComponents(list.get(i), path + "[" + i + "]", empty);
			}
			return;
		}
		if (!value.getClass().isRecord()) {
			return;
		}
		for (RecordComponent component : value.getClass().getRecordComponents()) {
			try {
				collectNullComponents(component.getAccessor().invoke(value), path + "." + component.getName(), empty);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}
	}

}
