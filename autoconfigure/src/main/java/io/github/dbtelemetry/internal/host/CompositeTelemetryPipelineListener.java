package io.github.dbtelemetry.internal.host;

import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.pipeline.DropReason;
import io.github.dbtelemetry.pipeline.HostSnapshot;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;

/**
 * Tells every listener bean (the metrics binder, the application's own) what happened. A
 * listener that throws is logged and skipped: one broken listener must neither silence the
 * others nor reach the telemetry or JDBC thread that reported the event.
 */
public final class CompositeTelemetryPipelineListener implements TelemetryPipelineListener {

	private static final Log logger = LogFactory.getLog(CompositeTelemetryPipelineListener.class);

	private final List<TelemetryPipelineListener> listeners;

	private CompositeTelemetryPipelineListener(List<TelemetryPipelineListener> listeners) {
		this.listeners = List.copyOf(listeners);
	}

	public static TelemetryPipelineListener of(List<TelemetryPipelineListener> listeners) {
		return listeners.isEmpty() ? NONE : new CompositeTelemetryPipelineListener(listeners);
	}

	@Override
	public void onEventsExported(String host, int count) {
		each((listener) -> listener.onEventsExported(host, count));
	}

	@Override
	public void onEventsDropped(String host, DropReason reason, int count) {
		each((listener) -> listener.onEventsDropped(host, reason, count));
	}

	@Override
	public void onExport(String host, ExportResult result, long durationNanos) {
		each((listener) -> listener.onExport(host, result, durationNanos));
	}

	@Override
	public void onHostOpened(String host, Supplier<HostSnapshot> state) {
		each((listener) -> listener.onHostOpened(host, state));
	}

	@Override
	public void onHostClosed(String host) {
		each((listener) -> listener.onHostClosed(host));
	}

	private void each(Consumer<TelemetryPipelineListener> call) {
		for (TelemetryPipelineListener listener : this.listeners) {
			try {
				call.accept(listener);
			}
			catch (Throwable ex) {
				logger.debug("Telemetry pipeline listener " + listener.getClass().getName() + " failed", ex);
			}
		}
	}

}
