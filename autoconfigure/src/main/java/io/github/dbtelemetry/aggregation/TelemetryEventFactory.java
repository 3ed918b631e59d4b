package io.github.dbtelemetry.aggregation;

import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;

import io.github.dbtelemetry.model.DriverErrorInfo;
import io.github.dbtelemetry.model.DriverSystemConfiguration;
import io.github.dbtelemetry.model.FrontendLogContext;
import io.github.dbtelemetry.model.FrontendLogEntry;
import io.github.dbtelemetry.model.OperationDetail;
import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.ResultLatency;
import io.github.dbtelemetry.model.SqlExecutionEvent;
import io.github.dbtelemetry.model.StatementType;
import io.github.dbtelemetry.model.TelemetryClientContext;
import io.github.dbtelemetry.model.TelemetryEvent;
import io.github.dbtelemetry.model.TelemetryFrontendLog;
import io.github.dbtelemetry.observation.ConnectionObservationContext;
import io.github.dbtelemetry.observation.DatabricksObservationContext;
import io.github.dbtelemetry.observation.StatementObservationContext;
import io.github.dbtelemetry.observation.TelemetryTarget;

/**
 * Builds wire events from finished observation contexts. It reads only the typed fields that
 * may be exported: SQL text, parameters, error messages and resolved server addresses are not
 * fields it knows how to write.
 */
public final class TelemetryEventFactory {

	private final DriverSystemConfiguration systemConfiguration;

	private final TelemetryClientContext clientContextTemplate;

	private final Clock clock;

	private final IdGenerator ids;

	public TelemetryEventFactory(DriverSystemConfiguration systemConfiguration, String userAgent, Clock clock,
			IdGenerator ids) {
		this.systemConfiguration = systemConfiguration;
		this.clientContextTemplate = new TelemetryClientContext(0, userAgent);
		this.clock = clock;
		this.ids = ids;
	}

	public DriverSystemConfiguration getSystemConfiguration() {
		return this.systemConfiguration;
	}

	public TelemetryFrontendLog statementEvent(StatementObservationContext context) {
		ResultLatency latency = new ResultLatency(null,
				TimeUnit.NANOSECONDS.toMillis(context.getResultConsumptionNanos()));
		SqlExecutionEvent operation = new SqlExecutionEvent(context.getStatementType(), null,
				context.getResultFormat(), null, null, null, latency,
				new OperationDetail(null, null, context.getOperationType(), false));
		String statementId = (context.getStatementId() != null) ? context.getStatementId() : this.ids.next();
		return wrap(context, event(context, statementId, operation, errorInfo(context.getFailure())));
	}

	public TelemetryFrontendLog connectionEvent(ConnectionObservationContext context) {
		SqlExecutionEvent operation = new SqlExecutionEvent(StatementType.NONE, null, null, null, null, null, null,
				new OperationDetail(null, null, OperationType.CREATE_SESSION, false));
		return wrap(context, event(context, null, operation, errorInfo(context.getFailure())));
	}

	private TelemetryEvent event(DatabricksObservationContext context, String statementId,
			SqlExecutionEvent operation, DriverErrorInfo error) {
		TelemetryTarget target = context.getTarget();
		return new TelemetryEvent(context.getSessionId(), statementId, this.systemConfiguration,
				target.connectionParameters(), target.authType(), null, operation, error,
				TimeUnit.NANOSECONDS.toMillis(context.getDurationNanos()));
	}

	private TelemetryFrontendLog wrap(DatabricksObservationContext context, TelemetryEvent event) {
		TelemetryClientContext clientContext = new TelemetryClientContext(this.clock.millis(),
				this.clientContextTemplate.userAgent());
		return new TelemetryFrontendLog(context.getTarget().workspaceId(), this.ids.next(),
				new FrontendLogContext(clientContext), new FrontendLogEntry(event));
	}

	/**
	 * The exported error: the SQLSTATE, else the exception's simple class name. No message and
	 * no trace: both can carry SQL text, literals and host names.
	 */
	static DriverErrorInfo errorInfo(Throwable failure) {
		if (failure == null) {
			return null;
		}
		if (failure instanceof SQLException sql && sql.getSQLState() != null && !sql.getSQLState().isBlank()) {
			return new DriverErrorInfo(sql.getSQLState(), null);
		}
		return new DriverErrorInfo(failure.getClass().getSimpleName(), null);
	}

}
