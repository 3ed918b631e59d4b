package io.github.dbtelemetry.support;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryEndpoint;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.TelemetryEvent;
import io.github.dbtelemetry.model.TelemetryFrontendLog;

/** An exporter that keeps every log it is given and reports success. */
public class RecordingTelemetryExporter implements TelemetryExporter {

	private final List<TelemetryFrontendLog> logs = new CopyOnWriteArrayList<>();

	private final List<TelemetryEndpoint> endpoints = new CopyOnWriteArrayList<>();

	@Override
	public CompletableFuture<ExportResult> export(TelemetryEndpoint endpoint, List<TelemetryFrontendLog> batch) {
		this.endpoints.add(endpoint);
		this.logs.addAll(batch);
		return CompletableFuture.completedFuture(ExportResult.success(batch.size(), 200));
	}

	public List<TelemetryFrontendLog> logs() {
		return new ArrayList<>(this.logs);
	}

	public List<TelemetryEndpoint> endpoints() {
		return new ArrayList<>(this.endpoints);
	}

	/** Statement executions and metadata calls: every event but a session's start or end. */
	public List<TelemetryEvent> statementEvents() {
		return this.logs.stream()
			.map((log) -> log.entry().sqlDriverLog())
			.filter((event) -> event.sqlOperation().operationDetail().operationType() != OperationType.CREATE_SESSION
					&& event.sqlOperation().operationDetail().operationType() != OperationType.DELETE_SESSION)
			.toList();
	}

	/** New sessions and failed attempts to open one ({@code CREATE_SESSION}). */
	public List<TelemetryEvent> sessionEvents() {
		return eventsOf(OperationType.CREATE_SESSION);
	}

	/** Sessions that ended ({@code DELETE_SESSION}). */
	public List<TelemetryEvent> sessionEndEvents() {
		return eventsOf(OperationType.DELETE_SESSION);
	}

	private List<TelemetryEvent> eventsOf(OperationType type) {
		return this.logs.stream()
			.map((log) -> log.entry().sqlDriverLog())
			.filter((event) -> event.sqlOperation().operationDetail().operationType() == type)
			.toList();
	}

}
