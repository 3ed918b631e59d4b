package io.github.dbtelemetry.internal.jdbc;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Remembers the session id of each physical connection, weakly and by identity, so that a pool
 * checkout of a known connection is recognised and a new physical connection (a new Databricks
 * session) is seen exactly once. Entries vanish when the pool discards the connection.
 */
final class SessionTracker {

	private final ConcurrentHashMap<IdentityKey, String> sessions = new ConcurrentHashMap<>();

	private final ReferenceQueue<Object> collected = new ReferenceQueue<>();

	/**
	 * The session of {@code physical}: its known id, or a new one from {@code newSessionId}, in
	 * which case {@link Session#isNew()} is {@code true}.
	 */
	Session sessionOf(Object physical, Function<Object, String> newSessionId) {
		String known = this.sessions.get(new Lookup(physical));
		if (known != null) {
			return new Session(known, false);
		}
		purge();
		String id = newSessionId.apply(physical);
		String raced = this.sessions.putIfAbsent(new IdentityKey(physical, this.collected), id);
		return (raced != null) ? new Session(raced, false) : new Session(id, true);
	}

	/**
	 * Forgets {@code physical}, whose session ended.
	 * @return its session id, or {@code null} when it was not known (or already forgotten), so
	 * that an end is reported once
	 */
	String end(Object physical) {
		return this.sessions.remove(new Lookup(physical));
	}

	/** The physical connections still known, with their session ids. */
	List<Tracked> tracked() {
		purge();
		List<Tracked> tracked = new ArrayList<>(this.sessions.size());
		this.sessions.forEach((key, id) -> {
			Object physical = key.get();
			if (physical != null) {
				tracked.add(new Tracked(physical, id));
			}
		});
		return tracked;
	}

	int size() {
		purge();
		return this.sessions.size();
	}

	private void purge() {
		Object reference;
		while ((reference = this.collected.poll()) != null) {
			this.sessions.remove(reference);
		}
	}

	record Session(String id, boolean isNew) {
	}

	record Tracked(Object physical, String id) {
	}

	/**
	 * What a checkout looks its connection up by: compared as an {@link IdentityKey} is, but not
	 * a reference object, which the JIT would have to allocate on every checkout; this one it
	 * can leave out.
	 */
	private static final class Lookup {

		private final Object physical;

		Lookup(Object physical) {
			this.physical = physical;
		}

		@Override
		public boolean equals(Object other) {
			return other instanceof IdentityKey key && key.get() == this.physical;
		}

		@Override
		public int hashCode() {
			return System.identityHashCode(this.physical);
		}

	}

	/** A weak key compared by the identity of its referent. */
	private static final class IdentityKey extends WeakReference<Object> {

		private final int hash;

		IdentityKey(Object referent, ReferenceQueue<Object> queue) {
			super(referent, queue);
			this.hash = System.identityHashCode(referent);
		}

		@Override
		public boolean equals(Object other) {
			if (this == other) {
				return true;
			}
			if (!(other instanceof IdentityKey key)) {
				return false;
			}
			Object referent = get();
			return referent != null && referent == key.get();
		}

		@Override
		public int hashCode() {
			return this.hash;
		}

	}

}
