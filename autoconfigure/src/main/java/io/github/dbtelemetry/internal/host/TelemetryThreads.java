package io.github.dbtelemetry.internal.host;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The starter's only threads: daemon threads named {@code databricks-telemetry-N} that run
 * flushes and feature-flag refreshes. They never keep the JVM alive and stop with the context.
 */
public final class TelemetryThreads implements AutoCloseable {

	public static final String THREAD_NAME_PREFIX = "databricks-telemetry-";

	private final ScheduledThreadPoolExecutor executor;

	public TelemetryThreads(int threads) {
		AtomicInteger counter = new AtomicInteger();
		this.executor = new ScheduledThreadPoolExecutor(threads, (runnable) -> {
			Thread thread = new Thread(runnable, THREAD_NAME_PREFIX + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		});
		this.executor.setRemoveOnCancelPolicy(true);
		this.executor.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
	}

	public ScheduledExecutorService scheduler() {
		return this.executor;
	}

	@Override
	public void close() {
		this.executor.shutdown();
		try {
			if (!this.executor.awaitTermination(1, TimeUnit.SECONDS)) {
				this.executor.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			this.executor.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

}
