package io.github.dbtelemetry.sample.standin;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Profile;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import io.github.dbtelemetry.sample.standin.TelemetryUploadDecoder.DecodedUpload;
import io.github.dbtelemetry.sample.standin.TelemetryUploadDecoder.MalformedUploadException;
import tools.jackson.databind.JsonNode;

/**
 * Plays the part of a Databricks workspace for the two endpoints the starter calls, so the sample
 * shows the whole export path without an account. Not registered with the {@code databricks}
 * profile, where the real workspace answers instead.
 */
@RestController
@Profile("!databricks")
public class StandInWorkspaceController {

	static final String TELEMETRY_FLAG = "databricks.partnerplatform.clientConfigsFeatureFlags.enableTelemetryForJdbc";

	// Short, so that turning the flag off (or on again) in the console shows within the starter's
	// refresh period rather than after minutes.
	private static final int FLAG_TTL_SECONDS = 5;

	/** The header in which a real workspace names its id; the starter reads it from the flag answer. */
	static final String ORG_ID_HEADER = "x-databricks-org-id";

	private final TelemetryUploadDecoder decoder;

	private final ReceivedTelemetryStore store;

	private final WorkspaceBehaviour behaviour;

	private final long workspaceId;

	public StandInWorkspaceController(TelemetryUploadDecoder decoder, ReceivedTelemetryStore store,
			WorkspaceBehaviour behaviour, @Value("${sample.stand-in.workspace-id}") long workspaceId) {
		this.decoder = decoder;
		this.store = store;
		this.behaviour = behaviour;
		this.workspaceId = workspaceId;
	}

	@PostMapping(path = "/telemetry-ext", produces = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<ExportResponse> receiveAuthenticated(@RequestBody String body,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		return receive("/telemetry-ext", body, authorization);
	}

	@PostMapping(path = "/telemetry-unauth", produces = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<ExportResponse> receiveUnauthenticated(@RequestBody String body,
			@RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization) {
		return receive("/telemetry-unauth", body, authorization);
	}

	// The stand-in enables telemetry for every driver and version unless the console turned it off.
	// Like a real workspace it names itself in the org-id header, which is where the starter learns
	// the workspace id of a host whose name does not carry it.
	@GetMapping(path = "/api/2.0/connector-service/feature-flags/{driver}/{version}",
			produces = MediaType.APPLICATION_JSON_VALUE)
	public ResponseEntity<FeatureFlagsResponse> featureFlags(@PathVariable String driver,
			@PathVariable String version) {
		String enabled = Boolean.toString(this.behaviour.mode() != WorkspaceBehaviour.Mode.FLAG_OFF);
		return ResponseEntity.ok()
			.header(ORG_ID_HEADER, Long.toString(this.workspaceId))
			.body(new FeatureFlagsResponse(List.of(new FeatureFlagsResponse.Flag(TELEMETRY_FLAG, enabled)),
					FLAG_TTL_SECONDS));
	}

	@GetMapping(path = "/workspace/telemetry", produces = MediaType.APPLICATION_JSON_VALUE)
	public List<ReceivedTelemetry> received(@RequestParam(defaultValue = "1000") int limit) {
		return this.store.recent(limit);
	}

	@ExceptionHandler(MalformedUploadException.class)
	public ResponseEntity<ExportResponse> malformed(MalformedUploadException ex) {
		return ResponseEntity.badRequest().body(new ExportResponse(List.of(ex.getMessage()), 0, 0));
	}

	private ResponseEntity<ExportResponse> receive(String path, String body, String authorization) {
		switch (this.behaviour.mode()) {
			case FAIL_503 -> {
				return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
			}
			case SLOW -> pause(this.behaviour.slowDelay());
			default -> {
			}
		}
		DecodedUpload upload = this.decoder.decode(body);
		// Only whether a header was present is kept: the token itself must never be stored or shown.
		boolean authorizationPresent = authorization != null && !authorization.isBlank();
		Instant receivedAt = Instant.now();
		for (JsonNode log : upload.logs()) {
			this.store.add(new ReceivedTelemetry(path, authorizationPresent, receivedAt, log));
		}
		int accepted = upload.logs().size();
		return ResponseEntity.ok(new ExportResponse(upload.errors(), accepted, accepted));
	}

	// A slow workspace is the point here: the request thread waits as a busy server would.
	private static void pause(Duration delay) {
		try {
			Thread.sleep(delay.toMillis());
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
