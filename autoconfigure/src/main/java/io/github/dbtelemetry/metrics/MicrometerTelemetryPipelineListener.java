package io.github.dbtelemetry.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.dbtelemetry.export.ExportOutcome;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.pipeline.DropReason;
import io.github.dbtelemetry.pipeline.HostSnapshot;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;
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
 *
 * @since 0.1.0
 */
public final class MicrometerTelemetryPipelineListener implements TelemetryPipelineListener {

	private final MeterRegistry registry;

	// Open instances per host name; the gauges read the one opened last.
	private final Map<String, OpenHost> hosts = new ConcurrentHashMap<>();

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

	/**
	 * Registers the host's gauges, reading whichever instance of the host opened last, and
	 * makes every series of the events counter exist at zero, so that rates work from the first
	 * drop; and Boot closes registries before beans are destroyed, when only counters that
	 * already exist still count the events dropped at shutdown.
	 */
	@Override
	public void onHostOpened(String host, Supplier<HostSnapshot> state) {
		OpenHost open = this.hosts.compute(host, (key, existing) -> {
			OpenHost target = (existing != null) ? existing : new OpenHost();
			target.openings++;
			target.state = state;
			return target;
		});
		Tags tags = Tags.of(TelemetryMeterNames.TAG_HOST, host);
		Gauge.builder(TelemetryMeterNames.PENDING, open, (current) -> current.state.get().pending())
			.description("Telemetry events waiting for export")
			.tags(tags)
			.register(this.registry);
		Gauge.builder(TelemetryMeterNames.FEATURE_FLAG, open, (current) -> flag(current.state.get()))
			.description("Whether the workspace wants telemetry: 1 enabled, 0 disabled, -1 not known yet")
			.tags(tags)
			.register(this.registry);
		events(host, "exported", TelemetryMeterNames.REASON_NONE);
		for (DropReason reason : DropReason.values()) {
			events(host, "dropped", reason.tagValue());
		}
	}

	/**
	 * Removes every meter of the host once no instance of it is open: a host re-created while
	 * the old instance still flushes keeps its meters.
	 */
	@Override
	public void onHostClosed(String host) {
		boolean[] gone = new boolean[1];
		this.hosts.computeIfPresent(host, (key, open) -> {
			if (--open.openings > 0) {
				return open;
			}
			gone[0] = true;
			return null;
		});
		if (gone[0]) {
			for (Meter meter : this.registry.getMeters()) {
				String name = meter.getId().getName();
				if (name.startsWith(TelemetryMeterNames.PREFIX)
						&& host.equals(meter.getId().getTag(TelemetryMeterNames.TAG_HOST))) {
					this.registry.remove(meter);
				}
			}
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

	private static double flag(HostSnapshot snapshot) {
		return switch (snapshot.featureFlag()) {
			case ENABLED -> 1;
			case DISABLED -> 0;
			case UNKNOWN -> -1;
		};
	}

	private static final class OpenHost {

		// changed only inside ConcurrentHashMap.compute for the host
		private int openings;

		private volatile Supplier<HostSnapshot> state;

	}

}
