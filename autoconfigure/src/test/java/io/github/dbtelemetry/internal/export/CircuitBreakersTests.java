package io.github.dbtelemetry.internal.export;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker.State;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.dbtelemetry.support.MutableClock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The breakers made for hosts: their states as configured here, and one breaker per host
 * that lives as long as the host.
 */
@ExtendWith(OutputCaptureExtension.class)
class CircuitBreakersTests {

	private static final Duration OPEN = Duration.ofMinutes(1);

	private static final Duration PAST_OPEN = OPEN.plusMillis(1);

	private final MutableClock clock = new MutableClock(Instant.parse("2026-01-07T08:00:00Z"));

	private final CircuitBreakers manager = new CircuitBreakers(5, OPEN, 1, this.clock);

	// Breaker states

	@Test
	void aSuccessfulExportKeepsTheBreakerClosed() {
		CircuitBreaker breaker = this.manager.create("host1.databricks.com");

		assertThat(breaker.executeSupplier(() -> "exported")).isEqualTo("exported");
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void failuresBelowTheThresholdKeepItClosed() {
		CircuitBreaker breaker = this.manager.create("host1.databricks.com");

		fail(breaker, 4);

		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
		assertThat(breaker.getMetrics().getNumberOfFailedCalls()).isEqualTo(4);
	}

	@Test
	void theThresholdOfFailuresOpensIt() {
		CircuitBreaker breaker = this.manager.create("host1.databricks.com");

		fail(breaker, 5);

		assertThat(breaker.getState()).isEqualTo(State.OPEN);
	}

	@Test
	void anOpenBreakerRejectsExports() {
		CircuitBreaker breaker = this.manager.create("host1.databricks.com");
		fail(breaker, 5);

		assertThatExceptionOfType(CallNotPermittedException.class)
			.isThrownBy(() -> breaker.executeSupplier(() -> "exported"));
	}

	@Test
	void anOpenBreakerLetsATrialThroughAfterItsOpenDuration() {
		CircuitBreaker breaker = this.manager.create("host1.databricks.com");
		fail(breaker, 5);

		this.clock.advance(OPEN.minusMillis(1));
		assertThat(breaker.tryAcquirePermission()).isFalse();
		assertThat(breaker.getState()).isEqualTo(State.OPEN);

		this.clock.advance(Duration.ofMillis(2));
		assertThat(breaker.tryAcquirePermission()).isTrue();
		assertThat(breaker.getState()).isEqualTo(State.HALF_OPEN);
	}

	@Test
	void aSuccessfulTrialClosesIt() {
		CircuitBreaker breaker = this.manager.create("host1.databricks.com");
		fail(breaker, 5);
		this.clock.advance(PAST_OPEN);

		assertThat(breaker.executeSupplier(() -> "exported")).isEqualTo("exported");

		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
	}

	@Test
	void aFailedTrialOpensItAgain() {
		CircuitBreaker breaker = this.manager.create("host1.databricks.com");
		fail(breaker, 5);
		this.clock.advance(PAST_OPEN);

		fail(breaker, 1);

		assertThat(breaker.getState()).isEqualTo(State.OPEN);
	}

	@Test
	void opensOnlyAfterConsecutiveFailures() {
		CircuitBreaker breaker = this.manager.create("host1.databricks.com");
		fail(breaker, 4);
		breaker.executeSupplier(() -> "exported");
		fail(breaker, 4);

		// 8 failures of 9, but never 5 in a row.
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);

		fail(breaker, 1);
		assertThat(breaker.getState()).isEqualTo(State.OPEN);
	}

	@Test
	void aThresholdOfThreeOpensAfterThreeFailures() {
		CircuitBreakers manager = new CircuitBreakers(3, OPEN, 1, this.clock);
		CircuitBreaker breaker = manager.create("host1.databricks.com");

		fail(breaker, 2);
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
		fail(breaker, 1);
		assertThat(breaker.getState()).isEqualTo(State.OPEN);
	}

	@Test
	void slowButSuccessfulExportsNeverOpenTheBreaker() {
		CircuitBreaker breaker = this.manager.create("host1.databricks.com");
		for (int i = 0; i < 10; i++) {
			breaker.acquirePermission();
			breaker.onSuccess(5, TimeUnit.MINUTES);
		}
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
	}

	// One breaker per host

	@Test
	void aNewHostGetsAClosedBreakerNamedAfterIt() {
		CircuitBreaker breaker = this.manager.create("host1.databricks.com");

		assertThat(breaker).isNotNull();
		assertThat(breaker.getName()).isEqualTo("host1.databricks.com");
		assertThat(breaker.getState()).isEqualTo(State.CLOSED);
		assertThat(this.manager.registry().getAllCircuitBreakers()).containsExactly(breaker);
	}

	@Test
	void aHostCreatedAgainGetsAFreshBreaker() {
		CircuitBreaker first = this.manager.create("host1.databricks.com");
		fail(first, 5);
		this.manager.remove("HOST1.Databricks.com");
		assertThat(this.manager.registry().getAllCircuitBreakers()).isEmpty();

		CircuitBreaker again = this.manager.create("HOST1.Databricks.com");
		assertThat(again).isNotSameAs(first);
		assertThat(again.getState()).isEqualTo(State.CLOSED);
		assertThat(this.manager.registry().getAllCircuitBreakers()).containsExactly(again);
	}

	@Test
	void eachHostHasItsOwnBreaker() {
		CircuitBreaker host1 = this.manager.create("host1");
		CircuitBreaker host2 = this.manager.create("host2");

		assertThat(host1).isNotSameAs(host2);
		fail(host1, 5);
		assertThat(host1.getState()).isEqualTo(State.OPEN);
		assertThat(host2.getState()).isEqualTo(State.CLOSED);
		assertThat(this.manager.registry().getAllCircuitBreakers()).containsExactlyInAnyOrder(host1, host2);
	}

	@Test
	void stateTransitionsAreLoggedAtDebugWithTheHost(CapturedOutput output) {
		LoggingSystem logging = LoggingSystem.get(getClass().getClassLoader());
		logging.setLogLevel(CircuitBreakers.class.getName(), LogLevel.DEBUG);
		try {
			CircuitBreaker breaker = this.manager.create("host1.databricks.com");
			fail(breaker, 5);

			assertThat(output).contains("Telemetry circuit breaker for host1.databricks.com: CLOSED -> OPEN");
		}
		finally {
			logging.setLogLevel(CircuitBreakers.class.getName(), null);
		}
	}

	private static void fail(CircuitBreaker breaker, int times) {
		for (int i = 0; i < times; i++) {
			assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> breaker.executeRunnable(() -> {
				throw new IllegalStateException("export failed");
			}));
		}
	}

}
