package io.github.dbtelemetry.metrics;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import io.github.dbtelemetry.pipeline.DropReason;
import io.github.dbtelemetry.internal.host.FeatureFlagGate;
import io.github.dbtelemetry.internal.host.TelemetryClient;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;
import io.github.dbtelemetry.export.ExportOutcome;
import io.github.dbtelemetry.export.ExportResult;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;

/**
 * Turns what the pipeline reports into meters. Tags are the host and fixed vocabularies only:
 * never SQL, a token or server text. Counters are looked up per call (the registry caches
 * them), so that a registry that is cleared or filtered later still sees consistent meters.
 */
public final class MicrometerTelemetryPipelineListener implements TelemetryPipelineListener {

	private final MeterRegistry registry;

	// Gauges of open clients, so that a closed client's gauges stop reporting its last value.
	private final Map<TelemetryClient, List<Meter>> gauges = new ConcurrentHashMap<>();

	public MicrometerTelemetryPipelineListener(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void onEventsExported(String host, int count) {
		events(host, "exported", TelemetryMeterNames.REASON_NONE).increment(count);
	}

	@Override
	public void onEventsDropped(String host, DropReason reason, int count) {
		events(host, "dropped", reason.tagValue()).increment(count);
	}

	@Override
	public void onExport(String host, ExportResult result, long durationNanos) {
		if (result.outcome() == ExportOutcome.CIRCUIT_OPEN) {
			// no HTTP request was made; the dropped events are counted with reason circuit_open
			return;
		}
		Timer.builder(TelemetryMeterNames.EXPORT)
			.description("HTTP exports of telemetry batches to the workspace, retries included")
			.tags(Tags.of(TelemetryMeterNames.TAG_OUTCOME, result.outcome().name().toLowerCase(Locale.ROOT),
					TelemetryMeterNames.TAG_STATUS, statusClass(result.httpStatus()), TelemetryMeterNames.TAG_HOST,
					host))
			.register(this.registry)
			.record(durationNanos, TimeUnit.NANOSECONDS);
	}

	@Override
	public void onClientOpened(TelemetryClient client) {
		Tags host = Tags.of(TelemetryMeterNames.TAG_HOST, client.getHost());
		Meter pending = Gauge.builder(TelemetryMeterNames.PENDING, client, TelemetryClient::getPendingCount)
			.description("Telemetry events waiting for export")
			.tags(host)
			.register(this.registry);
		Meter flag = Gauge.builder(TelemetryMeterNames.FEATURE_FLAG, client, MicrometerTelemetryPipelineListener::flag)
			.description("Whether the workspace wants telemetry: 1 enabled, 0 disabled, -1 not known yet")
			.tags(host)
			.register(this.registry);
		this.gauges.put(client, List.of(pending, flag));
		// Every series exists from the start at zero, so rates work from the first drop; and Boot
		// closes registries before beans are destroyed, when only counters that already exist
		// still count the events dropped at shutdown.
		events(client.getHost(), "exported", TelemetryMeterNames.REASON_NONE);
		for (DropReason reason : DropReason.values()) {
			events(client.getHost(), "dropped", reason.tagValue());
		}
	}

	@Override
	public void onClientClosed(TelemetryClient client) {
		List<Meter> meters = this.gauges.remove(client);
		if (meters != null) {
			meters.forEach(this.registry::remove);
		}
	}

	private Counter events(String host, String outcome, String reason) {
		return Counter.builder(TelemetryMeterNames.EVENTS)
			.description("Telemetry events exported to the workspace or dropped, by reason")
			.tags(Tags.of(TelemetryMeterNames.TAG_OUTCOME, outcome, TelemetryMeterNames.TAG_REASON, reason,
					TelemetryMeterNames.TAG_HOST, host))
			.register(this.registry);
	}

	/** {@code 2xx}, {@code 4xx}, {@code 5xx}...; {@code none} when no response arrived. */
	static String statusClass(int httpStatus) {
		return (httpStatus >= 100 && httpStatus < 600) ? (httpStatus / 100) + "xx" : "none";
	}

	private static double flag(TelemetryClient client) {
		FeatureFlagGate.State state = client.snapshot().featureFlag();
		return switch (state) {
			case ENABLED -> 1;
			case DISABLED -> 0;
			case UNKNOWN -> -1;
		};
	}

}
