package io.github.dbtelemetry.sample.web;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.pipeline.HostSnapshot;
import io.github.dbtelemetry.sample.standin.ReceivedTelemetryStore;
import io.github.dbtelemetry.sample.standin.WorkspaceBehaviour;
import io.github.dbtelemetry.sample.workload.SampleWorkload;

/**
 * The live console at {@code /}: a static page whose small inline script polls
 * {@code /console/state} and re-renders, so the sample needs neither a template engine nor a
 * frontend build. Its buttons switch the stand-in workspace's behaviour. Its charts keep their
 * history in the page, from the running totals of each poll, so this controller holds none;
 * they are drawn with uPlot from a WebJar, so the console works offline.
 */
@RestController
public class ConsoleController {

	private static final int SHOWN_EVENTS = 20;

	private static final long RATE_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(10);

	private final SampleWorkload workload;

	private final ObjectProvider<DatabricksTelemetry> telemetry;

	// Absent with the databricks profile, where the real workspace answers instead.
	private final ObjectProvider<ReceivedTelemetryStore> store;

	private final ObjectProvider<WorkspaceBehaviour> behaviour;

	private final StatementRate rate = new StatementRate(RATE_WINDOW_NANOS);

	private final String page;

	public ConsoleController(SampleWorkload workload, ObjectProvider<DatabricksTelemetry> telemetry,
			ObjectProvider<ReceivedTelemetryStore> store, ObjectProvider<WorkspaceBehaviour> behaviour)
			throws IOException {
		this.workload = workload;
		this.telemetry = telemetry;
		this.store = store;
		this.behaviour = behaviour;
		try (InputStream html = new ClassPathResource("console.html", ConsoleController.class).getInputStream()) {
			this.page = new String(html.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	public String console() {
		return this.page;
	}

	@GetMapping(path = "/console/state", produces = MediaType.APPLICATION_JSON_VALUE)
	public ConsoleState state() {
		Instant sampledAt = Instant.now().truncatedTo(ChronoUnit.MILLIS);
		var status = this.workload.status();
		double perSecond = this.rate.sample(status.statements(), System.nanoTime());
		WorkspaceBehaviour stand = this.behaviour.getIfAvailable();
		ReceivedTelemetryStore received = this.store.getIfAvailable();
		List<TelemetryEventRow> events = (received != null)
				? received.recent(SHOWN_EVENTS).stream().map(TelemetryEventRow::from).toList() : List.of();
		return new ConsoleState(status, perSecond, (stand != null) ? stand.mode().name() : null,
				(received != null) ? received.totalReceived() : null, hosts(), events, sampledAt);
	}

	@PostMapping("/console/workspace")
	public ConsoleState switchWorkspace(@RequestParam String mode) {
		WorkspaceBehaviour stand = this.behaviour.getIfAvailable();
		if (stand == null) {
			throw new ResponseStatusException(HttpStatus.CONFLICT, "The stand-in workspace is off");
		}
		try {
			stand.switchTo(WorkspaceBehaviour.Mode.valueOf(mode.toUpperCase(Locale.ROOT)));
		}
		catch (IllegalArgumentException ex) {
			throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "Unknown mode");
		}
		return state();
	}

	private List<ConsoleState.Host> hosts() {
		DatabricksTelemetry engine = this.telemetry.getIfAvailable();
		return (engine != null) ? engine.hosts().stream().map(ConsoleController::host).toList() : List.of();
	}

	private static ConsoleState.Host host(HostSnapshot snapshot) {
		Map<String, Long> dropped = new TreeMap<>();
		snapshot.dropped().forEach((reason, count) -> dropped.put(reason.tagValue(), count));
		return new ConsoleState.Host(snapshot.host(), snapshot.featureFlag().name(), snapshot.circuitBreaker(),
				snapshot.pending(), snapshot.exported(), dropped, snapshot.lastSuccess(), snapshot.lastFailureKind());
	}

}
