package io.github.dbtelemetry.internal.export;

import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.Charset;
import java.util.Arrays;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;

import org.springframework.core.io.buffer.DataBuffer;
import org.springframework.core.io.buffer.DataBufferWrapper;
import org.springframework.core.io.buffer.DefaultDataBufferFactory;

/**
 * A serialized request, written into an array that goes back to its {@link BodyArrays} once no
 * one can read it any more, so that a steady export allocates no body per batch.
 * <p>
 * The exporter owns the body for the whole export and hands each attempt its own
 * {@link #attemptBuffer() buffer}. The array is given back when the exporter has
 * {@link #release() released} it and every attempt's buffer has either been copied out by the
 * HTTP client or withdrawn. An attempt's buffer whose bytes were exposed in any other way (a view
 * that could still be read later) keeps the array from ever going back: it is then simply left
 * to the garbage collector. So a reused array can never carry one batch's bytes into another
 * request, whatever the HTTP client does with a cancelled exchange.
 */
public final class RequestBody {

	private final byte[] bytes;

	private final int length;

	private final BodyArrays owner;

	// The exporter's share plus one per attempt buffer not yet copied or withdrawn.
	private final AtomicInteger holders = new AtomicInteger(1);

	private final AtomicBoolean released = new AtomicBoolean();

	private final Queue<AttemptBuffer> attempts = new ConcurrentLinkedQueue<>();

	RequestBody(byte[] bytes, int length, BodyArrays owner) {
		this.bytes = bytes;
		this.length = length;
		this.owner = owner;
	}

	public int length() {
		return this.length;
	}

	/** A copy of the body's bytes, which stays valid after {@link #release()}. */
	public byte[] toByteArray() {
		return Arrays.copyOf(this.bytes, this.length);
	}

	/**
	 * The body for one attempt, for the HTTP client to copy once.
	 * @throws IllegalStateException if the body was released already
	 */
	DataBuffer attemptBuffer() {
		int current;
		do {
			current = this.holders.get();
			if (current == 0 || this.released.get()) {
				throw new IllegalStateException("The telemetry request body was released");
			}
		}
		while (!this.holders.compareAndSet(current, current + 1));
		AttemptBuffer buffer = new AttemptBuffer(
				DefaultDataBufferFactory.sharedInstance.wrap(ByteBuffer.wrap(this.bytes, 0, this.length)));
		this.attempts.add(buffer);
		return buffer;
	}

	/**
	 * Ends the exporter's use of the body: attempt buffers the HTTP client has not read yet are
	 * withdrawn (reading them later fails), and the array goes back once the last reader is done.
	 * Calling it again does nothing.
	 */
	public void release() {
		if (!this.released.compareAndSet(false, true)) {
			return;
		}
		for (AttemptBuffer attempt : this.attempts) {
			attempt.withdraw();
		}
		drop();
	}

	private void drop() {
		if (this.holders.decrementAndGet() == 0) {
			this.owner.giveBack(this.bytes);
		}
	}

	/**
	 * What one attempt hands the HTTP client. Spring's reactive JDK client copies the whole body
	 * into a buffer of its own with {@link #toByteBuffer(ByteBuffer)}, after which this array is
	 * no longer read. Every method that would expose the array itself marks the buffer escaped
	 * instead, so that the array is never reused behind that view.
	 */
	private final class AttemptBuffer extends DataBufferWrapper {

		private static final int ISSUED = 0;

		private static final int COPYING = 1;

		private static final int DONE = 2;

		private static final int ESCAPED = 3;

		private final AtomicInteger state = new AtomicInteger(ISSUED);

		AttemptBuffer(DataBuffer delegate) {
			super(delegate);
		}

		@Override
		public void toByteBuffer(ByteBuffer dest) {
			if (this.state.compareAndSet(ISSUED, COPYING)) {
				try {
					super.toByteBuffer(dest);
				}
				finally {
					this.state.set(DONE);
					drop();
				}
				return;
			}
			if (this.state.get() == ESCAPED) {
				super.toByteBuffer(dest);
				return;
			}
			throw new IllegalStateException("The telemetry request body was already read or withdrawn");
		}

		void withdraw() {
			if (this.state.compareAndSet(ISSUED, DONE)) {
				drop();
			}
		}

		private void escape() {
			if (this.state.compareAndSet(ISSUED, ESCAPED) || this.state.get() == ESCAPED) {
				return;
			}
			throw new IllegalStateException("The telemetry request body was already read or withdrawn");
		}

		@Override
		public DataBuffer dataBuffer() {
			escape();
			return super.dataBuffer();
		}

		@Override
		public ByteBuffer asByteBuffer() {
			escape();
			return super.asByteBuffer();
		}

		@Override
		public ByteBuffer asByteBuffer(int index, int length) {
			escape();
			return super.asByteBuffer(index, length);
		}

		@Override
		public ByteBuffer toByteBuffer() {
			escape();
			return super.toByteBuffer();
		}

		@Override
		public ByteBuffer toByteBuffer(int index, int length) {
			escape();
			return super.toByteBuffer(index, length);
		}

		@Override
		public void toByteBuffer(int srcPos, ByteBuffer dest, int destPos, int length) {
			escape();
			super.toByteBuffer(srcPos, dest, destPos, length);
		}

		@Override
		public ByteBufferIterator readableByteBuffers() {
			escape();
			return super.readableByteBuffers();
		}

		@Override
		public InputStream asInputStream() {
			escape();
			return super.asInputStream();
		}

		@Override
		public InputStream asInputStream(boolean releaseOnClose) {
			escape();
			return super.asInputStream(releaseOnClose);
		}

		@Override
		public DataBuffer slice(int index, int length) {
			escape();
			return super.slice(index, length);
		}

		@Override
		public DataBuffer retainedSlice(int index, int length) {
			escape();
			return super.retainedSlice(index, length);
		}

		@Override
		public DataBuffer split(int index) {
			escape();
			return super.split(index);
		}

		@Override
		public DataBuffer read(byte[] destination) {
			escape();
			return super.read(destination);
		}

		@Override
		public DataBuffer read(byte[] destination, int offset, int length) {
			escape();
			return super.read(destination, offset, length);
		}

		@Override
		public byte read() {
			escape();
			return super.read();
		}

		@Override
		public String toString(Charset charset) {
			escape();
			return super.toString(charset);
		}

		@Override
		public String toString(int index, int length, Charset charset) {
			escape();
			return super.toString(index, length, charset);
		}

		@Override
		public byte getByte(int index) {
			escape();
			return super.getByte(index);
		}

		@Override
		public int indexOf(IntPredicate predicate, int fromIndex) {
			escape();
			return super.indexOf(predicate, fromIndex);
		}

		@Override
		public int lastIndexOf(IntPredicate predicate, int fromIndex) {
			escape();
			return super.lastIndexOf(predicate, fromIndex);
		}

	}

}
