package io.github.dbtelemetry.internal.export;

import java.util.concurrent.atomic.AtomicReferenceArray;

import org.jspecify.annotations.Nullable;

/**
 * The arrays request bodies are written into, kept from one batch to the next so that exporting
 * does not allocate a new body per batch. A few are kept because a body is held until its
 * export ends and several exports may be in flight; an array is only ever given back by the
 * {@link RequestBody} that owns it, once nothing can read it any more.
 */
final class BodyArrays {

	// A request of 500 typical events (the default max-batch-size) is about 650 KB; a much
	// larger body is not worth keeping.
	static final int MAX_RETAINED = 1 << 20;

	private static final int INITIAL_CAPACITY = 16 << 10;

	private final AtomicReferenceArray<byte @Nullable []> spares;

	BodyArrays(int kept) {
		this.spares = new AtomicReferenceArray<>(kept);
	}

	/** A kept array when there is one, otherwise a new one. */
	byte[] take() {
		for (int i = 0; i < this.spares.length(); i++) {
			byte[] spare = this.spares.getAndSet(i, null);
			if (spare != null) {
				return spare;
			}
		}
		return new byte[INITIAL_CAPACITY];
	}

	/** Keeps the array for a later body unless it is too large or enough are kept already. */
	void giveBack(byte[] array) {
		if (array.length > MAX_RETAINED) {
			return;
		}
		for (int i = 0; i < this.spares.length(); i++) {
			if (this.spares.compareAndSet(i, null, array)) {
				return;
			}
		}
	}

	/** How many arrays are kept now. */
	int kept() {
		int kept = 0;
		for (int i = 0; i < this.spares.length(); i++) {
			if (this.spares.get(i) != null) {
				kept++;
			}
		}
		return kept;
	}

}
