package io.github.dbtelemetry.support;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;

import io.github.dbtelemetry.internal.event.IdGenerator;
import io.github.dbtelemetry.internal.event.SystemConfigurations;
import io.github.dbtelemetry.internal.event.TelemetryEventFactory;
import io.github.dbtelemetry.internal.host.FeatureFlagGate;
import io.github.dbtelemetry.internal.host.TelemetryClient;
import io.github.dbtelemetry.internal.host.TelemetryClientSettings;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;
import io.github.dbtelemetry.export.CredentialsProvider;
import io.github.dbtelemetry.export.TelemetryEndpoint;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.model.DatabricksClientType;
import io.github.dbtelemetry.model.DriverConnectionParameters;
import io.github.dbtelemetry.model.HostDetails;
import io.github.dbtelemetry.model.AuthFlow;
import io.github.dbtelemetry.model.AuthMech;
import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.StatementType;
import io.github.dbtelemetry.observation.ConnectionObservationContext;
import io.github.dbtelemetry.observation.StatementObservationContext;
import io.github.dbtelemetry.internal.operation.ConnectionFacts;
import io.github.dbtelemetry.internal.operation.ConnectionOperation;
import io.github.dbtelemetry.internal.operation.StatementOperation;
import io.github.dbtelemetry.internal.operation.TelemetryRecorder;
import io.github.dbtelemetry.observation.TelemetryTagRegistry;
import io.github.dbtelemetry.internal.operation.TelemetryTarget;

/**
 * Building blocks shared by the tests of one host's pipeline: a client wired by hand, targets
 * and finished observation contexts as the JDBC wrappers would hand them over.
 */
public final class TestTelemetry {

	public static final String HOST = "adb-1234567890123456.7.azuredatabricks.net";

	private TestTelemetry() {
	}

	public static TelemetryEventFactory eventFactory() {
		return new TelemetryEventFactory(SystemConfigurations.forApplication("test"), "ua/1", Clock.systemUTC(),
				IdGenerator.RANDOM);
	}

	public static TelemetryEventFactory eventFactoryWith(TelemetryTagRegistry registry) {
		return new TelemetryEventFactory(SystemConfigurations.forApplication("test"), "ua/1", Clock.systemUTC(),
				IdGenerator.RANDOM, registry);
	}

	public static TelemetryClientSettings settings(int batchSize, Duration flushInterval) {
		return new TelemetryClientSettings(batchSize, flushInterval, 10_000, Duration.ofSeconds(5));
	}

	/** A client of {@link #HOST} exporting to {@code baseUrl}. */
	public static TelemetryClient client(URI baseUrl, CredentialsProvider credentials, TelemetryExporter exporter,
			FeatureFlagGate gate, TelemetryClientSettings settings, TelemetryEventFactory events,
			TelemetryPipelineListener listener, ScheduledExecutorService scheduler) {
		return new TelemetryClient(new TelemetryEndpoint(HOST, baseUrl, credentials, true), exporter, gate, settings,
				events, listener, scheduler, Clock.systemUTC());
	}

	public static TelemetryClient client(TelemetryExporter exporter, FeatureFlagGate gate,
			TelemetryClientSettings settings, ScheduledExecutorService scheduler) {
		return client(URI.create("https://" + HOST), CredentialsProvider.NONE, exporter, gate, settings,
				eventFactory(), TelemetryPipelineListener.NONE, scheduler);
	}

	public static TelemetryClient client(TelemetryEventFactory events, TelemetryExporter exporter,
			ScheduledExecutorService scheduler) {
		return client(URI.create("https://" + HOST), CredentialsProvider.NONE, exporter, FeatureFlagGate.FORCED,
				settings(100, Duration.ofHours(1)), events, TelemetryPipelineListener.NONE, scheduler);
	}

	public static TelemetryTarget target(TelemetryRecorder recorder) {
		return new TelemetryTarget("ds", HOST,
				DriverConnectionParameters.of("/sql/1.0/warehouses/w", DatabricksClientType.SEA,
						HostDetails.ofBaseUrl("https://" + HOST + ":443"), AuthMech.PAT, AuthFlow.TOKEN_PASSTHROUGH),
				"pat", 1234567890123456L, recorder);
	}

	public static ConnectionObservationContext connectionOpened(TelemetryRecorder recorder) {
		ConnectionOperation operation = new ConnectionOperation(target(recorder), "session-1", System.nanoTime(),
				System.currentTimeMillis(), ConnectionFacts.UNKNOWN);
		operation.setEndNanos(operation.getStartNanos() + 1_000_000);
		return new ConnectionObservationContext(operation);
	}

	/** A finished query; {@code failure} may be {@code null}. */
	public static StatementObservationContext statementCompleted(TelemetryRecorder recorder, String statementId,
			Throwable failure) {
		StatementOperation operation = new StatementOperation(target(recorder), "session-1", StatementType.QUERY,
				OperationType.EXECUTE_STATEMENT, System.nanoTime(), System.currentTimeMillis());
		operation.setStatementId(statementId);
		operation.setExecutedNanos(operation.getStartNanos() + 1_000_000);
		operation.setEndNanos(operation.getStartNanos() + 2_000_000);
		operation.setFailure(failure);
		StatementObservationContext context = new StatementObservationContext(operation);
		if (failure != null) {
			context.setError(failure);
		}
		return context;
	}

}
