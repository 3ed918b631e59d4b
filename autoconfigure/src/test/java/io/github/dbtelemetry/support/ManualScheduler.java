package io.github.dbtelemetry.support;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A scheduler whose time only moves when a test says so, and whose tasks run only on the test's
 * thread: flush intervals and batch triggers are tested without sleeping and without races.
 * {@link #runPending()} runs what was submitted to run now; {@link #advance(Duration)} moves
 * the virtual clock and runs the periodic and delayed tasks that became due.
 */
public final class ManualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

	private final List<Runnable> immediate = new ArrayList<>();

	private final List<Task> scheduled = new ArrayList<>();

	private long nowNanos;

	private boolean shutdown;

	/** Runs submitted tasks, and those they submit, until none is left; returns how many ran. */
	public int runPending() {
		int ran = 0;
		while (true) {
			Runnable next;
			synchronized (this) {
				if (this.immediate.isEmpty()) {
					return ran;
				}
				next = this.immediate.remove(0);
			}
			next.run();
			ran++;
		}
	}

	/** Moves time forward and runs every task that became due, in order of due time. */
	public void advance(Duration duration) {
		long target;
		synchronized (this) {
			target = this.nowNanos + duration.toNanos();
		}
		while (true) {
			runPending();
			Task due;
			synchronized (this) {
				due = this.scheduled.stream()
					.filter((task) -> !task.isDone() && task.dueNanos <= target)
					.min((a, b) -> Long.compare(a.dueNanos, b.dueNanos))
					.orElse(null);
				if (due == null) {
					this.nowNanos = target;
					return;
				}
				this.nowNanos = Math.max(this.nowNanos, due.dueNanos);
			}
			due.runOnce();
		}
	}

	/** Submitted tasks not yet run. */
	public synchronized int pendingCount() {
		return this.immediate.size();
	}

	/** Delayed or periodic tasks neither cancelled nor finished. */
	public synchronized int activeScheduledCount() {
		return (int) this.scheduled.stream().filter((task) -> !task.isDone()).count();
	}

	@Override
	public synchronized void execute(Runnable command) {
		if (this.shutdown) {
			throw new java.util.concurrent.RejectedExecutionException("shut down");
		}
		this.immediate.add(command);
	}

	@Override
	public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
		return add(command, unit.toNanos(delay), 0);
	}

	@Override
	public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
		throw new UnsupportedOperationException("not needed by the tests");
	}

	@Override
	public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
		return add(command, unit.toNanos(initialDelay), unit.toNanos(period));
	}

	@Override
	public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
		return add(command, unit.toNanos(initialDelay), unit.toNanos(delay));
	}

	private synchronized Task add(Runnable command, long delayNanos, long periodNanos) {
		if (this.shutdown) {
			throw new java.util.concurrent.RejectedExecutionException("shut down");
		}
		Task task = new Task(command, this.nowNanos + delayNanos, periodNanos);
		this.scheduled.add(task);
		return task;
	}

	@Override
	public synchronized void shutdown() {
		this.shutdown = true;
	}

	@Override
	public synchronized List<Runnable> shutdownNow() {
		this.shutdown = true;
		List<Runnable> left = new ArrayList<>(this.immediate);
		this.immediate.clear();
		this.scheduled.forEach((task) -> task.cancel(false));
		return left;
	}

	@Override
	public synchronized boolean isShutdown() {
		return this.shutdown;
	}

	@Override
	public synchronized boolean isTerminated() {
		return this.shutdown && this.immediate.isEmpty();
	}

	@Override
	public boolean awaitTermination(long timeout, TimeUnit unit) {
		return isTerminated();
	}

	private final class Task implements ScheduledFuture<Object> {

		private final Runnable command;

		private final long periodNanos;

		private final CompletableFuture<Object> done = new CompletableFuture<>();

		private volatile long dueNanos;

		Task(Runnable command, long dueNanos, long periodNanos) {
			this.command = command;
			this.dueNanos = dueNanos;
			this.periodNanos = periodNanos;
		}

		void runOnce() {
			try {
				this.command.run();
			}
			catch (RuntimeException ex) {
				this.done.completeExceptionally(ex);
				return;
			}
			if (this.periodNanos > 0) {
				this.dueNanos += this.periodNanos;
			}
			else {
				this.done.complete(null);
			}
		}

		@Override
		public long getDelay(TimeUnit unit) {
			synchronized (ManualScheduler.this) {
				return unit.convert(this.dueNanos - ManualScheduler.this.nowNanos, TimeUnit.NANOSECONDS);
			}
		}

		@Override
		public int compareTo(Delayed other) {
			return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
		}

		@Override
		public boolean cancel(boolean mayInterruptIfRunning) {
			return this.done.cancel(mayInterruptIfRunning);
		}

		@Override
		public boolean isCancelled() {
			return this.done.isCancelled();
		}

		@Override
		public boolean isDone() {
			return this.done.isDone();
		}

		@Override
		public Object get() throws InterruptedException, ExecutionException {
			return this.done.get();
		}

		@Override
		public Object get(long timeout, TimeUnit unit)
				throws InterruptedException, ExecutionException, TimeoutException {
			return this.done.get(timeout, unit);
		}

	}

}
