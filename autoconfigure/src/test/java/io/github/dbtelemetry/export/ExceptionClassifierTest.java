package io.github.dbtelemetry.export;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.concurrent.TimeoutException;

import javax.security.auth.login.FailedLoginException;

import io.netty.handler.timeout.ReadTimeoutException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

import static org.assertj.core.api.Assertions.assertThat;

class ExceptionClassifierTest {

	private final ExceptionClassifier classifier = new ExceptionClassifier();

	// The seed's WI-3.1 table, with Java's HTTP client exceptions in place of HttpRequestException.

	@Test
	void isTerminal_401_returnsTrue() {
		assertTerminal(new TelemetryHttpException(401), "http_401");
	}

	@Test
	void isTerminal_403_returnsTrue() {
		assertTerminal(new TelemetryHttpException(403), "http_403");
	}

	@Test
	void isTerminal_400_returnsTrue() {
		assertTerminal(new TelemetryHttpException(400), "http_400");
	}

	@Test
	void isTerminal_404_returnsTrue() {
		assertTerminal(new TelemetryHttpException(404), "http_404");
	}

	@Test
	void isTerminal_authException_returnsTrue() {
		assertTerminal(new FailedLoginException("bad credentials"), "auth");
		assertTerminal(new javax.naming.AuthenticationException("denied"), "auth");
		assertTerminal(new javax.security.sasl.AuthenticationException("denied"), "auth");
		assertTerminal(new AuthenticationException("from some SDK"), "auth");
	}

	@Test
	void isTerminal_429_returnsFalse() {
		assertRetryable(new TelemetryHttpException(429), "http_429");
	}

	@Test
	void isTerminal_503_returnsFalse() {
		assertRetryable(new TelemetryHttpException(503), "http_503");
	}

	@Test
	void isTerminal_500_returnsFalse() {
		assertRetryable(new TelemetryHttpException(500), "http_500");
	}

	@Test
	void isTerminal_timeout_returnsFalse() {
		assertRetryable(new TimeoutException(), "timeout");
		assertRetryable(new SocketTimeoutException("Read timed out"), "timeout");
		assertRetryable(ReadTimeoutException.INSTANCE, "timeout");
		assertRetryable(new io.netty.channel.ConnectTimeoutException("connect timed out"), "timeout");
	}

	@Test
	void isTerminal_networkError_returnsFalse() {
		assertRetryable(new ConnectException("Connection refused"), "connect");
		assertRetryable(new SocketException("Connection reset"), "io");
		assertRetryable(new IOException("Connection reset by peer"), "io");
		assertRetryable(new UnknownHostException("no-such-host.invalid"), "dns");
	}

	@ParameterizedTest
	@ValueSource(ints = { 429, 500, 502, 503, 504 })
	void retryableStatuses(int status) {
		assertRetryable(new TelemetryHttpException(status), "http_" + status);
		assertThat(this.classifier.httpStatus(new TelemetryHttpException(status))).isEqualTo(status);
	}

	@ParameterizedTest
	@ValueSource(ints = { 400, 401, 403, 404 })
	void webClientResponseExceptionUsesItsStatus(int status) {
		WebClientResponseException failure = WebClientResponseException.create(HttpStatusCode.valueOf(status),
				"server text", new HttpHeaders(), "body with secrets".getBytes(), null, null);
		assertTerminal(failure, "http_" + status);
		assertThat(this.classifier.httpStatus(failure)).isEqualTo(status);
	}

	@Test
	void unknownFailureIsRetryable() {
		assertRetryable(new IllegalStateException("something odd"), "unknown");
		assertThat(this.classifier.httpStatus(new IllegalStateException())).isZero();
	}

	@Test
	void nullIsNeitherTerminalNorRetryable() {
		assertThat(this.classifier.isTerminal(null)).isFalse();
		assertThat(this.classifier.isRetryable(null)).isFalse();
		assertThat(this.classifier.failureKind(null)).isEqualTo("unknown");
	}

	@Test
	void causesAreInspectedRecursively() {
		Throwable wrappedTimeout = new WebClientRequestException(
				new RuntimeException(new SocketTimeoutException("Read timed out")), org.springframework.http.HttpMethod.POST,
				java.net.URI.create("https://example.invalid/telemetry-ext"), new HttpHeaders());
		assertRetryable(wrappedTimeout, "timeout");

		Throwable wrappedAuth = new RuntimeException(new IllegalStateException(new FailedLoginException()));
		assertTerminal(wrappedAuth, "auth");

		Throwable wrappedStatus = new RuntimeException(new TelemetryHttpException(403));
		assertTerminal(wrappedStatus, "http_403");
		assertThat(this.classifier.httpStatus(wrappedStatus)).isEqualTo(403);
	}

	@Test
	void outermostRecognisedLevelDecides() {
		// A 503 answer whose exception happens to carry an authentication failure as its cause is
		// still an HTTP 503: what the server said outranks what some layer below noticed.
		WebClientResponseException failure = WebClientResponseException.create(HttpStatusCode.valueOf(503),
				"Service Unavailable", new HttpHeaders(), new byte[0], null, null);
		failure.initCause(new FailedLoginException());
		assertRetryable(new RuntimeException(failure), "http_503");
	}

	@Test
	void recursionIsBounded() {
		Throwable failure = new FailedLoginException();
		for (int i = 0; i < ExceptionClassifier.MAX_CAUSE_DEPTH; i++) {
			failure = new RuntimeException(failure);
		}
		// The terminal cause lies deeper than the bound: unknown, so retryable.
		assertRetryable(failure, "unknown");

		Throwable shallow = new FailedLoginException();
		for (int i = 0; i < ExceptionClassifier.MAX_CAUSE_DEPTH - 1; i++) {
			shallow = new RuntimeException(shallow);
		}
		assertTerminal(shallow, "auth");
	}

	@Test
	void cyclicCauseChainEnds() {
		CyclicException first = new CyclicException();
		CyclicException second = new CyclicException();
		first.cause = second;
		second.cause = first;
		assertRetryable(first, "unknown");
	}

	private void assertTerminal(Throwable failure, String kind) {
		assertThat(this.classifier.isTerminal(failure)).as("terminal: %s", failure).isTrue();
		assertThat(this.classifier.isRetryable(failure)).as("retryable: %s", failure).isFalse();
		assertThat(this.classifier.failureKind(failure)).isEqualTo(kind);
	}

	private void assertRetryable(Throwable failure, String kind) {
		assertThat(this.classifier.isTerminal(failure)).as("terminal: %s", failure).isFalse();
		assertThat(this.classifier.isRetryable(failure)).as("retryable: %s", failure).isTrue();
		assertThat(this.classifier.failureKind(failure)).isEqualTo(kind);
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
