package io.github.dbtelemetry.sample.standin;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.stereotype.Component;

/**
 * How the stand-in workspace behaves right now, switched from the console so that a person can
 * watch the starter cope: the breaker opening, events dropped by reason, and recovery.
 */
@Component
@Profile("!databricks")
public class WorkspaceBehaviour {

	/** What the stand-in does with the next requests. */
	public enum Mode {

		/** Accept every upload and enable telemetry. */
		NORMAL,

		/** Answer every upload with 503 Service Unavailable. */
		FAIL_503,

		/** Accept uploads, but only after {@code sample.stand-in.slow-delay}. */
		SLOW,

		/** Tell the starter that telemetry is disabled for this workspace. */
		FLAG_OFF

	}

	private final AtomicReference<Mode> mode = new AtomicReference<>(Mode.NORMAL);

	private final Duration slowDelay;

	public WorkspaceBehaviour(@Value("${sample.stand-in.slow-delay:3s}") Duration slowDelay) {
		this.slowDelay = slowDelay;
	}

	public Mode mode() {
		return this.mode.get();
	}

	public void switchTo(Mode mode) {
		this.mode.set(mode);
	}

	public Duration slowDelay() {
		return this.slowDelay;
	}

}
