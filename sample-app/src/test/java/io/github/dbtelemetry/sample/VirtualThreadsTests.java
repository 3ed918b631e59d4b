package io.github.dbtelemetry.sample;

import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledForJreRange;
import org.junit.jupiter.api.condition.JRE;

import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.SpringBootTest.WebEnvironment;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.util.TestSocketUtils;

import io.github.dbtelemetry.observation.StatementObservationContext;
import io.github.dbtelemetry.sample.standin.ReceivedTelemetryStore;
import io.github.dbtelemetry.sample.workload.SampleWorkload;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample with {@code spring.threads.virtual.enabled=true}: its workload runs on a virtual
 * thread, the starter exports what it does, and no virtual thread pins its carrier while the
 * starter's code is on its stack. A JFR recording catches every pinned park
 * ({@code jdk.VirtualThreadPinned} at threshold 0, with its stack). From Java 24 on a monitor no
 * longer pins; what still does is a native or VM frame on the stack, a class initializer among
 * them, and blocking there is what this looks for, as it looks on Java 21 for blocking while
 * holding a monitor.
 *
 * <p>The recording starts once the workload has run every step: a class loaded for the first
 * time on a virtual thread may pin it while the VM loads it, whoever's class it is (H2's,
 * Spring's, the JDK's), once. What is checked is what happens on every statement.
 *
 * <p>So that an empty result means something, a probe makes one pin happen under the starter's
 * frames on purpose: an observation handler, called from the starter while it runs a statement,
 * blocks in a class initializer once. The recording must show that pin with the starter's frames
 * on its stack, and no other.
 */
@EnabledForJreRange(min = JRE.JAVA_21)
@SpringBootTest(webEnvironment = WebEnvironment.DEFINED_PORT,
		properties = { "spring.threads.virtual.enabled=true", "sample.workload.interval=100ms",
				"databricks.telemetry.flush-interval=200ms" })
class VirtualThreadsTests {

	private static final int PORT = TestSocketUtils.findAvailableTcpPort();

	private static final String PINNED = "jdk.VirtualThreadPinned";

	@DynamicPropertySource
	static void serverPort(DynamicPropertyRegistry registry) {
		registry.add("server.port", () -> PORT);
	}

	@Autowired
	private SampleWorkload workload;

	@Autowired
	private ReceivedTelemetryStore received;

	@Autowired
	private StatementThreads statementThreads;

	@Test
	void theWorkloadRunsOnVirtualThreadsIsExportedAndTheStarterNeverPinsACarrier() throws Exception {
		await("two rounds of the workload").atMost(Duration.ofSeconds(30))
			.until(() -> this.workload.status().rounds() >= 2);
		List<RecordedEvent> pinned;
		try (Recording recording = new Recording()) {
			recording.enable(PINNED).withThreshold(Duration.ZERO).withStackTrace();
			recording.start();
			long rounds = this.workload.status().rounds();
			long statementEvents = statementEventsReceived();
			this.statementThreads.probe.set(true);
			await("more rounds, the probe's pin and their statement events at the stand-in workspace")
				.atMost(Duration.ofSeconds(30))
				.until(() -> this.workload.status().rounds() >= rounds + 5 && !this.statementThreads.probe.get()
						&& statementEventsReceived() > statementEvents);
			pinned = pinnedEvents(recording);
		}
		assertThat(this.workload.status().unexpectedFailures()).isZero();
		assertThat(this.statementThreads.virtual.get()).as("statements observed on virtual threads").isPositive();
		assertThat(this.statementThreads.platform.get()).as("statements observed on platform threads").isZero();

		assertThat(pinned).as("pinned stacks cut short by JFR's stack depth could hide the starter's frames")
			.noneMatch((event) -> event.getStackTrace() == null || event.getStackTrace().isTruncated());
		List<RecordedEvent> probed = withFrame(pinned, PinsWhileInitialising.class.getName()::equals);
		assertThat(probed).as("the probe's pin is recorded, with the starter's frames under it")
			.isNotEmpty()
			.allMatch((event) -> !withFrame(List.of(event), VirtualThreadsTests::isStarterClass).isEmpty());
		List<RecordedEvent> starters = withFrame(pinned, VirtualThreadsTests::isStarterClass);
		starters.removeAll(probed);
		assertThat(starters).as(() -> "pinned with the starter's frames on the stack:\n" + describe(starters)).isEmpty();
	}

	// The statement events the stand-in workspace has received (of its last 1000 events).
	private long statementEventsReceived() {
		return this.received.recent(this.received.capacity())
			.stream()
			.filter((entry) -> entry.sqlDriverLog().path("sql_operation").path("statement_type").isString())
			.count();
	}

	private static List<RecordedEvent> pinnedEvents(Recording recording) throws Exception {
		Path file = Files.createTempFile("virtual-threads", ".jfr");
		try {
			recording.stop();
			recording.dump(file);
			return RecordingFile.readAllEvents(file)
				.stream()
				.filter((event) -> event.getEventType().getName().equals(PINNED))
				.collect(Collectors.toList());
		}
		finally {
			Files.deleteIfExists(file);
		}
	}

	// The library's packages, not the sample's, which lives under the same root.
	private static boolean isStarterClass(String className) {
		return className.startsWith("io.github.dbtelemetry.") && !className.startsWith("io.github.dbtelemetry.sample.");
	}

	private static List<RecordedEvent> withFrame(List<RecordedEvent> events, Predicate<String> className) {
		return events.stream()
			.filter((event) -> event.getStackTrace()
				.getFrames()
				.stream()
				.anyMatch((frame) -> frame.isJavaFrame() && className.test(frame.getMethod().getType().getName())))
			.collect(Collectors.toList());
	}

	private static String describe(List<RecordedEvent> events) {
		return events.stream().map((event) -> {
			String reason = event.hasField("pinnedReason") ? event.getString("pinnedReason") : "?";
			String frames = event.getStackTrace()
				.getFrames()
				.stream()
				.map(VirtualThreadsTests::frame)
				.collect(Collectors.joining("\n    "));
			return "  " + reason + "\n    " + frames;
		}).collect(Collectors.joining("\n"));
	}

	private static String frame(RecordedFrame frame) {
		return frame.getMethod().getType().getName() + "." + frame.getMethod().getName() + ":" + frame.getLineNumber();
	}

	@TestConfiguration(proxyBeanMethods = false)
	static class Probe {

		@Bean
		StatementThreads statementThreads() {
			return new StatementThreads();
		}

	}

	/**
	 * Counts the threads the starter's statement observations start on, and once asked to probe,
	 * from inside the next one on a virtual thread, blocks in a class initializer: a pin under the
	 * starter's frames that the recording must show.
	 */
	static final class StatementThreads implements ObservationHandler<StatementObservationContext> {

		// Thread.isVirtual() is Java 21 API; the sample's tests compile for 17.
		private static final Method IS_VIRTUAL = isVirtualMethod();

		final AtomicInteger virtual = new AtomicInteger();

		final AtomicInteger platform = new AtomicInteger();

		// set by the test, cleared once the probe has run
		final AtomicBoolean probe = new AtomicBoolean();

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof StatementObservationContext;
		}

		@Override
		public void onStart(StatementObservationContext context) {
			if (!isVirtual(Thread.currentThread())) {
				this.platform.incrementAndGet();
				return;
			}
			this.virtual.incrementAndGet();
			if (this.probe.compareAndSet(true, false)) {
				PinsWhileInitialising.initialise();
			}
		}

		private static boolean isVirtual(Thread thread) {
			try {
				return (boolean) IS_VIRTUAL.invoke(thread);
			}
			catch (ReflectiveOperationException ex) {
				throw new IllegalStateException(ex);
			}
		}

		private static Method isVirtualMethod() {
			try {
				return Thread.class.getMethod("isVirtual");
			}
			catch (NoSuchMethodException ex) {
				throw new IllegalStateException("virtual threads need Java 21", ex);
			}
		}

	}

	/** Blocks while the VM initialises it: a virtual thread doing that pins its carrier. */
	static final class PinsWhileInitialising {

		static {
			try {
				// The blocking call that pins, not a wait for anything.
				Thread.sleep(1);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		static void initialise() {
		}

	}

}
