package io.github.dbtelemetry.support;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.pipeline.DropReason;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Counts what became of events, over all hosts: how many were exported, how many were dropped
 * for each reason, and every export result in order. Safe to call from the telemetry threads and
 * the JDBC threads at once, as the pipeline does.
 * <p>
 * It hears only what happens to events ({@code onEventsExported}, {@code onEventsDropped},
 * {@code onExport}); what happens to clients is not its concern, so tests that count events do
 * not depend on how a client's life is reported.
 */
public final class CountingPipelineListener implements TelemetryPipelineListener {

	private final AtomicLong exported = new AtomicLong();

	// Filled once here and only read afterwards, so the map itself needs no lock.
	private final Map<DropReason, AtomicLong> dropped = new EnumMap<>(DropReason.class);

	private final List<ExportResult> results = new CopyOnWriteArrayList<>();

	public CountingPipelineListener() {
		for (DropReason reason : DropReason.values()) {
			this.dropped.put(reason, new AtomicLong());
		}
	}

	@Override
	public void onEventsExported(String host, int count) {
		this.exported.addAndGet(count);
	}

	@Override
	public void onEventsDropped(String host, DropReason reason, int count) {
		this.dropped.get(reason).addAndGet(count);
	}

	@Override
	public void onExport(String host, ExportResult result, long durationNanos) {
		this.results.add(result);
	}

	/** Events the workspace took. */
	public long exported() {
		return this.exported.get();
	}

	public long dropped(DropReason reason) {
		return this.dropped.get(reason).get();
	}

	/** Events dropped for any reason. */
	public long droppedTotal() {
		return this.dropped.values().stream().mapToLong(AtomicLong::get).sum();
	}

	/** The result of every export that ended, in the order they ended. */
	public List<ExportResult> results() {
		return List.copyOf(this.results);
	}

	/** Asserts that no event was dropped for a reason other than the given ones. */
	public void assertNoDropsExcept(DropReason... allowed) {
		List<DropReason> permitted = List.of(allowed);
		this.dropped.forEach((reason, count) -> {
			if (!permitted.contains(reason)) {
				assertThat(count.get()).as("events dropped as " + reason.tagValue()).isZero();
			}
		});
	}

}
