package io.github.dbtelemetry.internal.host;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.internal.export.CircuitBreakers;
import io.github.dbtelemetry.internal.host.HostFixtures.HostLifecycleListener;
import io.github.dbtelemetry.internal.host.HostFixtures.TokenRecordingExporter;
import io.github.dbtelemetry.pipeline.DropReason;
import io.github.dbtelemetry.pipeline.HostSnapshot;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;
import io.github.dbtelemetry.support.CountingPipelineListener;
import io.github.dbtelemetry.support.ManualScheduler;
import io.github.dbtelemetry.support.MutableClock;
import io.github.dbtelemetry.support.RecordingTelemetryExporter;
import io.github.dbtelemetry.support.TestTelemetry;

import static io.github.dbtelemetry.internal.host.HostFixtures.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

/**
 * The one registry of workspace hosts: one host and one reference count per host name, the
 * bound on the number of hosts, and everything the last release of a host forgets.
 */
@ExtendWith(OutputCaptureExtension.class)
class WorkspaceHostsTests {

	private static final String HOST = TestTelemetry.HOST;

	private static final URI BASE_URL = HostFixtures.BASE_URL;

	private static final Duration REFRESH = Duration.ofMinutes(1);

	private final ManualScheduler scheduler = new ManualScheduler();

	private final HostLifecycleListener listener = new HostLifecycleListener();

	private final CircuitBreakers breakers = new CircuitBreakers(2, Duration.ofSeconds(30), 1, new MutableClock());

	private final ExecutorService releasing = Executors.newSingleThreadExecutor();

	private final List<WorkspaceHosts> registries = new ArrayList<>();

	@AfterEach
	void stop() {
		this.registries.forEach(WorkspaceHosts::close);
		this.releasing.shutdownNow();
	}

	private HostSettings.Builder settings(TelemetryExporter exporter) {
		return TestTelemetry.hostSettings(exporter, this.scheduler).listener(this.listener).breakers(this.breakers);
	}

	private WorkspaceHosts hosts(HostSettings.Builder settings, int maxHosts) {
		WorkspaceHosts hosts = new WorkspaceHosts(settings.build(), maxHosts, REFRESH);
		this.registries.add(hosts);
		return hosts;
	}

	private WorkspaceHosts hosts() {
		return hosts(settings(new RecordingTelemetryExporter()), 10);
	}

	private static WorkspaceHost.Lease acquire(WorkspaceHosts hosts, String host) {
		return hosts.acquire(host, BASE_URL, null, TokenSource.NONE);
	}

	// One host per name

	@Test
	void aNewHostIsOpenedWithOneReference() {
		WorkspaceHosts hosts = hosts();
		WorkspaceHost.Lease lease = acquire(hosts, HOST);
		assertThat(lease).isNotNull();
		assertThat(lease.host()).isEqualTo(HOST);
		assertThat(lease.isRecording()).isTrue();
		assertThat(hosts.referenceCount(HOST)).isOne();
		assertThat(hosts.get(HOST)).isSameAs(lease.workspaceHost());
		assertThat(this.listener.lifecycle()).containsExactly("opened " + HOST);
		assertThat(this.listener.opened()).singleElement()
			.satisfies((state) -> assertThat(state.get().host()).isEqualTo(HOST));
	}

	@Test
	void leasesOfOneHostShareItsWorkspaceHostAndCountReferences() {
		WorkspaceHosts hosts = hosts();
		WorkspaceHost.Lease first = acquire(hosts, "host1");
		WorkspaceHost.Lease second = acquire(hosts, "host1");
		WorkspaceHost.Lease other = acquire(hosts, "host2");
		assertThat(second).isNotSameAs(first);
		assertThat(second.workspaceHost()).isSameAs(first.workspaceHost());
		assertThat(other.workspaceHost()).isNotSameAs(first.workspaceHost());
		assertThat(hosts.referenceCount("host1")).isEqualTo(2);
		assertThat(hosts.referenceCount("host2")).isOne();
		assertThat(hosts.hosts()).extracting(WorkspaceHost::host).containsExactly("host1", "host2");
		assertThat(this.listener.lifecycle()).containsExactly("opened host1", "opened host2");
	}

	@Test
	void snapshotsDescribeEveryHostInUseByName() {
		WorkspaceHosts hosts = hosts();
		acquire(hosts, "host2").record(TestTelemetry.statementCompleted("s", null));
		acquire(hosts, "host1");
		assertThat(hosts.snapshots()).extracting(HostSnapshot::host, HostSnapshot::pending, HostSnapshot::circuitBreaker)
			.containsExactly(org.assertj.core.groups.Tuple.tuple("host1", 0, "CLOSED"),
					org.assertj.core.groups.Tuple.tuple("host2", 1, "CLOSED"));
	}

	// Releasing

	@Test
	void releasingALeaseTwiceTakesOnlyItsOwnReference() {
		WorkspaceHosts hosts = hosts();
		WorkspaceHost.Lease first = acquire(hosts, HOST);
		WorkspaceHost.Lease second = acquire(hosts, HOST);
		hosts.release(first);
		hosts.release(first);
		assertThat(hosts.referenceCount(HOST)).isOne();
		assertThat(second.isRecording()).isTrue();
		assertThat(second.workspaceHost().isClosed()).isFalse();
	}

	@Test
	void aReleaseWithOtherReferencesKeepsTheHostAndSendsTheReleasedLeasesEventsWithItsToken() {
		TokenRecordingExporter exporter = new TokenRecordingExporter();
		WorkspaceHosts hosts = hosts(settings(exporter), 10);
		WorkspaceHost.Lease a = hosts.acquire(HOST, BASE_URL, null, token("A"));
		WorkspaceHost.Lease b = hosts.acquire(HOST, BASE_URL, null, token("B"));
		a.record(TestTelemetry.statementCompleted("A-0", null));
		hosts.release(a);
		assertThat(hosts.referenceCount(HOST)).isOne();
		assertThat(b.workspaceHost().isClosed()).isFalse();
		assertThat(a.isRecording()).isFalse();
		assertThat(b.isRecording()).isTrue();
		this.scheduler.runPending();
		assertThat(exporter.calls()).as("the release asked for a flush")
			.containsExactly(new TokenRecordingExporter.Call("A", List.of("A-0")));
	}

	@Test
	void theLastReleaseFlushesClosesAndForgetsTheHost() {
		RecordingTelemetryExporter exporter = new RecordingTelemetryExporter();
		WorkspaceHosts hosts = hosts(settings(exporter), 10);
		WorkspaceHost.Lease lease = acquire(hosts, HOST);
		WorkspaceHost host = lease.workspaceHost();
		lease.record(TestTelemetry.statementCompleted("s", null));
		hosts.release(lease);
		assertThat(host.isClosed()).isTrue();
		assertThat(host.snapshot().exported()).as("pending events flushed before the host closed").isOne();
		assertThat(exporter.logs()).hasSize(1);
		assertThat(hosts.referenceCount(HOST)).isZero();
		assertThat(hosts.get(HOST)).isNull();
		assertThat(hosts.hosts()).isEmpty();
		assertThat(hosts.snapshots()).isEmpty();
		assertThat(this.scheduler.activeScheduledCount()).as("its periodic flush is cancelled").isZero();
	}

	@Test
	void theLastReleaseRemovesTheBreakerAndTellsTheListenerOnce() {
		WorkspaceHosts hosts = hosts();
		WorkspaceHost.Lease first = acquire(hosts, HOST);
		WorkspaceHost.Lease second = acquire(hosts, HOST);
		assertThat(this.breakers.registry().find(HOST)).isPresent();
		hosts.release(first);
		assertThat(this.breakers.registry().find(HOST)).as("still in use").isPresent();
		hosts.release(second);
		assertThat(this.breakers.registry().find(HOST)).isEmpty();
		assertThat(this.breakers.registry().getAllCircuitBreakers()).isEmpty();
		assertThat(this.listener.lifecycle()).containsExactly("opened " + HOST, "closed " + HOST);
		assertThat(hosts.snapshots()).isEmpty();
	}

	@Test
	void aHostUsedAgainAfterItsLastReleaseStartsAfreshWithAClosedBreaker() {
		WorkspaceHosts hosts = hosts();
		WorkspaceHost.Lease lease = acquire(hosts, HOST);
		WorkspaceHost old = lease.workspaceHost();
		this.breakers.registry().find(HOST).orElseThrow().transitionToOpenState();
		assertThat(old.snapshot().circuitBreaker()).isEqualTo("OPEN");
		hosts.release(lease);
		WorkspaceHost.Lease again = acquire(hosts, HOST);
		assertThat(again.workspaceHost()).isNotSameAs(old);
		assertThat(again.workspaceHost().isClosed()).isFalse();
		assertThat(again.isRecording()).isTrue();
		assertThat(again.workspaceHost().snapshot().circuitBreaker()).isEqualTo("CLOSED");
		assertThat(this.breakers.registry().find(HOST)).hasValueSatisfying(
				(breaker) -> assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED));
		assertThat(this.listener.lifecycle()).containsExactly("opened " + HOST, "closed " + HOST, "opened " + HOST);
	}

	@Test
	void aHostOpenedAgainWhileItsPredecessorIsStillClosingGetsAFreshBreakerAndOpensFirst() {
		CompletableFuture<Void> finalExportStarted = new CompletableFuture<>();
		CompletableFuture<ExportResult> finalExport = new CompletableFuture<>();
		WorkspaceHosts hosts = hosts(settings((endpoint, logs) -> {
			if (finalExportStarted.complete(null)) {
				return finalExport;
			}
			return CompletableFuture.completedFuture(ExportResult.success(logs.size(), 200));
		}).shutdownTimeout(Duration.ofMinutes(1)), 10);
		WorkspaceHost.Lease lease = acquire(hosts, HOST);
		CircuitBreaker oldBreaker = this.breakers.registry().find(HOST).orElseThrow();
		lease.record(TestTelemetry.statementCompleted("s", null));
		CompletableFuture<Void> released = CompletableFuture.runAsync(() -> hosts.release(lease), this.releasing);
		finalExportStarted.join();
		WorkspaceHost.Lease again = acquire(hosts, HOST);
		assertThat(again.workspaceHost()).isNotSameAs(lease.workspaceHost());
		CircuitBreaker newBreaker = this.breakers.registry().find(HOST).orElseThrow();
		assertThat(newBreaker).isNotSameAs(oldBreaker);
		assertThat(released).as("the predecessor is still flushing").isNotDone();
		finalExport.complete(ExportResult.success(1, 200));
		released.join();
		assertThat(lease.workspaceHost().snapshot().exported()).isOne();
		assertThat(this.listener.lifecycle()).containsExactly("opened " + HOST, "opened " + HOST, "closed " + HOST);
		assertThat(this.breakers.registry().find(HOST)).as("the closing predecessor leaves the new breaker alone")
			.containsSame(newBreaker);
		assertThat(hosts.referenceCount(HOST)).isOne();
		assertThat(hosts.get(HOST)).isSameAs(again.workspaceHost());
	}

	@Test
	void aLeaseReleasedAgainAfterItsHostWasReplacedLeavesTheNewHostAlone() {
		WorkspaceHosts hosts = hosts();
		WorkspaceHost.Lease old = acquire(hosts, HOST);
		hosts.release(old);
		WorkspaceHost.Lease current = acquire(hosts, HOST);
		hosts.release(old);
		assertThat(hosts.referenceCount(HOST)).isOne();
		assertThat(current.workspaceHost().isClosed()).isFalse();
		assertThat(current.isRecording()).isTrue();
	}

	@Test
	void aListenerThatThrowsWhenAHostClosesDoesNotStopTheRelease() {
		TelemetryPipelineListener broken = new TelemetryPipelineListener() {
			@Override
			public void onHostClosed(String host) {
				throw new IllegalStateException("a listener's bug");
			}
		};
		WorkspaceHosts hosts = hosts(settings(new RecordingTelemetryExporter()).listener(broken), 10);
		WorkspaceHost.Lease lease = acquire(hosts, HOST);
		assertThatCode(() -> hosts.release(lease)).doesNotThrowAnyException();
		assertThat(lease.workspaceHost().isClosed()).isTrue();
		assertThat(hosts.hosts()).isEmpty();
		assertThat(acquire(hosts, HOST)).isNotNull();
	}

	// The host bound

	@Test
	void beyondTheHostBoundNoLeaseIsGivenAndOneWarningIsLogged(CapturedOutput output) {
		WorkspaceHosts hosts = hosts(settings(new RecordingTelemetryExporter()), 2);
		WorkspaceHost.Lease one = acquire(hosts, "host1");
		assertThat(acquire(hosts, "host2")).isNotNull();
		assertThat(acquire(hosts, "host3")).isNull();
		assertThat(acquire(hosts, "host4")).isNull();
		WorkspaceHost.Lease oneAgain = acquire(hosts, "host1");
		assertThat(oneAgain).as("a host in use is not a new one").isNotNull();
		assertThat(hosts.hosts()).extracting(WorkspaceHost::host).containsExactly("host1", "host2");
		assertThat(this.listener.lifecycle()).containsExactly("opened host1", "opened host2");
		assertThat(this.breakers.registry().find("host3")).isEmpty();
		assertThat(output.getOut().lines().filter((line) -> line.contains("databricks.telemetry.max-hosts")))
			.singleElement()
			.satisfies((line) -> assertThat(line).contains("WARN").contains("host3"));
		hosts.release(one);
		hosts.release(oneAgain);
		assertThat(acquire(hosts, "host3")).as("a host released makes room").isNotNull();
		assertThat(hosts.hosts()).extracting(WorkspaceHost::host).containsExactly("host2", "host3");
	}

	// Closing

	@Test
	void closingTheRegistryClosesEveryHostAndGivesNoMoreLeases() {
		WorkspaceHosts hosts = hosts();
		WorkspaceHost one = acquire(hosts, "host1").workspaceHost();
		WorkspaceHost two = acquire(hosts, "host2").workspaceHost();
		hosts.close();
		assertThat(one.isClosed()).isTrue();
		assertThat(two.isClosed()).isTrue();
		assertThat(hosts.hosts()).isEmpty();
		assertThat(this.listener.lifecycle()).containsExactlyInAnyOrder("opened host1", "opened host2", "closed host1",
				"closed host2");
		assertThat(acquire(hosts, "host3")).isNull();
		assertThat(this.breakers.registry().getAllCircuitBreakers()).isEmpty();
	}

	@Test
	void aLeaseReleasedAfterTheRegistryClosedIsIgnored() {
		WorkspaceHosts hosts = hosts();
		WorkspaceHost.Lease lease = acquire(hosts, HOST);
		hosts.close();
		assertThatCode(() -> hosts.release(lease)).doesNotThrowAnyException();
		assertThat(this.listener.lifecycle()).containsExactly("opened " + HOST, "closed " + HOST);
	}

	@Test
	void eventsUndeliveredAtTheDeadlineOfCloseAreCountedOnceAndLoggedOnce(CapturedOutput output) {
		List<CompletableFuture<ExportResult>> exports = new CopyOnWriteArrayList<>();
		TelemetryThreads threads = new TelemetryThreads(1);
		try {
			CountingPipelineListener events = new CountingPipelineListener();
			WorkspaceHosts hosts = hosts(TestTelemetry.hostSettings((endpoint, logs) -> {
				CompletableFuture<ExportResult> never = new CompletableFuture<>();
				exports.add(never);
				return never;
			}, threads.scheduler())
				.listener(events)
				.shutdownTimeout(Duration.ofMillis(200)), 10);
			acquire(hosts, "host1").record(TestTelemetry.statementCompleted("s1", null));
			acquire(hosts, "host2").record(TestTelemetry.statementCompleted("s2", null));
			hosts.close();
			assertThat(events.dropped(DropReason.SHUTDOWN)).isEqualTo(2);
			events.assertNoDropsExcept(DropReason.SHUTDOWN);
			assertThat(exports).as("the exports in flight are aborted")
				.allSatisfy((export) -> assertThat(export).isCancelled());
			assertThat(output.getOut()).containsOnlyOnce("Dropped 2 telemetry events of 2 workspace host(s)");
		}
		finally {
			threads.close();
		}
	}

}
