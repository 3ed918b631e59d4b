package io.github.dbtelemetry.sample.workload;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.thread.Threading;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcOperations;
import org.springframework.stereotype.Component;

/**
 * Runs the {@link WorkloadPlan} every few seconds through JDBC so that the starter has statements
 * to observe. It starts only once the application is ready, because with the stand-in workspace
 * the telemetry endpoint is this application's own web server.
 */
@Component
public class SampleWorkload implements DisposableBean {

	private static final Logger logger = LoggerFactory.getLogger(SampleWorkload.class);

	private static final long STOP_TIMEOUT_SECONDS = 10;

	private final JdbcOperations jdbc;

	private final WorkloadPlan plan;

	private final WorkloadProperties properties;

	private final ScheduledExecutorService executor;

	private final AtomicBoolean started = new AtomicBoolean();

	private final AtomicLong rounds = new AtomicLong();

	private final AtomicLong statements = new AtomicLong();

	private final AtomicLong expectedFailures = new AtomicLong();

	private final AtomicLong unexpectedFailures = new AtomicLong();

	/**
	 * The workload runs on a virtual thread when the application asks for them
	 * ({@code spring.threads.virtual.enabled=true} on Java 21 or later), as Boot's own executors do.
	 */
	public SampleWorkload(JdbcOperations jdbc, WorkloadPlan plan, WorkloadProperties properties,
			Environment environment) {
		this.jdbc = jdbc;
		this.plan = plan;
		this.properties = properties;
		this.executor = Executors.newSingleThreadScheduledExecutor(threads(Threading.VIRTUAL.isActive(environment)));
	}

	// Either way a daemon thread: a forgotten workload must never keep the JVM alive. Spring's
	// executor makes the virtual thread, so that this compiles for Java 17.
	private static ThreadFactory threads(boolean virtual) {
		if (virtual) {
			return new VirtualThreadTaskExecutor("sample-workload-").getVirtualThreadFactory();
		}
		return (task) -> {
			Thread thread = new Thread(task, "sample-workload");
			thread.setDaemon(true);
			return thread;
		};
	}

	@EventListener(ApplicationReadyEvent.class)
	public void start() {
		if (!this.started.compareAndSet(false, true) || this.executor.isShutdown()) {
			return;
		}
		long intervalMillis = this.properties.interval().toMillis();
		this.executor.execute(this::setUpSafely);
		this.executor.scheduleWithFixedDelay(this::runRoundSafely, 0, intervalMillis, TimeUnit.MILLISECONDS);
		logger.info("Sample workload started, one round every {} ms", intervalMillis);
	}

	/**
	 * Stops on context close, before any bean is destroyed, so that no statement runs against a
	 * closing pool and the starter's final flush sees the last round.
	 */
	@EventListener(ContextClosedEvent.class)
	public void stop() {
		if (this.executor.isShutdown()) {
			return;
		}
		this.executor.shutdown();
		try {
			if (!this.executor.awaitTermination(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
				this.executor.shutdownNow();
			}
		}
		catch (InterruptedException ex) {
			this.executor.shutdownNow();
			Thread.currentThread().interrupt();
		}
	}

	@Override
	public void destroy() {
		stop();
	}

	/** Runs one round of the plan now, on the calling thread; each step's failure is contained. */
	public void runRound() {
		for (WorkloadStep step : this.plan.round()) {
			this.statements.incrementAndGet();
			try {
				step.action().accept(this.jdbc);
			}
			catch (DataAccessException ex) {
				recordFailure(step, ex);
			}
		}
		this.rounds.incrementAndGet();
	}

	public WorkloadStatus status() {
		return new WorkloadStatus(this.rounds.get(), this.statements.get(), this.expectedFailures.get(),
				this.unexpectedFailures.get());
	}

	private void recordFailure(WorkloadStep step, DataAccessException ex) {
		if (step.expectedToFail()) {
			this.expectedFailures.incrementAndGet();
			logger.debug("Step '{}' failed as intended: {}", step.name(), ex.getClass().getSimpleName());
		}
		else {
			this.unexpectedFailures.incrementAndGet();
			logger.warn("Step '{}' failed: {}", step.name(), ex.getMostSpecificCause().toString());
		}
	}

	private void setUpSafely() {
		try {
			this.plan.setUp(this.jdbc);
		}
		catch (RuntimeException ex) {
			logger.warn("Workload set-up failed; rounds will run anyway: {}", ex.toString());
		}
	}

	// An exception escaping a scheduled task would silently cancel all later rounds.
	private void runRoundSafely() {
		try {
			runRound();
		}
		catch (RuntimeException ex) {
			logger.warn("Workload round failed: {}", ex.toString());
		}
	}

}
