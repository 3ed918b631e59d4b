package io.github.dbtelemetry.benchmarks;

import java.util.List;

import javax.sql.DataSource;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.instrumentation.jdbc.datasource.JdbcTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import net.ttddyy.observation.tracing.DataSourceObservationListener;

import io.github.dbtelemetry.metrics.DatabricksMeterObservationHandler;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationHandler.FirstMatchingCompositeObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingReceiverTracingObservationHandler;
import io.micrometer.tracing.handler.PropagatingSenderTracingObservationHandler;
import io.micrometer.tracing.otel.bridge.OtelBaggageManager;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.micrometer.tracing.propagation.Propagator;

/** The ways of instrumenting the same pool that a benchmark compares in one run. */
public enum Variant {

	/** HikariCP with no instrumentation. */
	RAW {
		@Override
		DataSource instrument(DataSource pool, String url, Resources resources) {
			return pool;
		}
	},

	/**
	 * The starter, exporting to the resources' sink: in this JVM without serializing, or over
	 * HTTP through its own exporter.
	 */
	STARTER {
		@Override
		DataSource instrument(DataSource pool, String url, Resources resources) {
			return resources.engine(false, List.of()).wrap(pool);
		}
	},

	/**
	 * The starter with Boot's observation-to-metrics bridge recording timers, as with actuator:
	 * Boot puts the meter observation handlers into one first-matching group, the starter's
	 * (ordered first) before {@link DefaultMeterObservationHandler}.
	 */
	STARTER_WITH_METRICS {
		@Override
		DataSource instrument(DataSource pool, String url, Resources resources) {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			ObservationHandler<?> meters = new FirstMatchingCompositeObservationHandler(
					new DatabricksMeterObservationHandler(registry), new DefaultMeterObservationHandler(registry));
			return resources.engine(false, List.of(meters)).wrap(pool);
		}
	},

	/**
	 * As {@link #STARTER_WITH_METRICS}, with long-task timers ignored as
	 * {@code management.metrics.observations.ignored-meters=long-task-timer} makes Boot's handler
	 * and the starter's ignore them.
	 */
	STARTER_WITH_METRICS_NO_LONG_TASK_TIMERS {
		@Override
		DataSource instrument(DataSource pool, String url, Resources resources) {
			SimpleMeterRegistry registry = new SimpleMeterRegistry();
			ObservationHandler<?> meters = new FirstMatchingCompositeObservationHandler(
					new DatabricksMeterObservationHandler(registry, false), new DefaultMeterObservationHandler(registry,
							DefaultMeterObservationHandler.IgnoredMeters.LONG_TASK_TIMER));
			return resources.engine(false, List.of(meters)).wrap(pool);
		}
	},

	/** The starter on a workspace whose feature flag says no. */
	STARTER_FLAG_OFF {
		@Override
		DataSource instrument(DataSource pool, String url, Resources resources) {
			return resources.engine(true, List.of()).wrapAnswered(pool);
		}
	},

	/** datasource-micrometer as its Spring Boot module wires it: three observations, meter handler. */
	DATASOURCE_MICROMETER {
		@Override
		DataSource instrument(DataSource pool, String url, Resources resources) {
			ObservationRegistry registry = ObservationRegistry.create();
			registry.observationConfig().observationHandler(new DefaultMeterObservationHandler(new SimpleMeterRegistry()));
			DataSourceObservationListener listener = new DataSourceObservationListener(registry);
			return ProxyDataSourceBuilder.create(pool).name("dataSource").listener(listener).methodListener(listener)
				.proxyResultSet().build();
		}
	},

	/**
	 * The starter with tracing as Boot wires it with {@code micrometer-tracing-bridge-otel}:
	 * Micrometer Tracing's handler over the same OpenTelemetry SDK, sampler and span exporter
	 * as {@link #OPENTELEMETRY}, so the spans cost the same to record and export.
	 */
	STARTER_WITH_TRACING {
		@Override
		DataSource instrument(DataSource pool, String url, Resources resources) {
			SdkTracerProvider tracing = sampledTracing(resources);
			OtelCurrentTraceContext context = new OtelCurrentTraceContext();
			OtelTracer tracer = new OtelTracer(tracing.get("io.micrometer.tracing"), context, (event) -> {
			}, new OtelBaggageManager(context, List.of(), List.of()));
			ObservationHandler<?> spans = new FirstMatchingCompositeObservationHandler(
					new PropagatingSenderTracingObservationHandler<>(tracer, Propagator.NOOP),
					new PropagatingReceiverTracingObservationHandler<>(tracer, Propagator.NOOP),
					new DefaultTracingObservationHandler(tracer));
			return resources.engine(false, List.of(spans)).wrap(pool);
		}
	},

	/**
	 * OpenTelemetry's JDBC instrumentation with a sampled span per statement, and a batch span
	 * processor with its defaults sending to the resources' span exporter.
	 */
	OPENTELEMETRY {
		@Override
		DataSource instrument(DataSource pool, String url, Resources resources) {
			OpenTelemetry openTelemetry = OpenTelemetrySdk.builder().setTracerProvider(sampledTracing(resources)).build();
			return JdbcTelemetry.create(openTelemetry).wrap(pool);
		}
	};

	/** Every span sampled and batched to the resources' span exporter, closed with them. */
	static SdkTracerProvider sampledTracing(Resources resources) {
		SdkTracerProvider tracing = SdkTracerProvider.builder()
			.setSampler(Sampler.alwaysOn())
			.addSpanProcessor(BatchSpanProcessor.builder(resources.spanExporter()).build())
			.build();
		resources.tracing(tracing);
		return tracing;
	}

	abstract DataSource instrument(DataSource pool, String url, Resources resources);

}
