package io.github.dbtelemetry.internal.export;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import io.github.dbtelemetry.internal.export.ExportRetryPolicy.RetriesExhaustedException;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class ExportRetryPolicyTests {

	private static final ExportRetrySettings SETTINGS = new ExportRetrySettings(3, Duration.ofMillis(100),
			Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofSeconds(1));

	private final ExceptionClassifier classifier = new ExceptionClassifier();

	private final Scheduler timer = Schedulers.newSingle("retry-policy-test", true);

	// The wait before retry n is retry-delay * 2^(n-1), scaled by a jitter between half and full.
	@ParameterizedTest(name = "retry {1} with jitter {0} waits {2}")
	@CsvSource({ "1.0, 1, PT0.1S", "1.0, 2, PT0.2S", "1.0, 3, PT0.4S", "0.0, 1, PT0.05S", "0.0, 3, PT0.2S",
			"0.5, 1, PT0.075S" })
	void backoffDoublesFromRetryDelayWithJitterBetweenHalfAndFull(double random, long retry, Duration wait) {
		assertThat(policy(SETTINGS, random).delayBeforeRetry(retry, new TelemetryHttpException(500))).isEqualTo(wait);
	}

	@Test
	void backoffIsCappedAtRetryMaxDelay() {
		ExportRetryPolicy policy = policy(SETTINGS, 1.0);
		assertThat(policy.delayBeforeRetry(10, new TelemetryHttpException(500))).isEqualTo(Duration.ofSeconds(2));
		assertThat(policy.delayBeforeRetry(Long.MAX_VALUE, new TelemetryHttpException(500)))
			.isEqualTo(Duration.ofSeconds(2));
	}

	// SETTINGS: retry-delay 100 ms, retry-max-delay 2 s; the jitter is at its highest.
	@ParameterizedTest(name = "{0}")
	@CsvSource(delimiter = '|', textBlock = """
			Retry-After is honoured on 429                           | 429 | PT1S   | 1 | PT1S
			Retry-After is honoured on 503                           | 503 | PT1S   | 1 | PT1S
			Retry-After is capped at retry-max-delay                 | 429 | PT120S | 1 | PT2S
			a Retry-After shorter than the backoff keeps the backoff | 429 | PT0S   | 3 | PT0.4S
			Retry-After is ignored on other statuses                 | 500 | PT1S   | 1 | PT0.1S
			""")
	void theServersRetryAfterSetsTheWaitWhereItMay(String behaviour, int status, Duration retryAfter, long retry,
			Duration wait) {
		TelemetryHttpException failure = new TelemetryHttpException(status, retryAfter, null);
		assertThat(policy(SETTINGS, 1.0).delayBeforeRetry(retry, failure)).isEqualTo(wait);
	}

	@ParameterizedTest(name = "\"{0}\" is {1}")
	@CsvSource({ "1, PT1S", "' 30 ', PT30S", "999999999999, P1D" })
	void retryAfterIsReadInSecondsUpToADay(String header, Duration wait) {
		assertThat(ExportRetryPolicy.parseRetryAfter(header)).isEqualTo(wait);
	}

	@ParameterizedTest(name = "\"{0}\"")
	@NullAndEmptySource
	@ValueSource(strings = { "-1", "1.5", "Wed, 21 Oct 2015 07:28:00 GMT", "99999999999999999999999" })
	void aRetryAfterThatIsNoCountOfSecondsIsIgnored(String header) {
		assertThat(ExportRetryPolicy.parseRetryAfter(header)).isNull();
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
