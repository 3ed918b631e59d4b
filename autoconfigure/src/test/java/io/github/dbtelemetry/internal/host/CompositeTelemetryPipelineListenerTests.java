package io.github.dbtelemetry.internal.host;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.pipeline.DropReason;
import io.github.dbtelemetry.pipeline.FeatureFlagState;
import io.github.dbtelemetry.pipeline.HostSnapshot;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

class CompositeTelemetryPipelineListenerTests {

	private static final Supplier<HostSnapshot> STATE = () -> new HostSnapshot("h", FeatureFlagState.ENABLED, true,
			null, "NONE", 0, 0, Map.of(), Instant.EPOCH, null, null);

	@Test
	void withoutListenersNothingIsCalled() {
		assertThat(CompositeTelemetryPipelineListener.of(List.of())).isSameAs(TelemetryPipelineListener.NONE);
	}

	@Test
	void aThrowingListenerNeitherSilencesTheOthersNorReachesTheCaller() {
		List<String> heard = new CopyOnWriteArrayList<>();
		TelemetryPipelineListener composite = CompositeTelemetryPipelineListener
			.of(List.of(new BrokenListener(), new RecordingListener(heard), new BrokenListener()));
		assertThatCode(() -> {
			composite.onHostOpened("h", STATE);
			composite.onEventsExported("h", 2);
			composite.onEventsDropped("h", DropReason.BUFFER_FULL, 1);
			composite.onExport("h", ExportResult.success(2, 200), 5);
			composite.onHostClosed("h");
		}).doesNotThrowAnyException();
		assertThat(heard).containsExactly("opened h with state of h", "exported h 2", "dropped h buffer_full 1",
				"export h SUCCESS", "closed h");
	}

	/** Throws from every callback, an {@link Error} included: one listener's bug. */
	private static final class BrokenListener implements TelemetryPipelineListener {

		@Override
		public void onEventsExported(String host, int count) {
			throw new IllegalStateException("broken listener");
		}

		@Override
		public void onEventsDropped(String host, DropReason reason, int count) {
			throw new IllegalStateException("broken listener");
		}

		@Override
		public void onExport(String host, ExportResult result, long durationNanos) {
			throw new AssertionError("broken listener");
		}

		@Override
		public void onHostOpened(String host, Supplier<HostSnapshot> state) {
			throw new IllegalStateException("broken listener");
		}

		@Override
		public void onHostClosed(String host) {
			throw new LinkageError("broken listener");
		}

	}

	private static final class RecordingListener implements TelemetryPipelineListener {

		private final List<String> heard;

		RecordingListener(List<String> heard) {
			this.heard = heard;
		}

		@Override
		public void onEventsExported(String host, int count) {
			this.heard.add("exported " + host + " " + count);
		}

		@Override
		public void onEventsDropped(String host, DropReason reason, int count) {
			this.heard.add("dropped " + host + " " + reason.tagValue() + " " + count);
		}

		@Override
		public void onExport(String host, ExportResult result, long durationNanos) {
			this.heard.add("export " + host + " " + result.outcome());
		}

		@Override
		public void onHostOpened(String host, Supplier<HostSnapshot> state) {
			this.heard.add("opened " + host + " with state of " + state.get().host());
		}

		@Override
		public void onHostClosed(String host) {
			this.heard.add("closed " + host);
		}

	}

}
