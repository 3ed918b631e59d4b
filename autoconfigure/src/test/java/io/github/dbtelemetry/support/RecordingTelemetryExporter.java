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

	public List<TelemetryEvent> statementEvents() {
		return this.logs.stream()
			.map((log) -> log.entry().sqlDriverLog())
			.filter((event) -> event.sqlOperation().operationDetail().operationType() != OperationType.CREATE_SESSION)
			.toList();
	}

	public List<TelemetryEvent> sessionEvents() {
		return this.logs.stream()
			.map((log) -> log.entry().sqlDriverLog())
			.filter((event) -> event.sqlOperation().operationDetail().operationType() == OperationType.CREATE_SESSION)
			.toList();
	}

}
