package io.github.dbtelemetry.metrics;

import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.github.dbtelemetry.export.ExportOutcome;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.pipeline.FeatureFlagState;
import io.github.dbtelemetry.pipeline.HostSnapshot;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.entry;

/**
 * The meters of one host, driven through the listener directly: the tags of the export timer,
 * the feature-flag gauges and what a host's opening and closing do to its meters.
 */
class MicrometerTelemetryPipelineListenerTests {

	private static final String HOST = "adb-1.azuredatabricks.net";

	private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

	private final MicrometerTelemetryPipelineListener listener = new MicrometerTelemetryPipelineListener(this.registry);

	@ParameterizedTest(name = "{0} {1} {2} -> status {3}, outcome {4}")
	@CsvSource(delimiter = '|', nullValues = "null", textBlock = """
			SUCCESS           | 200 | null           | 200          | SUCCESS
			PARTIAL_SUCCESS   | 200 | partial_success| 200          | SUCCESS
			TERMINAL_FAILURE  | 401 | http_401       | 401          | CLIENT_ERROR
			TERMINAL_FAILURE  | 307 | http_307       | 307          | REDIRECTION
			RETRIES_EXHAUSTED | 503 | http_503       | 503          | SERVER_ERROR
			OUTCOME_UNKNOWN   | 502 | http_502       | 502          | SERVER_ERROR
			RETRIES_EXHAUSTED | 0   | connect        | IO_ERROR     | UNKNOWN
			RETRIES_EXHAUSTED | 0   | dns            | IO_ERROR     | UNKNOWN
			RETRIES_EXHAUSTED | 0   | tls            | IO_ERROR     | UNKNOWN
			OUTCOME_UNKNOWN   | 0   | timeout        | IO_ERROR     | UNKNOWN
			OUTCOME_UNKNOWN   | 0   | io             | IO_ERROR     | UNKNOWN
			OUTCOME_UNKNOWN   | 0   | unknown        | CLIENT_ERROR | UNKNOWN
			OUTCOME_UNKNOWN   | 0   | exporter_error | CLIENT_ERROR | UNKNOWN
			TERMINAL_FAILURE  | 0   | serialization  | CLIENT_ERROR | UNKNOWN
			TERMINAL_FAILURE  | 0   | auth           | CLIENT_ERROR | UNKNOWN
			OUTCOME_UNKNOWN   | 0   | null           | CLIENT_ERROR | UNKNOWN
			""")
	void anExportIsTaggedWithItsStatusCodeAndClassAsSpringTagsHttpClientRequestsAndWithItsResult(
			ExportOutcome outcome, int httpStatus, String failureKind, String status, String statusClass) {
		this.listener.onExport(HOST, new ExportResult(outcome, 3, 0, httpStatus, failureKind), 1_000_000);

		Timer timer = this.registry.get(TelemetryMeterNames.EXPORT).timer();
		assertThat(timer.getId().getTags()).extracting((tag) -> tag.getKey() + "=" + tag.getValue())
			.containsExactlyInAnyOrder("status=" + status, "outcome=" + statusClass,
					"result=" + outcome.name().toLowerCase(Locale.ROOT), "host=" + HOST);
		assertThat(timer.count()).isOne();
	}

	@Test
	void anExportStoppedByTheOpenBreakerIsNoHttpRequestAndNotTimed() {
		this.listener.onExport(HOST, ExportResult.circuitOpen(3), 1_000);

		assertThat(this.registry.find(TelemetryMeterNames.EXPORT).timers()).isEmpty();
	}

	@Test
	void theFeatureFlagIsOneGaugePerStateWithOneForTheCurrentState() {
		AtomicReference<FeatureFlagState> flag = new AtomicReference<>(FeatureFlagState.UNKNOWN);
		this.listener.onHostOpened(HOST, snapshots(flag, 0));
		assertThat(flagGauges()).containsOnly(entry("enabled", 0.0), entry("disabled", 0.0), entry("unknown", 1.0));

		flag.set(FeatureFlagState.ENABLED);
		assertThat(flagGauges()).containsOnly(entry("enabled", 1.0), entry("disabled", 0.0), entry("unknown", 0.0));

		flag.set(FeatureFlagState.DISABLED);
		assertThat(flagGauges()).containsOnly(entry("enabled", 0.0), entry("disabled", 1.0), entry("unknown", 0.0));
	}

	@Test
	void eventsAndPendingEventsAreCountedInEvents() {
		this.listener.onHostOpened(HOST, snapshots(new AtomicReference<>(FeatureFlagState.ENABLED), 7));
		this.listener.onEventsExported(HOST, 4);

		assertThat(this.registry.get(TelemetryMeterNames.PENDING).gauge().getId().getBaseUnit()).isEqualTo("events");
		assertThat(this.registry.get(TelemetryMeterNames.PENDING).gauge().value()).isEqualTo(7);
		assertThat(this.registry.get(TelemetryMeterNames.EVENTS).meters())
			.allSatisfy((meter) -> assertThat(meter.getId().getBaseUnit()).isEqualTo("events"));
		assertThat(this.registry.get(TelemetryMeterNames.EVENTS).tags("outcome", "exported").counter().count())
			.isEqualTo(4);
	}

	@Test
	void aHostOpenedAgainWhileTheOldOneClosesKeepsItsMetersAndReadsTheNewOne() {
		AtomicReference<FeatureFlagState> oldFlag = new AtomicReference<>(FeatureFlagState.ENABLED);
		AtomicReference<FeatureFlagState> newFlag = new AtomicReference<>(FeatureFlagState.UNKNOWN);
		this.listener.onHostOpened(HOST, snapshots(oldFlag, 5));
		this.listener.onExport(HOST, ExportResult.success(5, 200), 1_000);
		this.listener.onHostOpened(HOST, snapshots(newFlag, 2));

		this.listener.onHostClosed(HOST);

		assertThat(hostMeters()).isNotEmpty();
		assertThat(this.registry.get(TelemetryMeterNames.PENDING).gauge().value()).isEqualTo(2);
		assertThat(flagGauges()).containsOnly(entry("enabled", 0.0), entry("disabled", 0.0), entry("unknown", 1.0));
		assertThat(this.registry.get(TelemetryMeterNames.EXPORT).timer().count()).isOne();
	}

	@Test
	void theLastClosingRemovesEveryMeterOfTheHostAndNoneOfAnotherHost() {
		this.listener.onHostOpened(HOST, snapshots(new AtomicReference<>(FeatureFlagState.ENABLED), 0));
		this.listener.onHostOpened("other.cloud.databricks.com",
				snapshots(new AtomicReference<>(FeatureFlagState.ENABLED), 0));
		this.listener.onExport(HOST, ExportResult.success(5, 200), 1_000);

		this.listener.onHostClosed(HOST);

		assertThat(hostMeters()).isEmpty();
		assertThat(this.registry.find(TelemetryMeterNames.FEATURE_FLAG)
			.tag(TelemetryMeterNames.TAG_HOST, "other.cloud.databricks.com")
			.gauges()).hasSize(FeatureFlagState.values().length);
	}

	private Map<String, Double> flagGauges() {
		Map<String, Double> gauges = new HashMap<>();
		for (Gauge gauge : this.registry.find(TelemetryMeterNames.FEATURE_FLAG)
			.tag(TelemetryMeterNames.TAG_HOST, HOST)
			.gauges()) {
			gauges.put(gauge.getId().getTag(TelemetryMeterNames.TAG_STATE), gauge.value());
		}
		return gauges;
	}

	private List<Meter> hostMeters() {
		return this.registry.getMeters()
			.stream()
			.filter((meter) -> HOST.equals(meter.getId().getTag(TelemetryMeterNames.TAG_HOST)))
			.toList();
	}

	private static Supplier<HostSnapshot> snapshots(AtomicReference<FeatureFlagState> flag, int pending) {
		return () -> new HostSnapshot(HOST, flag.get(), false, null, "CLOSED", pending, 0, Map.of(), Instant.EPOCH,
				null, null);
	}

}
