package io.github.dbtelemetry.metrics;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

import io.github.dbtelemetry.export.ExportOutcome;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.pipeline.DropReason;
import io.github.dbtelemetry.pipeline.FeatureFlagState;
import io.github.dbtelemetry.pipeline.HostSnapshot;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.BaseUnits;
import io.micrometer.core.instrument.binder.http.Outcome;

/**
 * Turns what the pipeline reports into meters. Tags are the host and fixed vocabularies only:
 * never SQL, a token or server text. Counters are looked up per call (the registry caches
 * them), so that a registry that is cleared or filtered later still sees consistent meters.
 * <p>
 * The export timer is tagged the way Spring tags {@code http.client.requests}, so that
 * dashboards and alerts written for HTTP clients read it unchanged: {@code status} is the status
 * code, {@code outcome} its class. What the export meant for the batch, which a status does not
 * say (a 200 may be a partial success, a 503 retried until the retries ran out), is the separate
 * {@code result} tag.
 *
 * @since 0.1.0
 */
public final class MicrometerTelemetryPipelineListener implements TelemetryPipelineListener {

	/**
	 * Failure kinds of {@link ExportResult} that are I/O failures: connecting, resolving the host,
	 * TLS, a timeout, a broken connection.
	 */
	private static final Set<String> IO_FAILURE_KINDS = Set.of("connect", "dns", "tls", "timeout", "io");

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
			.tags(Tags.of(TelemetryMeterNames.TAG_STATUS, status(result), TelemetryMeterNames.TAG_OUTCOME,
					Outcome.forStatus(result.httpStatus()).name(), TelemetryMeterNames.TAG_RESULT,
					result.outcome().name().toLowerCase(Locale.ROOT), TelemetryMeterNames.TAG_HOST, host))
			.register(this.registry)
			.record(durationNanos, TimeUnit.NANOSECONDS);
	}

	/**
	 * Registers the host's gauges, reading whichever instance of the host opened last, and
	 * makes every series of the events counter exist at zero, so that rates work from the first
	 * drop; and Boot closes registries before beans are destroyed, when only counters that
	 * already exist still count the events dropped at shutdown. The feature flag is one gauge per
	 * state rather than one coded value, so that a sum or an alert reads {@code state="disabled"}
	 * instead of knowing what -1 meant.
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
			.baseUnit(BaseUnits.EVENTS)
			.tags(tags)
			.register(this.registry);
		for (FeatureFlagState flag : FeatureFlagState.values()) {
			Gauge.builder(TelemetryMeterNames.FEATURE_FLAG, open,
					(current) -> (current.state.get().featureFlag() == flag) ? 1 : 0)
				.description("The workspace's answer on telemetry: 1 for the current state, 0 for the others")
				.tags(tags.and(TelemetryMeterNames.TAG_STATE, flag.name().toLowerCase(Locale.ROOT)))
				.register(this.registry);
		}
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
			.baseUnit(BaseUnits.EVENTS)
			.tags(Tags.of(TelemetryMeterNames.TAG_OUTCOME, outcome, TelemetryMeterNames.TAG_REASON, reason,
					TelemetryMeterNames.TAG_HOST, host))
			.register(this.registry);
	}

	/**
	 * The status code of the last response; without one, {@code IO_ERROR} when the last failure
	 * was an I/O failure and {@code CLIENT_ERROR} otherwise, as Spring's HTTP client observations
	 * say it.
	 */
	static String status(ExportResult result) {
		int status = result.httpStatus();
		if (status >= 100 && status < 600) {
			return Integer.toString(status);
		}
		String kind = result.failureKind();
		return (kind != null && IO_FAILURE_KINDS.contains(kind)) ? TelemetryMeterNames.STATUS_IO_ERROR
				: TelemetryMeterNames.STATUS_CLIENT_ERROR;
	}

	private static final class OpenHost {

		// changed only inside ConcurrentHashMap.compute for the host
		private int openings;

		private volatile Supplier<HostSnapshot> state;

	}

}
