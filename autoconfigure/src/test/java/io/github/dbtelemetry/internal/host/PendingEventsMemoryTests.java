package io.github.dbtelemetry.internal.host;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.pipeline.DropReason;
import io.github.dbtelemetry.pipeline.FeatureFlagState;
import io.github.dbtelemetry.support.CountingPipelineListener;
import io.github.dbtelemetry.support.TestTelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * While nothing can leave (the workspace has not answered), a host keeps at most
 * {@code max-pending-events}, counts every further event as dropped {@code buffer_full}, and the
 * heap it holds is the buffer's: never the number of statements.
 */
class PendingEventsMemoryTests {

	// The starter's goal per pending event; its events share the data source's parameters.
	private static final long MAX_BYTES_PER_PENDING_EVENT = 1024;

	@Test
	void aMillionEventsRetainNoMoreThanTheBoundedBuffer() {
		int capacity = 10_000;
		int total = 1_000_000;
		CountingPipelineListener listener = new CountingPipelineListener();
		try (TelemetryThreads threads = new TelemetryThreads(1)) {
			HostSettings settings = TestTelemetry
				.hostSettings((endpoint, logs) -> CompletableFuture
					.completedFuture(ExportResult.retriesExhausted(logs.size(), 503, "http_503")), threads.scheduler())
				.maxPendingEvents(capacity)
				.listener(listener)
				.build();
			// The workspace has not answered yet: nothing is exported, everything waits.
			WorkspaceHost host = new WorkspaceHost("memory.example.com", URI.create("http://127.0.0.1:1"), null,
					settings, () -> FeatureFlagState.UNKNOWN);
			host.start();
			WorkspaceHost.Lease lease = host.join(TokenSource.NONE);
			// the event builder's first use (class loading, caches) is not the buffer's
			lease.record(TestTelemetry.statementCompleted(null, null));
			host.shutdown(Duration.ZERO);
			host = new WorkspaceHost("memory.example.com", URI.create("http://127.0.0.1:1"), null, settings,
					() -> FeatureFlagState.UNKNOWN);
			host.start();
			lease = host.join(TokenSource.NONE);
			long baseline = usedHeapAfterGc();
			for (int i = 0; i < capacity; i++) {
				lease.record(TestTelemetry.statementCompleted(null, null));
			}
			long fullBuffer = usedHeapAfterGc();
			assertThat(host.pendingCount()).isEqualTo(capacity);
			assertThat((fullBuffer - baseline) / capacity).as("retained bytes per pending event")
				.isLessThan(MAX_BYTES_PER_PENDING_EVENT);

			int maxPending = 0;
			for (int i = capacity; i < total; i++) {
				lease.record(TestTelemetry.statementCompleted(null, null));
				if (i % 1_000 == 0) {
					maxPending = Math.max(maxPending, host.pendingCount());
				}
			}
			assertThat(maxPending).isEqualTo(capacity);
			assertThat(host.pendingCount()).isEqualTo(capacity);
			assertThat(listener.dropped(DropReason.BUFFER_FULL)).isEqualTo(total - capacity);
			assertThat(host.snapshot().dropped()).containsEntry(DropReason.BUFFER_FULL, (long) (total - capacity));
			// Dropped events leave nothing behind: at most a tenth of the buffer's own size.
			long afterBulk = usedHeapAfterGc();
			assertThat(afterBulk - fullBuffer).isLessThan((fullBuffer - baseline) / 10);

			host.shutdown(Duration.ZERO);
			assertThat(listener.dropped(DropReason.SHUTDOWN)).isEqualTo(1 + capacity);
			assertThat(host.pendingCount()).isZero();
			await().until(() -> usedHeapAfterGc() - baseline < (fullBuffer - baseline) / 10);
			assertThat(listener.exported()).isZero();
		}
	}

	// Two collections: the first may only finish what objects' cleaners left to do.
	private static long usedHeapAfterGc() {
		System.gc();
		System.gc();
		return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
	}

}
