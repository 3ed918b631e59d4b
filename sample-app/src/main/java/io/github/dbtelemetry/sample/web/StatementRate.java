package io.github.dbtelemetry.sample.web;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Statements per second over a sliding window, from a running total sampled at each console
 * poll. The oldest sample kept is at most one window old, so the rate follows the recent past.
 */
final class StatementRate {

	private final long windowNanos;

	private final Deque<long[]> samples = new ArrayDeque<>();

	StatementRate(long windowNanos) {
		this.windowNanos = windowNanos;
	}

	/** Records {@code total} at {@code nowNanos} and answers the rate over the window. */
	synchronized double sample(long total, long nowNanos) {
		this.samples.addLast(new long[] { nowNanos, total });
		while (this.samples.size() > 2 && nowNanos - this.samples.peekFirst()[0] > this.windowNanos) {
			this.samples.removeFirst();
		}
		long[] first = this.samples.peekFirst();
		long elapsed = nowNanos - first[0];
		return (elapsed > 0) ? (total - first[1]) * 1_000_000_000.0 / elapsed : 0;
	}

}
