package io.github.dbtelemetry.internal.host;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.pipeline.DropReason;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;
import io.github.dbtelemetry.export.ExportResult;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class CompositeTelemetryPipelineListenerTests {

	@Test
	void withoutListenersNothingIsCalled() {
		assertThat(CompositeTelemetryPipelineListener.of(List.of())).isSameAs(TelemetryPipelineListener.NONE);
	}

	@Test
	void aThrowingListenerNeitherSilencesTheOthersNorReachesTheCaller() {
		List<String> heard = new ArrayList<>();
		TelemetryPipelineListener broken = new TelemetryPipelineListener() {
			@Override
			public void onEventsDropped(String host, DropReason reason, int count) {
				throw new IllegalStateException("broken listener");
			}

			@Override
			public void onExport(String host, ExportResult result, long durationNanos) {
				throw new IllegalStateException("broken listener");
			}
		};
		TelemetryPipelineListener recording = new TelemetryPipelineListener() {
			@Override
			public void onEventsExported(String host, int count) {
				heard.add("exported " + host + " " + count);
			}

			@Override
			public void onEventsDropped(String host, DropReason reason, int count) {
				heard.add("dropped " + host + " " + reason.tagValue() + " " + count);
			}

			@Override
			public void onExport(String host, ExportResult result, long durationNanos) {
				heard.add("export " + host + " " + result.outcome());
			}
		};
		TelemetryPipelineListener composite = CompositeTelemetryPipelineListener.of(List.of(broken, recording));

		assertThatCode(() -> {
			composite.onEventsExported("h", 2);
			composite.onEventsDropped("h", DropReason.BUFFER_FULL, 1);
			composite.onExport("h", ExportResult.success(2, 200), 5);
		}).doesNotThrowAnyException();
		assertThat(heard).containsExactly("exported h 2", "dropped h buffer_full 1", "export h SUCCESS");
	}

}
