package io.github.dbtelemetry.sample.standin;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * The last few decoded telemetry logs the stand-in workspace received. Bounded on purpose: the
 * sample runs for as long as someone leaves it open and must not grow its heap with it.
 */
@Component
@Profile("!databricks")
public class ReceivedTelemetryStore {

	private final int capacity;

	private final Deque<ReceivedTelemetry> entries = new ArrayDeque<>();

	private long totalReceived;

	public ReceivedTelemetryStore(@Value("${sample.stand-in.capacity:1000}") int capacity) {
		if (capacity < 1) {
			throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
		}
		this.capacity = capacity;
	}

	public synchronized void add(ReceivedTelemetry entry) {
		if (this.entries.size() == this.capacity) {
			this.entries.removeFirst();
		}
		this.entries.addLast(entry);
		this.totalReceived++;
	}

	/** Up to {@code limit} entries, newest first. */
	public synchronized List<ReceivedTelemetry> recent(int limit) {
		List<ReceivedTelemetry> result = new ArrayList<>(Math.min(Math.max(limit, 0), this.entries.size()));
		Iterator<ReceivedTelemetry> newestFirst = this.entries.descendingIterator();
		while (newestFirst.hasNext() && result.size() < limit) {
			result.add(newestFirst.next());
		}
		return result;
	}

	/** Every entry received since start, including those already evicted. */
	public synchronized long totalReceived() {
		return this.totalReceived;
	}

	public int capacity() {
		return this.capacity;
	}

}
