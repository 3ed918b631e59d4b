package io.github.dbtelemetry.sample.web;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class StatementRateTests {

	private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

	@Test
	void rateIsOverTheRecentWindowOnly() {
		StatementRate rate = new StatementRate(10 * SECOND);
		assertThat(rate.sample(0, 0)).isZero();
		assertThat(rate.sample(50, 5 * SECOND)).isEqualTo(10.0);
		assertThat(rate.sample(100, 10 * SECOND)).isEqualTo(10.0);
		// after a quiet spell the busy early samples leave the window
		assertThat(rate.sample(100, 30 * SECOND)).isZero();
		assertThat(rate.sample(120, 31 * SECOND)).isEqualTo(20.0);
	}

}
