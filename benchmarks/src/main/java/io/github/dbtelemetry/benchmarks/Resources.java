package io.github.dbtelemetry.benchmarks;

import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

import io.micrometer.observation.ObservationHandler;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;

/**
 * What a benchmark trial started and must close, and where its variants export: to sinks in
 * this JVM that discard without serializing (the default), or over HTTP to a local workspace
 * and collector ({@link #exportingTo}), serializing and sending as an application does.
 */
final class Resources implements AutoCloseable {

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private final URI sink;

	private final int starterBatchSize;

	private final int starterMaxBatchSize;

	private StarterEngine engine;

	private SdkTracerProvider tracing;

	private CountingSpanExporter spans;

	Resources() {
		this(null, 0, 0);
	}

	private Resources(URI sink, int starterBatchSize, int starterMaxBatchSize) {
		this.sink = sink;
		this.starterBatchSize = starterBatchSize;
		this.starterMaxBatchSize = starterMaxBatchSize;
	}

	/**
	 * Resources whose starter and OpenTelemetry export with their own exporters over HTTP to
	 * {@code sink}, which must answer as a workspace (feature flag on) and as an OTLP/HTTP
	 * collector.
	 * @param starterBatchSize the pending events that start the starter's export
	 * @param starterMaxBatchSize the most events in one of its requests, 0 for the default
	 */
	static Resources exportingTo(URI sink, int starterBatchSize, int starterMaxBatchSize) {
		return new Resources(sink, starterBatchSize, starterMaxBatchSize);
	}

	StarterEngine engine(boolean workspaceSaysNo, List<ObservationHandler<?>> otherHandlers) {
		this.engine = (this.sink != null && !workspaceSaysNo)
				? StarterEngine.exportingTo(this.sink, this.starterBatchSize, this.starterMaxBatchSize,
						otherHandlers)
				: new StarterEngine(workspaceSaysNo, otherHandlers);
		this.closeables.add(this.engine);
		return this.engine;
	}

	StarterEngine engine() {
		return this.engine;
	}

	/** Where OpenTelemetry's batch span processor sends its spans. */
	SpanExporter spanExporter() {
		SpanExporter exporter = (this.sink != null)
				? OtlpHttpSpanExporter.builder().setEndpoint(this.sink.resolve("/v1/traces").toString()).build()
				: new DiscardingSpanExporter();
		this.spans = new CountingSpanExporter(exporter);
		return this.spans;
	}

	/** OpenTelemetry's tracer provider, flushed by {@link #awaitDelivery} and closed with the rest. */
	void tracing(SdkTracerProvider tracing) {
		this.tracing = tracing;
		this.closeables.add(tracing);
	}

	/**
	 * Flushes until everything recorded so far has been exported and answered.
	 * @param statements the statements run so far: the starter makes an event of each, and
	 * OpenTelemetry a span
	 * @param sessions the physical connections opened so far: the starter makes an event of each,
	 * OpenTelemetry nothing (its data source makes no span outside a trace)
	 * @throws IllegalStateException when something was dropped or failed, or after 30 seconds
	 */
	void awaitDelivery(long statements, int sessions) {
		if (this.engine != null) {
			this.engine.awaitExported(statements + sessions);
		}
		if (this.tracing != null) {
			awaitSpansExported(statements);
		}
	}

	// A flush asked for just as the previous one ends can be answered by that one (the batch span
	// processor hands out the flush in progress), so it is asked again until the spans are out;
	// otherwise the queue would fill over a few operations and drop spans.
	private void awaitSpansExported(long spans) {
		long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
		while (this.spans.exported() < spans) {
			if (this.spans.failed() > 0) {
				throw new IllegalStateException(this.spans.failed() + " spans failed to export");
			}
			long left = deadline - System.nanoTime();
			if (left <= 0) {
				throw new IllegalStateException("Only " + this.spans.exported() + " of " + spans
						+ " spans were exported within 30 seconds");
			}
			if (!this.tracing.forceFlush().join(left, TimeUnit.NANOSECONDS).isSuccess()) {
				throw new IllegalStateException("OpenTelemetry's flush failed or took over 30 seconds");
			}
		}
	}

	/** Spans exported so far, as their exporter answered. */
	long spansExported() {
		return (this.spans != null) ? this.spans.exported() : 0;
	}

	/** Counts the spans of the exports that succeeded and of those that failed. */
	private static final class CountingSpanExporter implements SpanExporter {

		private final SpanExporter delegate;

		private final LongAdder exported = new LongAdder();

		private final LongAdder failed = new LongAdder();

		CountingSpanExporter(SpanExporter delegate) {
			this.delegate = delegate;
		}

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			// the processor reuses its batch once export returns: the size is read now
			int count = spans.size();
			CompletableResultCode result = this.delegate.export(spans);
			result.whenComplete(() -> (result.isSuccess() ? this.exported : this.failed).add(count));
			return result;
		}

		@Override
		public CompletableResultCode flush() {
			return this.delegate.flush();
		}

		@Override
		public CompletableResultCode shutdown() {
			return this.delegate.shutdown();
		}

		long exported() {
			return this.exported.sum();
		}

		long failed() {
			return this.failed.sum();
		}

	}

	private static final class DiscardingSpanExporter implements SpanExporter {

		@Override
		public CompletableResultCode export(Collection<SpanData> spans) {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode flush() {
			return CompletableResultCode.ofSuccess();
		}

		@Override
		public CompletableResultCode shutdown() {
			return CompletableResultCode.ofSuccess();
		}

	}

	@Override
	public void close() throws Exception {
		for (int i = this.closeables.size() - 1; i >= 0; i--) {
			this.closeables.get(i).close();
		}
	}

}
