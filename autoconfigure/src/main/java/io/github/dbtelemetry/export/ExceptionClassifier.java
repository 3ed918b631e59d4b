package io.github.dbtelemetry.export;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;
import javax.security.auth.login.LoginException;

import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * Decides whether a failed export may be retried, and names the failure with a short kind for
 * results and metrics. Terminal: HTTP 400, 401, 403, 404 and authentication failures, which a
 * retry cannot fix. Everything else, including failures it does not recognise, is retryable:
 * retries are bounded, and dropping a batch on a first unknown hiccup would lose more than a few
 * extra requests cost.
 * <p>
 * Exceptions arrive wrapped (a WebClient request exception around a Netty one around a JDK one),
 * so causes are inspected from the outside in, up to {@value #MAX_CAUSE_DEPTH} levels; the first
 * level that is recognised decides.
 */
public final class ExceptionClassifier {

	/** How deep the cause chain is followed; guards against very long or cyclic chains. */
	public static final int MAX_CAUSE_DEPTH = 10;

	private static final Set<Integer> TERMINAL_STATUSES = Set.of(400, 401, 403, 404);

	private static final Classification UNKNOWN = new Classification(false, "unknown", 0);

	/** Whether retrying cannot help; {@code false} for {@code null}. */
	public boolean isTerminal(Throwable failure) {
		return failure != null && classify(failure).terminal();
	}

	/** Whether another attempt may succeed; {@code false} for {@code null}. */
	public boolean isRetryable(Throwable failure) {
		return failure != null && !classify(failure).terminal();
	}

	/**
	 * A short name of the failure without any server or exception text: {@code http_<status>},
	 * {@code timeout}, {@code connect}, {@code dns}, {@code tls}, {@code auth}, {@code io} or
	 * {@code unknown}.
	 */
	public String failureKind(Throwable failure) {
		return (failure != null) ? classify(failure).kind() : UNKNOWN.kind();
	}

	/** The HTTP status found in the cause chain, 0 when the failure carries none. */
	public int httpStatus(Throwable failure) {
		return (failure != null) ? classify(failure).httpStatus() : 0;
	}

	private Classification classify(Throwable failure) {
		Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
		Throwable current = failure;
		for (int depth = 0; current != null && depth < MAX_CAUSE_DEPTH && seen.add(current); depth++) {
			Classification classification = classifyOne(current);
			if (classification != null) {
				return classification;
			}
			current = current.getCause();
		}
		return UNKNOWN;
	}

	// Order matters: the timeouts are checked before ConnectException and IOException because
	// some timeout types extend them (Netty's ConnectTimeoutException, SocketTimeoutException).
	private Classification classifyOne(Throwable failure) {
		if (failure instanceof TelemetryHttpException http) {
			return forStatus(http.status());
		}
		if (failure instanceof WebClientResponseException response) {
			return forStatus(response.getStatusCode().value());
		}
		if (isAuthenticationFailure(failure)) {
			return new Classification(true, "auth", 0);
		}
		if (isTimeout(failure)) {
			return new Classification(false, "timeout", 0);
		}
		if (failure instanceof UnknownHostException || failure instanceof UnresolvedAddressException) {
			return new Classification(false, "dns", 0);
		}
		if (failure instanceof ConnectException) {
			return new Classification(false, "connect", 0);
		}
		if (failure instanceof SSLException) {
			return new Classification(false, "tls", 0);
		}
		if (failure instanceof IOException) {
			// Connection reset, premature close, broken pipe: the request may not have arrived.
			return new Classification(false, "io", 0);
		}
		return null;
	}

	private static Classification forStatus(int status) {
		return new Classification(TERMINAL_STATUSES.contains(status), "http_" + status, status);
	}

	private static boolean isTimeout(Throwable failure) {
		return failure instanceof TimeoutException || failure instanceof SocketTimeoutException
				|| failure instanceof HttpTimeoutException || failure instanceof io.netty.handler.timeout.TimeoutException
				|| failure instanceof io.netty.channel.ConnectTimeoutException;
	}

	// The JDK's login and SASL/JNDI authentication exceptions, and any type named
	// AuthenticationException (Spring Security's, an SDK's) so that those need not be on the
	// class path for the check to work.
	private static boolean isAuthenticationFailure(Throwable failure) {
		if (failure instanceof LoginException || failure instanceof javax.security.sasl.AuthenticationException
				|| failure instanceof javax.naming.AuthenticationException) {
			return true;
		}
		for (Class<?> type = failure.getClass(); type != null && type != Throwable.class; type = type.getSuperclass()) {
			if ("AuthenticationException".equals(type.getSimpleName())) {
				return true;
			}
		}
		return false;
	}

	private record Classification(boolean terminal, String kind, int httpStatus) {
	}

}
