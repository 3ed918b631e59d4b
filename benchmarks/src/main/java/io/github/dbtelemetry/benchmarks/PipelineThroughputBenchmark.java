package io.github.dbtelemetry.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import io.github.dbtelemetry.internal.export.RequestBody;
import io.github.dbtelemetry.internal.export.TelemetryPayloadSerializer;
import io.github.dbtelemetry.model.TelemetryFrontendLog;
import io.github.dbtelemetry.model.TelemetryRequest;
import tools.jackson.databind.json.JsonMapper;

/**
 * Statements completed per second, on one thread, through everything after the JDBC call:
 * aggregation into an event, serialization to the wire format and batching into requests of
 * 100, with the HTTP send replaced by a blackhole (the HTTP client's own copy of the body is
 * not counted). The baseline serializes the same events the
 * way a naive client does: each event on its own, as a request of one.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PipelineThroughputBenchmark {

	private static final int BATCH = 100;

	private final List<TelemetryFrontendLog> batch = new ArrayList<>(BATCH);

	private final TelemetryPayloadSerializer serializer = new TelemetryPayloadSerializer();

	private final JsonMapper plainMapper = JsonMapper.builder().build();

	private final SampleStatements statements = new SampleStatements();

	private Blackhole blackhole;

	@Setup
	public void setUp(Blackhole blackhole) {
		this.blackhole = blackhole;
	}

	@Benchmark
	public void starterPipeline() {
		// what a host's lease does with a finished statement, then its share of a batch's export
		TelemetryFrontendLog log = this.statements.event(this.statements.completedStatement());
		this.batch.add(log);
		if (this.batch.size() == BATCH) {
			// As the exporter does: the HTTP client copies the body out, and when the export has
			// ended the body's array serves the next batch.
			RequestBody body = this.serializer.serializeRequestBody(System.currentTimeMillis(), this.batch);
			this.blackhole.consume(body);
			body.release();
			this.batch.clear();
		}
	}

	@Benchmark
	public void plainJacksonPerEvent(Blackhole blackhole) {
		TelemetryFrontendLog log = this.statements.event(this.statements.completedStatement());
		String protoLog = this.plainMapper.writeValueAsString(log);
		blackhole.consume(this.plainMapper.writeValueAsBytes(new TelemetryRequest(System.currentTimeMillis(),
				List.of(protoLog))));
	}

}
