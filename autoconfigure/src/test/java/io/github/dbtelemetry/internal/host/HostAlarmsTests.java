package io.github.dbtelemetry.internal.host;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.internal.export.CircuitBreakers;
import io.github.dbtelemetry.support.ManualScheduler;
import io.github.dbtelemetry.support.MutableClock;
import io.github.dbtelemetry.support.TestTelemetry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Trouble that lasts is never visible at DEBUG only: one WARN per host and condition, repeated
 * at most once per interval while it lasts, and one INFO when it is over.
 */
@ExtendWith(OutputCaptureExtension.class)
class HostAlarmsTests {

	private static final Duration INTERVAL = Duration.ofMinutes(15);

	private static final String TOKEN_WARNING = "rejects the credentials it is sent";

	private static final String BREAKER_WARNING = "circuit breaker to stay open";

	private final MutableClock clock = new MutableClock();

	private final HostAlarms alarms = new HostAlarms("adb-1.azuredatabricks.net", INTERVAL, this.clock);

	@Test
	void aLastingConditionIsWarnedOncePerInterval(CapturedOutput output) {
		this.alarms.failing(HostAlarms.Condition.TOKEN_REJECTED);
		this.alarms.failing(HostAlarms.Condition.TOKEN_REJECTED);
		this.clock.advance(INTERVAL.minusSeconds(1));
		this.alarms.failing(HostAlarms.Condition.TOKEN_REJECTED);
		assertThat(occurrences(output, TOKEN_WARNING)).isOne();
		this.clock.advance(Duration.ofSeconds(1));
		this.alarms.failing(HostAlarms.Condition.TOKEN_REJECTED);
		assertThat(occurrences(output, TOKEN_WARNING)).isEqualTo(2);
		assertThat(output).contains("WARN").contains("adb-1.azuredatabricks.net")
			.contains("databricks.telemetry.warn-interval");
	}

	@Test
	void eachConditionIsWarnedOnItsOwn(CapturedOutput output) {
		this.alarms.failing(HostAlarms.Condition.TOKEN_REJECTED);
		this.alarms.failing(HostAlarms.Condition.FEATURE_FLAG_UNREACHABLE);
		assertThat(occurrences(output, TOKEN_WARNING)).isOne();
		assertThat(occurrences(output, "feature flag cannot be read")).isOne();
	}

	@Test
	void recoveryIsToldOnceAndOnlyAfterAWarning(CapturedOutput output) {
		this.alarms.recovered(HostAlarms.Condition.TOKEN_REJECTED);
		assertThat(output).doesNotContain("has recovered");
		this.alarms.failing(HostAlarms.Condition.TOKEN_REJECTED);
		this.alarms.recovered(HostAlarms.Condition.TOKEN_REJECTED);
		this.alarms.recovered(HostAlarms.Condition.TOKEN_REJECTED);
		assertThat(occurrences(output, "has recovered: token rejected no longer holds")).isOne();
		this.alarms.failing(HostAlarms.Condition.TOKEN_REJECTED);
		assertThat(occurrences(output, TOKEN_WARNING)).as("warned again at once after a recovery").isEqualTo(2);
	}

	@Test
	void aZeroIntervalNeverWarns(CapturedOutput output) {
		HostAlarms silent = new HostAlarms("adb-1.azuredatabricks.net", Duration.ZERO, this.clock);
		silent.failing(HostAlarms.Condition.TOKEN_REJECTED);
		silent.recovered(HostAlarms.Condition.TOKEN_REJECTED);
		assertThat(output).doesNotContain(TOKEN_WARNING).doesNotContain("has recovered");
	}

	@Test
	void aHostWhoseCredentialsAreRejectedWarnsAndRecoversWhenAnExportSucceeds(CapturedOutput output) {
		AtomicReference<ExportResult> answer = new AtomicReference<>(
				ExportResult.terminalFailure(1, 401, "http_401"));
		ManualScheduler scheduler = new ManualScheduler();
		WorkspaceHost host = new WorkspaceHost(TestTelemetry.HOST, HostFixtures.BASE_URL, null, TestTelemetry
			.hostSettings((endpoint, logs) -> CompletableFuture.completedFuture(answer.get()), scheduler)
			.clock(this.clock)
			.build());
		host.start();
		WorkspaceHost.Lease lease = host.join(TokenSource.NONE);
		lease.record(TestTelemetry.statementCompleted("s1", null));
		host.flush().join();
		assertThat(occurrences(output, TOKEN_WARNING)).isOne();
		answer.set(ExportResult.success(1, 200));
		lease.record(TestTelemetry.statementCompleted("s2", null));
		host.flush().join();
		assertThat(output).contains("has recovered: token rejected no longer holds");
	}

	@Test
	void aBreakerThatStaysOpenLongerThanItsOpenDurationIsWarned(CapturedOutput output) {
		Duration openDuration = Duration.ofMinutes(1);
		ManualScheduler scheduler = new ManualScheduler();
		WorkspaceHost host = new WorkspaceHost(TestTelemetry.HOST, HostFixtures.BASE_URL, null,
				TestTelemetry
					.hostSettings((endpoint, logs) -> CompletableFuture
						.completedFuture(ExportResult.retriesExhausted(logs.size(), 503, "http_503")), scheduler)
					.breakers(new CircuitBreakers(1, openDuration, 1, this.clock))
					.clock(this.clock)
					.build());
		host.start();
		WorkspaceHost.Lease lease = host.join(TokenSource.NONE);
		for (int i = 0; i < 3; i++) {
			lease.record(TestTelemetry.statementCompleted("s" + i, null));
			host.flush().join();
		}
		assertThat(host.snapshot().circuitBreaker()).isEqualTo("OPEN");
		assertThat(output).as("an open breaker is the breaker doing its job").doesNotContain(BREAKER_WARNING);
		this.clock.advance(openDuration.minusSeconds(1));
		lease.record(TestTelemetry.statementCompleted("still-open", null));
		host.flush().join();
		this.clock.advance(Duration.ofSeconds(2));
		// the trial fails, the breaker opens again, and the next export is refused once more
		lease.record(TestTelemetry.statementCompleted("trial", null));
		host.flush().join();
		lease.record(TestTelemetry.statementCompleted("refused", null));
		host.flush().join();
		assertThat(occurrences(output, BREAKER_WARNING)).isOne();
	}

	private static int occurrences(CapturedOutput output, String text) {
		return output.getAll().split(java.util.regex.Pattern.quote(text), -1).length - 1;
	}

}
