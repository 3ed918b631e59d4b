package io.github.dbtelemetry.internal.export;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.security.auth.login.FailedLoginException;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import io.github.dbtelemetry.internal.export.ExceptionClassifier.Verdict;

import static org.assertj.core.api.Assertions.assertThat;

class ExceptionClassifierTests {

	private final ExceptionClassifier classifier = new ExceptionClassifier();

	static Stream<Arguments> failures() {
		return Stream.of(
				// the server answered that it did not take the batch: safe to send again
				Arguments.of(new TelemetryHttpException(429), Verdict.NOT_DELIVERED, "http_429"),
				Arguments.of(new TelemetryHttpException(503), Verdict.NOT_DELIVERED, "http_503"),
				Arguments.of(new TelemetryHttpException(408), Verdict.NOT_DELIVERED, "http_408"),
				// the connection never carried the request
				Arguments.of(new ConnectException("Connection refused"), Verdict.NOT_DELIVERED, "connect"),
				Arguments.of(new HttpConnectTimeoutException("connect timed out"), Verdict.NOT_DELIVERED, "connect"),
				Arguments.of(new UnknownHostException("no-such-host.invalid"), Verdict.NOT_DELIVERED, "dns"),
				Arguments.of(withCause(new ConnectException(), new UnresolvedAddressException()), Verdict.NOT_DELIVERED,
						"dns"),
				Arguments.of(new SSLHandshakeException("untrusted"), Verdict.NOT_DELIVERED, "tls"),
				// the server refused it: a retry cannot change that
				Arguments.of(new TelemetryHttpException(400), Verdict.REJECTED, "http_400"),
				Arguments.of(new TelemetryHttpException(401), Verdict.REJECTED, "http_401"),
				Arguments.of(new TelemetryHttpException(403), Verdict.REJECTED, "http_403"),
				Arguments.of(new TelemetryHttpException(404), Verdict.REJECTED, "http_404"),
				Arguments.of(new TelemetryHttpException(302), Verdict.REJECTED, "http_302"),
				Arguments.of(new TelemetryHttpException(307), Verdict.REJECTED, "http_307"),
				Arguments.of(new FailedLoginException("bad credentials"), Verdict.REJECTED, "auth"),
				Arguments.of(new javax.naming.AuthenticationException("denied"), Verdict.REJECTED, "auth"),
				Arguments.of(new javax.security.sasl.AuthenticationException("denied"), Verdict.REJECTED, "auth"),
				Arguments.of(new AuthenticationException("from some SDK"), Verdict.REJECTED, "auth"),
				// the request may have been processed: never sent twice
				Arguments.of(new TelemetryHttpException(500), Verdict.OUTCOME_UNKNOWN, "http_500"),
				Arguments.of(new TelemetryHttpException(502), Verdict.OUTCOME_UNKNOWN, "http_502"),
				Arguments.of(new TelemetryHttpException(504), Verdict.OUTCOME_UNKNOWN, "http_504"),
				Arguments.of(new TimeoutException(), Verdict.OUTCOME_UNKNOWN, "timeout"),
				Arguments.of(new HttpTimeoutException("request timed out"), Verdict.OUTCOME_UNKNOWN, "timeout"),
				Arguments.of(new SocketTimeoutException("Read timed out"), Verdict.OUTCOME_UNKNOWN, "timeout"),
				Arguments.of(new SocketException("Connection reset"), Verdict.OUTCOME_UNKNOWN, "io"),
				Arguments.of(new IOException("HTTP/1.1 header parser received no bytes"), Verdict.OUTCOME_UNKNOWN,
						"io"),
				Arguments.of(new SSLException("closed after handshake"), Verdict.OUTCOME_UNKNOWN, "tls"),
				Arguments.of(new IllegalStateException("something odd"), Verdict.OUTCOME_UNKNOWN, "unknown"));
	}

	@ParameterizedTest
	@MethodSource("failures")
	void eachFailureSaysWhetherTheBatchCanHaveReachedTheServer(Throwable failure, Verdict verdict, String kind) {
		assertThat(this.classifier.verdict(failure)).isEqualTo(verdict);
		assertThat(this.classifier.isRetryable(failure)).isEqualTo(verdict == Verdict.NOT_DELIVERED);
		assertThat(this.classifier.isTerminal(failure)).isEqualTo(verdict == Verdict.REJECTED);
		assertThat(this.classifier.failureKind(failure)).isEqualTo(kind);
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404, 429, 500, 502, 503, 504 })
	void theHttpStatusIsFoundInTheFailure(int status) {
		assertThat(this.classifier.httpStatus(new TelemetryHttpException(status))).isEqualTo(status);
		assertThat(this.classifier.httpStatus(new RuntimeException(new TelemetryHttpException(status))))
			.isEqualTo(status);
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404 })
	void aWebClientResponseExceptionIsJudgedByItsStatus(int status) {
		WebClientResponseException failure = WebClientResponseException.create(HttpStatusCode.valueOf(status),
				"server text", new HttpHeaders(), "body with secrets".getBytes(), null, null);
		assertThat(this.classifier.verdict(failure)).isEqualTo(Verdict.REJECTED);
		assertThat(this.classifier.failureKind(failure)).isEqualTo("http_" + status);
		assertThat(this.classifier.httpStatus(failure)).isEqualTo(status);
	}

	@Test
	void aFailureWithoutStatusHasStatusZero() {
		assertThat(this.classifier.httpStatus(new IllegalStateException())).isZero();
	}

	@Test
	void nullIsAnUnknownOutcomeAndNeitherTerminalNorRetryable() {
		assertThat(this.classifier.verdict(null)).isEqualTo(Verdict.OUTCOME_UNKNOWN);
		assertThat(this.classifier.isTerminal(null)).isFalse();
		assertThat(this.classifier.isRetryable(null)).isFalse();
		assertThat(this.classifier.failureKind(null)).isEqualTo("unknown");
	}

	@Test
	void causesAreInspectedFromTheOutsideIn() {
		Throwable wrappedConnect = new WebClientRequestException(new RuntimeException(new ConnectException("refused")),
				HttpMethod.POST, URI.create("https://example.invalid/telemetry-ext"), new HttpHeaders());
		assertThat(this.classifier.verdict(wrappedConnect)).isEqualTo(Verdict.NOT_DELIVERED);
		assertThat(this.classifier.failureKind(wrappedConnect)).isEqualTo("connect");

		Throwable wrappedAuth = new RuntimeException(new IllegalStateException(new FailedLoginException()));
		assertThat(this.classifier.verdict(wrappedAuth)).isEqualTo(Verdict.REJECTED);
	}

	@Test
	void theOutermostRecognisedLevelDecides() {
		// A 503 answer whose exception happens to carry an authentication failure as its cause is
		// still an HTTP 503: what the server said outranks what some layer below noticed.
		WebClientResponseException failure = WebClientResponseException.create(HttpStatusCode.valueOf(503),
				"Service Unavailable", new HttpHeaders(), new byte[0], null, null);
		failure.initCause(new FailedLoginException());
		assertThat(this.classifier.verdict(new RuntimeException(failure))).isEqualTo(Verdict.NOT_DELIVERED);
		assertThat(this.classifier.failureKind(new RuntimeException(failure))).isEqualTo("http_503");
	}

	@Test
	void theCauseChainIsFollowedOnlySoDeep() {
		Throwable deep = new FailedLoginException();
		for (int i = 0; i < ExceptionClassifier.MAX_CAUSE_DEPTH; i++) {
			deep = new RuntimeException(deep);
		}
		assertThat(this.classifier.verdict(deep)).isEqualTo(Verdict.OUTCOME_UNKNOWN);

		Throwable shallow = new FailedLoginException();
		for (int i = 0; i < ExceptionClassifier.MAX_CAUSE_DEPTH - 1; i++) {
			shallow = new RuntimeException(shallow);
		}
		assertThat(this.classifier.verdict(shallow)).isEqualTo(Verdict.REJECTED);
	}

	@Test
	void aCyclicCauseChainEnds() {
		CyclicException first = new CyclicException();
		CyclicException second = new CyclicException();
		first.cause = second;
		second.cause = first;
		assertThat(this.classifier.verdict(first)).isEqualTo(Verdict.OUTCOME_UNKNOWN);
		assertThat(this.classifier.failureKind(first)).isEqualTo("unknown");
	}

	private static Throwable withCause(Throwable failure, Throwable cause) {
		failure.initCause(cause);
		return failure;
	}

	/** Stands for an authentication exception of a library that is not on the class path. */
	static final class AuthenticationException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		AuthenticationException(String message) {
			super(message);
		}

	}

	/** getCause() is overridable; a chain can loop even though initCause forbids it. */
	static final class CyclicException extends RuntimeException {

		private static final long serialVersionUID = 1L;

		Throwable cause;

		@Override
		public synchronized Throwable getCause() {
			return this.cause;
		}

	}

}
