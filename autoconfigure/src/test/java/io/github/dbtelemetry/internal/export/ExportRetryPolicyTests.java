package io.github.dbtelemetry.internal.export;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.core.publisher.Mono;

import io.github.dbtelemetry.internal.export.ExportRetryPolicy.RetriesExhaustedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ExportRetryPolicyTests {

	private static final ExportRetrySettings SETTINGS = new ExportRetrySettings(3, Duration.ofMillis(100),
			Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1));

	private final ExceptionClassifier classifier = new ExceptionClassifier();

	private final Scheduler timer = Schedulers.newSingle("retry-policy-test", true);

	@Test
	void backoffDoublesFromRetryDelayWithJitterBetweenHalfAndFull() {
		ExportRetryPolicy highest = policy(SETTINGS, 1.0);
		ExportRetryPolicy lowest = policy(SETTINGS, 0.0);
		Throwable failure = new TelemetryHttpException(500);
		assertThat(highest.delayBeforeRetry(1, failure)).isEqualTo(Duration.ofMillis(100));
		assertThat(highest.delayBeforeRetry(2, failure)).isEqualTo(Duration.ofMillis(200));
		assertThat(highest.delayBeforeRetry(3, failure)).isEqualTo(Duration.ofMillis(400));
		assertThat(lowest.delayBeforeRetry(1, failure)).isEqualTo(Duration.ofMillis(50));
		assertThat(lowest.delayBeforeRetry(3, failure)).isEqualTo(Duration.ofMillis(200));
		assertThat(policy(SETTINGS, 0.5).delayBeforeRetry(1, failure)).isEqualTo(Duration.ofMillis(75));
	}

	@Test
	void backoffIsCappedAtRetryMaxDelay() {
		ExportRetryPolicy policy = policy(SETTINGS, 1.0);
		assertThat(policy.delayBeforeRetry(10, new TelemetryHttpException(500))).isEqualTo(Duration.ofSeconds(2));
		assertThat(policy.delayBeforeRetry(Long.MAX_VALUE, new TelemetryHttpException(500)))
			.isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void retryAfterIsHonouredOn429And503() {
		ExportRetryPolicy policy = policy(SETTINGS, 1.0);
		assertThat(policy.delayBeforeRetry(1, new TelemetryHttpException(429, Duration.ofSeconds(1), null)))
			.isEqualTo(Duration.ofSeconds(1));
		assertThat(policy.delayBeforeRetry(1, new TelemetryHttpException(503, Duration.ofSeconds(1), null)))
			.isEqualTo(Duration.ofSeconds(1));
	}

	@Test
	void retryAfterIsCappedAtRetryMaxDelay() {
		ExportRetryPolicy policy = policy(SETTINGS, 1.0);
		assertThat(policy.delayBeforeRetry(1, new TelemetryHttpException(429, Duration.ofSeconds(120), null)))
			.isEqualTo(Duration.ofSeconds(2));
	}

	@Test
	void retryAfterShorterThanBackoffKeepsBackoff() {
		ExportRetryPolicy policy = policy(SETTINGS, 1.0);
		assertThat(policy.delayBeforeRetry(3, new TelemetryHttpException(429, Duration.ZERO, null)))
			.isEqualTo(Duration.ofMillis(400));
	}

	@Test
	void retryAfterIsIgnoredOnOtherStatuses() {
		ExportRetryPolicy policy = policy(SETTINGS, 1.0);
		assertThat(policy.delayBeforeRetry(1, new TelemetryHttpException(500, Duration.ofSeconds(1), null)))
			.isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void parsesRetryAfterSeconds() {
		assertThat(ExportRetryPolicy.parseRetryAfter("1")).isEqualTo(Duration.ofSeconds(1));
		assertThat(ExportRetryPolicy.parseRetryAfter(" 30 ")).isEqualTo(Duration.ofSeconds(30));
		assertThat(ExportRetryPolicy.parseRetryAfter("999999999999")).isEqualTo(Duration.ofDays(1));
		assertThat(ExportRetryPolicy.parseRetryAfter(null)).isNull();
		assertThat(ExportRetryPolicy.parseRetryAfter("")).isNull();
		assertThat(ExportRetryPolicy.parseRetryAfter("-1")).isNull();
		assertThat(ExportRetryPolicy.parseRetryAfter("1.5")).isNull();
		assertThat(ExportRetryPolicy.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isNull();
		assertThat(ExportRetryPolicy.parseRetryAfter("99999999999999999999999")).isNull();
	}

	@Test
	void retryableFailureIsRetriedMaxRetriesTimesThenExhausted() {
		ExportRetrySettings fast = new ExportRetrySettings(2, Duration.ofMillis(1), Duration.ofMillis(5),
				Duration.ofSeconds(1), Duration.ofSeconds(1));
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> failing = Mono.defer(() -> {
			attempts.incrementAndGet();
			return Mono.error(new TelemetryHttpException(503));
		});
		assertThatExceptionOfType(RetriesExhaustedException.class)
			.isThrownBy(() -> failing.retryWhen(policy(fast, 0.5)).block(Duration.ofSeconds(5)))
			.withCauseInstanceOf(TelemetryHttpException.class);
		assertThat(attempts).hasValue(3);
	}

	@Test
	void terminalFailureIsPassedOnWithoutRetry() {
		AtomicInteger attempts = new AtomicInteger();
		TelemetryHttpException unauthorized = new TelemetryHttpException(401);
		Mono<String> failing = Mono.defer(() -> {
			attempts.incrementAndGet();
			return Mono.error(unauthorized);
		});
		assertThatExceptionOfType(TelemetryHttpException.class)
			.isThrownBy(() -> failing.retryWhen(policy(SETTINGS, 0.5)).block(Duration.ofSeconds(5)))
			.isSameAs(unauthorized);
		assertThat(attempts).hasValue(1);
	}

	@Test
	void successAfterRetryIsPassedOn() {
		ExportRetrySettings fast = new ExportRetrySettings(2, Duration.ofMillis(1), Duration.ofMillis(5),
				Duration.ofSeconds(1), Duration.ofSeconds(1));
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> flaky = Mono.defer(() -> (attempts.incrementAndGet() < 2)
				? Mono.error(new java.net.ConnectException("refused")) : Mono.just("ok"));
		assertThat(flaky.retryWhen(policy(fast, 0.5)).block(Duration.ofSeconds(5))).isEqualTo("ok");
		assertThat(attempts).hasValue(2);
	}

	@Test
	void aFailureWhoseOutcomeIsUnknownIsPassedOnWithoutRetry() {
		ExportRetrySettings fast = new ExportRetrySettings(2, Duration.ofMillis(1), Duration.ofMillis(5),
				Duration.ofSeconds(1), Duration.ofSeconds(1));
		AtomicInteger attempts = new AtomicInteger();
		Mono<String> slow = Mono.defer(() -> {
			attempts.incrementAndGet();
			return Mono.error(new java.util.concurrent.TimeoutException());
		});
		assertThatExceptionOfType(RuntimeException.class)
			.isThrownBy(() -> slow.retryWhen(policy(fast, 0.5)).block(Duration.ofSeconds(5)))
			.withCauseInstanceOf(java.util.concurrent.TimeoutException.class);
		assertThat(attempts).hasValue(1);
	}

	private ExportRetryPolicy policy(ExportRetrySettings settings, double random) {
		return new ExportRetryPolicy(settings, this.classifier, () -> random, "test.example", this.timer);
	}

	@AfterEach
	void disposeTimer() {
		this.timer.dispose();
	}

}
