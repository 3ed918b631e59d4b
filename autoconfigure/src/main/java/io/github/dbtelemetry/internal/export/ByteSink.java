package io.github.dbtelemetry.internal.export;

import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A growable byte array that is written to directly, without synchronization, and reused from
 * one request body to the next. {@link java.io.ByteArrayOutputStream} would lock on every write
 * and offers no way to write a string without encoding it to a new array first.
 */
final class ByteSink extends OutputStream {

	private static final byte[] LONG_MIN_VALUE = Long.toString(Long.MIN_VALUE).getBytes(StandardCharsets.US_ASCII);

	private byte[] bytes;

	private int size;

	ByteSink(int capacity) {
		this(new byte[capacity]);
	}

	/** Writes into {@code bytes} from its start, until it must grow. */
	ByteSink(byte[] bytes) {
		this.bytes = bytes;
	}

	int size() {
		return this.size;
	}

	int capacity() {
		return this.bytes.length;
	}

	/** The backing array (a new one once it had to grow); valid up to {@link #size()}. */
	byte[] array() {
		return this.bytes;
	}

	void reset() {
		this.size = 0;
	}

	byte[] toByteArray() {
		return Arrays.copyOf(this.bytes, this.size);
	}

	@Override
	public void write(int b) {
		ensure(1);
		this.bytes[this.size++] = (byte) b;
	}

	@Override
	public void write(byte[] source, int offset, int length) {
		ensure(length);
		System.arraycopy(source, offset, this.bytes, this.size, length);
		this.size += length;
	}

	void append(byte[] source) {
		write(source, 0, source.length);
	}

	/**
	 * Writes {@code value} as bytes if every character is printable ASCII other than a quote or
	 * a backslash, the characters that JSON writes as themselves at any level of escaping.
	 * Otherwise writes nothing and returns {@code false}.
	 */
	boolean appendPlain(String value) {
		int length = value.length();
		ensure(length);
		byte[] target = this.bytes;
		int start = this.size;
		for (int i = 0; i < length; i++) {
			char c = value.charAt(i);
			if (c < 0x20 || c > 0x7f || c == '"' || c == '\\') {
				return false;
			}
			target[start + i] = (byte) c;
		}
		this.size = start + length;
		return true;
	}

	/** Writes the decimal digits of {@code value}, as {@link Long#toString(long)} does. */
	void appendLong(long value) {
		if (value == Long.MIN_VALUE) {
			append(LONG_MIN_VALUE);
			return;
		}
		ensure(20);
		if (value < 0) {
			this.bytes[this.size++] = '-';
			value = -value;
		}
		int end = this.size + digits(value);
		int position = end;
		do {
			this.bytes[--position] = (byte) ('0' + (int) (value % 10));
			value /= 10;
		}
		while (value != 0);
		this.size = end;
	}

	private static int digits(long value) {
		long bound = 10;
		for (int digits = 1; digits < 19; digits++) {
			if (value < bound) {
				return digits;
			}
			bound *= 10;
		}
		return 19;
	}

	private void ensure(int extra) {
		int needed = this.size + extra;
		if (needed > this.bytes.length) {
			if (needed < 0) {
				throw new OutOfMemoryError("Request body too large");
			}
			int doubled = (int) Math.min(this.bytes.length * 2L, Integer.MAX_VALUE - 8);
			this.bytes = Arrays.copyOf(this.bytes, Math.max(needed, doubled));
		}
	}

}
