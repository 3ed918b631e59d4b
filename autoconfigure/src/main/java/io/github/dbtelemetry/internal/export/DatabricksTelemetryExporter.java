package io.github.dbtelemetry.internal.export;

import java.net.URI;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.web.reactive.function.client.ClientResponse;

import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryEndpoint;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.internal.export.ExportRetryPolicy.RetriesExhaustedException;
import io.github.dbtelemetry.model.TelemetryFrontendLog;

/**
 * Sends a batch to a workspace's telemetry endpoint: {@code /telemetry-ext} with the bearer token
 * when the endpoint may receive one, {@code /telemetry-unauth} otherwise. Delivery is at most
 * once: a batch is sent again only when it provably did not reach the server (see
 * {@link ExceptionClassifier}), with backoff (see {@link ExportRetryPolicy}); a batch whose fate
 * is unknown is counted as such and never resent. Every attempt and the whole batch are bounded
 * in time; the result is always an {@link ExportResult}.
 * <p>
 * Requests go through the starter's own {@link TelemetryHttpClient}; once it is closed no attempt
 * starts, and cancelling the returned future aborts the exchange and the retries still pending.
 */
public final class DatabricksTelemetryExporter implements TelemetryExporter {

	static final String AUTHENTICATED_PATH = "/telemetry-ext";

	static final String UNAUTHENTICATED_PATH = "/telemetry-unauth";

	static final String REQUEST_ID_HEADER = "x-request-id";

	private static final Log logger = LogFactory.getLog(DatabricksTelemetryExporter.class);

	private static final byte[] NO_BODY = new byte[0];

	private final TelemetryHttpClient http;

	private final TelemetryPayloadSerializer serializer;

	private final ExportRetrySettings settings;

	private final String userAgent;

	private final ExceptionClassifier classifier;

	private final Clock clock;

	private final DoubleSupplier jitter;

	public DatabricksTelemetryExporter(TelemetryHttpClient http, TelemetryPayloadSerializer serializer,
			ExportRetrySettings settings, String userAgent) {
		this(http, serializer, settings, userAgent, new ExceptionClassifier(), Clock.systemUTC());
	}

	/**
	 * @param clock the source of the request's {@code uploadTime}
	 */
	public DatabricksTelemetryExporter(TelemetryHttpClient http, TelemetryPayloadSerializer serializer,
			ExportRetrySettings settings, String userAgent, ExceptionClassifier classifier, Clock clock) {
		this.http = Objects.requireNonNull(http, "http");
		this.serializer = Objects.requireNonNull(serializer, "serializer");
		this.settings = Objects.requireNonNull(settings, "settings");
		this.userAgent = Objects.requireNonNull(userAgent, "userAgent");
		this.classifier = Objects.requireNonNull(classifier, "classifier");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.jitter = () -> ThreadLocalRandom.current().nextDouble();
	}

	@Override
	public CompletableFuture<ExportResult> export(TelemetryEndpoint endpoint, List<TelemetryFrontendLog> logs) {
		int sent = (logs != null) ? logs.size() : 0;
		try {
			if (sent == 0) {
				return CompletableFuture.completedFuture(ExportResult.success(0, 0));
			}
			RequestBody body = serialize(endpoint, logs);
			if (body == null) {
				return CompletableFuture.completedFuture(ExportResult.terminalFailure(sent, 0, "serialization"));
			}
			try {
				Optional<String> token = credentialsFor(endpoint);
				URI uri = exportUri(endpoint.baseUrl(),
						token.isPresent() ? AUTHENTICATED_PATH : UNAUTHENTICATED_PATH);
				ExportRetryPolicy retry = new ExportRetryPolicy(this.settings, this.classifier, this.jitter,
						endpoint.host(), this.http.timer());
				return this.http.start(Mono.defer(() -> attempt(uri, token, body))
					.retryWhen(retry)
					.map((answer) -> toResult(answer, sent, endpoint.host()))
					// No timeout of its own for the whole batch: every attempt has one and every
					// wait between attempts is capped, so the export ends by construction (see
					// ExportRetrySettings.attemptTimeout()). A second timer per export would wake
					// the timer thread once more per request, which measurably costs CPU.
					.onErrorResume((failure) -> Mono.just(toFailure(failure, sent, endpoint.host())))
					.switchIfEmpty(Mono.fromSupplier(() -> ExportResult.outcomeUnknown(sent, 0, "unknown")))
					// However the export ended, its body may serve a later batch: released before the
					// result is handed on (so the next batch can already reuse it), or on cancel.
					.doOnSuccess((result) -> body.release())
					.doFinally((signal) -> body.release()));
			}
			catch (Throwable ex) {
				body.release();
				throw ex;
			}
		}
		catch (Throwable ex) {
			// A misbehaving credentials provider (even one throwing an Error) must not break the
			// caller; nothing was sent, but nothing proves that the next attempt would be safe.
			logger.debug("Telemetry export to " + hostOf(endpoint) + " could not start: " + ex.getClass().getName());
			return CompletableFuture.completedFuture(ExportResult.outcomeUnknown(sent, 0, "unknown"));
		}
	}

	private @Nullable RequestBody serialize(TelemetryEndpoint endpoint, List<TelemetryFrontendLog> logs) {
		try {
			return this.serializer.serializeRequestBody(this.clock.millis(), logs);
		}
		catch (RuntimeException ex) {
			// Retrying cannot make a log serializable; the message may quote event content.
			logger.debug("Telemetry batch for " + endpoint.host() + " could not be serialized: "
					+ ex.getClass().getName());
			return null;
		}
	}

	/**
	 * The token, when the endpoint may receive one and there is one. The scheme is checked first:
	 * no credential is even obtained (an OAuth token requested, say) for a request that could not
	 * carry it. A provider that fails counts as having none: the unauthenticated endpoint exists
	 * for exactly that case.
	 */
	private Optional<String> credentialsFor(TelemetryEndpoint endpoint) {
		if (!endpoint.mayCarryCredentials()) {
			logger.debug("Not sending credentials to " + endpoint.baseUrl()
					+ " over plain HTTP (insecure endpoints not allowed); exporting unauthenticated");
			return Optional.empty();
		}
		Optional<String> token;
		try {
			token = endpoint.credentials().bearerToken();
		}
		catch (Throwable ex) {
			logger.debug("No credentials for telemetry to " + endpoint.host() + " (" + ex.getClass().getName()
					+ "); exporting unauthenticated");
			return Optional.empty();
		}
		if (token == null || token.filter((value) -> !value.isBlank()).isEmpty()) {
			return Optional.empty();
		}
		return token;
	}

	private Mono<Answer> attempt(URI uri, Optional<String> token, RequestBody body) {
		if (this.http.isClosed()) {
			// Shutting down: whatever is left was counted by the caller; nothing more is sent.
			return Mono.error(new ClientClosedException());
		}
		return this.http.webClient()
			.post()
			.uri(uri)
			.headers((headers) -> {
				headers.setContentType(MediaType.APPLICATION_JSON);
				headers.setAccept(List.of(MediaType.APPLICATION_JSON));
				headers.set(HttpHeaders.USER_AGENT, this.userAgent);
				token.ifPresent(headers::setBearerAuth);
			})
			// Each attempt its own view, which the HTTP client copies once (see RequestBody).
			.bodyValue(body.attemptBuffer())
			.exchangeToMono(this::readAnswer)
			.timeout(this.settings.attemptTimeout(), this.http.timer());
	}

	private Mono<Answer> readAnswer(ClientResponse response) {
		int status = response.statusCode().value();
		HttpHeaders headers = response.headers().asHttpHeaders();
		String requestId = headers.getFirst(REQUEST_ID_HEADER);
		if (!response.statusCode().is2xxSuccessful()) {
			return Mono.error(new TelemetryHttpException(status,
					ExportRetryPolicy.parseRetryAfter(headers.getFirst(HttpHeaders.RETRY_AFTER)), requestId));
		}
		// The server has accepted the batch once it answers 2xx: a body that cannot be read must
		// not turn into a retry, which would send the logs twice.
		return response.bodyToMono(byte[].class)
			.onErrorResume((ex) -> {
				logger.debug("Telemetry response body could not be read: " + ex.getClass().getName());
				return Mono.empty();
			})
			.defaultIfEmpty(NO_BODY)
			.map((body) -> new Answer(status, body, requestId));
	}

	private ExportResult toResult(Answer answer, int sent, String host) {
		long accepted = this.serializer.readNumProtoSuccess(answer.body());
		if (accepted < 0) {
			if (logger.isDebugEnabled()) {
				logger.debug("Telemetry response from " + host + " (HTTP " + answer.status()
						+ ") has no readable numProtoSuccess; counting the batch as accepted"
						+ requestIdSuffix(answer.requestId()));
			}
			return ExportResult.success(sent, answer.status());
		}
		if (accepted < sent) {
			if (logger.isDebugEnabled()) {
				logger.debug("Telemetry endpoint " + host + " accepted " + accepted + " of " + sent
						+ " logs; the rest are not resent" + requestIdSuffix(answer.requestId()));
			}
			return ExportResult.partialSuccess(sent, (int) accepted, answer.status());
		}
		return ExportResult.success(sent, answer.status());
	}

	private ExportResult toFailure(Throwable failure, int sent, String host) {
		boolean exhausted = failure instanceof RetriesExhaustedException;
		Throwable last = (exhausted && failure.getCause() != null) ? failure.getCause() : failure;
		int status = this.classifier.httpStatus(last);
		String kind = this.classifier.failureKind(last);
		ExceptionClassifier.Verdict verdict = exhausted ? ExceptionClassifier.Verdict.NOT_DELIVERED
				: this.classifier.verdict(last);
		if (logger.isDebugEnabled()) {
			String requestId = (last instanceof TelemetryHttpException http) ? http.requestId().orElse(null) : null;
			logger.debug("Telemetry export of " + sent + " logs to " + host + " failed (" + kind
					+ requestIdSuffix(requestId) + "): " + describe(verdict));
		}
		return switch (verdict) {
			case REJECTED -> ExportResult.terminalFailure(sent, status, kind);
			case NOT_DELIVERED -> ExportResult.retriesExhausted(sent, status, kind);
			case OUTCOME_UNKNOWN -> ExportResult.outcomeUnknown(sent, status, kind);
		};
	}

	private static String describe(ExceptionClassifier.Verdict verdict) {
		return switch (verdict) {
			case REJECTED -> "refused, not retried";
			case NOT_DELIVERED -> "not delivered, no retry left";
			case OUTCOME_UNKNOWN -> "may have been delivered, not resent";
		};
	}

	static URI exportUri(URI baseUrl, String path) {
		String base = baseUrl.toString();
		int end = base.length();
		while (end > 0 && base.charAt(end - 1) == '/') {
			end--;
		}
		return URI.create(base.substring(0, end) + path);
	}

	private static String requestIdSuffix(String requestId) {
		return (requestId != null) ? ", x-request-id " + requestId : "";
	}

	private static String hostOf(TelemetryEndpoint endpoint) {
		return (endpoint != null) ? endpoint.host() : "an unknown host";
	}

	/** The telemetry HTTP client was closed before this attempt could start. */
	static final class ClientClosedException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		ClientClosedException() {
			super("Telemetry HTTP client closed", null, false, false);
		}

	}

	/** A 2xx answer: its status, its raw body, and the server's request id for logs. */
	private record Answer(int status, byte[] body, String requestId) {
	}

}
