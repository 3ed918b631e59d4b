package io.github.dbtelemetry.internal.host;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A bounded, lock-free queue of pending items. The bound is enforced by reserving a slot before
 * adding, so a JDBC thread never blocks and the heap never grows past the bound while the
 * endpoint is down.
 */
final class PendingEventBuffer<T> {

	private final ConcurrentLinkedQueue<T> queue = new ConcurrentLinkedQueue<>();

	private final AtomicInteger size = new AtomicInteger();

	private final int capacity;

	PendingEventBuffer(int capacity) {
		this.capacity = capacity;
	}

	/** Adds the item unless the buffer is full; {@code false} means it was not added. */
	boolean offer(T item) {
		int current;
		do {
			current = this.size.get();
			if (current >= this.capacity) {
				return false;
			}
		}
		while (!this.size.compareAndSet(current, current + 1));
		this.queue.offer(item);
		return true;
	}

	/** Removes up to {@code max} items in arrival order. */
	List<T> drain(int max) {
		List<T> drained = new ArrayList<>(Math.min(max, Math.max(this.size.get(), 1)));
		T item;
		while (drained.size() < max && (item = this.queue.poll()) != null) {
			drained.add(item);
		}
		this.size.addAndGet(-drained.size());
		return drained;
	}

	int size() {
		return this.size.get();
	}

	int capacity() {
		return this.capacity;
	}

}
