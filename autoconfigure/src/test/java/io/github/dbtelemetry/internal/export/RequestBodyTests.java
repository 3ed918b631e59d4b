package io.github.dbtelemetry.internal.export;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import org.springframework.core.io.buffer.DataBuffer;

import io.github.dbtelemetry.model.TelemetryFrontendLog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * When a request body's array may serve the next batch: only once the export has ended and
 * nothing can read the array any more.
 */
class RequestBodyTests {

	private final TelemetryPayloadSerializer serializer = new TelemetryPayloadSerializer();

	@Test
	void aBodyCopiedByTheHttpClientGoesBackOnceTheExportEnds() {
		RequestBody body = this.serializer.serializeRequestBody(1L, logs(3));
		DataBuffer attempt = body.attemptBuffer();

		ByteBuffer copy = copyOf(attempt);
		assertThat(this.serializer.keptBodies()).isZero();
		body.release();

		assertThat(copy.array()).isEqualTo(body.toByteArray());
		assertThat(this.serializer.keptBodies()).isEqualTo(1);
	}

	@Test
	void theNextBatchIsWrittenIntoTheArrayGivenBack() {
		RequestBody first = this.serializer.serializeRequestBody(1L, logs(3));
		byte[] firstBytes = first.toByteArray();
		first.release();

		RequestBody second = this.serializer.serializeRequestBody(2L, logs(1));

		assertThat(this.serializer.keptBodies()).isZero();
		assertThat(second.toByteArray()).isNotEqualTo(firstBytes)
			.isEqualTo(new TelemetryPayloadSerializer().serializeRequest(2L, logs(1)));
	}

	@Test
	void anAttemptTheHttpClientHasNotReadWhenTheExportEndsCanNoLongerBeRead() {
		RequestBody body = this.serializer.serializeRequestBody(1L, logs(3));
		DataBuffer late = body.attemptBuffer();

		body.release();

		// The array is back and may already hold another batch: reading it now must fail.
		assertThat(this.serializer.keptBodies()).isEqualTo(1);
		assertThatIllegalStateException().isThrownBy(() -> copyOf(late));
		assertThatIllegalStateException().isThrownBy(late::asByteBuffer);
	}

	@Test
	void anAttemptWhoseArrayWasExposedKeepsTheArrayFromEverBeingReused() {
		RequestBody body = this.serializer.serializeRequestBody(1L, logs(3));
		DataBuffer attempt = body.attemptBuffer();

		ByteBuffer view = attempt.asByteBuffer();
		body.release();

		assertThat(this.serializer.keptBodies()).isZero();
		assertThat(view.remaining()).isEqualTo(body.length());
		assertThat(copyOf(attempt).array()).isEqualTo(body.toByteArray());
		assertThat(this.serializer.keptBodies()).isZero();
	}

	@Test
	void theArrayWaitsForEveryAttemptOfARetriedExport() {
		RequestBody body = this.serializer.serializeRequestBody(1L, logs(3));
		DataBuffer first = body.attemptBuffer();
		copyOf(first);
		DataBuffer second = body.attemptBuffer();
		copyOf(second);
		DataBuffer third = body.attemptBuffer();
		ByteBuffer thirdsView = third.asByteBuffer();

		body.release();

		assertThat(thirdsView.remaining()).isEqualTo(body.length());
		assertThat(this.serializer.keptBodies()).isZero();
	}

	@Test
	void aCopiedAttemptCannotBeReadAgain() {
		RequestBody body = this.serializer.serializeRequestBody(1L, logs(3));
		DataBuffer attempt = body.attemptBuffer();
		copyOf(attempt);

		body.release();

		assertThatIllegalStateException().isThrownBy(() -> copyOf(attempt));
		assertThatIllegalStateException().isThrownBy(() -> attempt.read(new byte[1]));
	}

	@Test
	void releasingTwiceGivesTheArrayBackOnce() {
		RequestBody body = this.serializer.serializeRequestBody(1L, logs(3));

		body.release();
		body.release();

		assertThat(this.serializer.keptBodies()).isEqualTo(1);
	}

	@Test
	void noAttemptStartsOnAReleasedBody() {
		RequestBody body = this.serializer.serializeRequestBody(1L, logs(3));
		body.release();

		assertThatIllegalStateException().isThrownBy(body::attemptBuffer);
	}

	@Test
	void aBodyLargerThanTheRetainedBoundIsLeftToTheGarbageCollector() {
		List<TelemetryFrontendLog> large = new ArrayList<>();
		String longId = "x".repeat(10_000);
		for (int i = 0; i < 120; i++) {
			large.add(new TelemetryFrontendLog(null, longId + i, null, null));
		}
		RequestBody body = this.serializer.serializeRequestBody(1L, large);
		assertThat(body.length()).isGreaterThan(BodyArrays.MAX_RETAINED);

		body.release();

		assertThat(this.serializer.keptBodies()).isZero();
	}

	private static ByteBuffer copyOf(DataBuffer attempt) {
		// What Spring's reactive JDK client does with each buffer of a request body.
		ByteBuffer copy = ByteBuffer.allocate(attempt.readableByteCount());
		attempt.toByteBuffer(copy);
		return copy;
	}

	private static List<TelemetryFrontendLog> logs(int count) {
		List<TelemetryFrontendLog> logs = new ArrayList<>(count);
		for (int i = 0; i < count; i++) {
			logs.add(new TelemetryFrontendLog(null, "log-" + i, null, null));
		}
		return logs;
	}

}
