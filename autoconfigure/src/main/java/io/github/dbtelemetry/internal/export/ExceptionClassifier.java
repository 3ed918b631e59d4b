package io.github.dbtelemetry.internal.export;

import java.io.IOException;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Set;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.security.auth.login.LoginException;

import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * The one definition of what a failure means for talking to a workspace, used twice: for a failed
 * export, whether the batch may be sent again; for a failed JDBC operation, whether it was
 * terminal (the workspace refused the application's credentials), so that the host sends its
 * pending events at once instead of at the next flush. It names the failure with a short kind
 * for results and metrics. Delivery is at most once, so a batch is sent again only when it
 * provably did not reach the server:
 * <ul>
 * <li>{@link Verdict#NOT_DELIVERED}, retried: the connection could not be opened (refused, DNS,
 * connect timeout, TLS handshake), or the server answered that it did not take the batch
 * (408, 429, 503);</li>
 * <li>{@link Verdict#REJECTED}, never retried: the server refused the batch (any other 3xx or
 * 4xx answer) or authentication failed — a retry cannot change that. A JDBC failure says so by
 * its SQLSTATE class 28 (invalid authorization), a vendor code 401 or 403 (the HTTP answer the
 * Databricks driver passes on), or a {@link SecurityException};</li>
 * <li>{@link Verdict#OUTCOME_UNKNOWN}, never retried: the request may have been processed —
 * a timeout or an I/O error once the request was sent, a 5xx other than 503 (a gateway's 502 or
 * 504 says nothing of the server behind it), or a failure it does not recognise.</li>
 * </ul>
 * Exceptions arrive wrapped (a WebClient request exception around a JDK one), so causes are
 * inspected from the outside in, up to {@value #MAX_CAUSE_DEPTH} levels; the first level that is
 * recognised decides.
 */
public final class ExceptionClassifier {

	/** How deep the cause chain is followed; guards against very long or cyclic chains. */
	public static final int MAX_CAUSE_DEPTH = 10;

	/** What a failure says about whether the batch reached the server. */
	public enum Verdict {

		/** It did not reach the server, or the server said it did not take it: a retry is safe. */
		NOT_DELIVERED,

		/** The server refused it, or authentication failed: retrying cannot help. */
		REJECTED,

		/** It may have been processed: retrying could deliver it twice. */
		OUTCOME_UNKNOWN

	}

	// Answers that say the server did not take the request and may later.
	private static final Set<Integer> NOT_TAKEN_STATUSES = Set.of(408, 429, 503);

	// By simple name: Spring Security's and other SDKs' AuthenticationException, and the
	// Databricks SDK's errors for HTTP 401 and 403, which the Databricks JDBC driver carries (in a
	// copy of its own) as the cause when the workspace refuses to open a session.
	private static final Set<String> AUTHENTICATION_FAILURES = Set.of("AuthenticationException", "Unauthenticated",
			"PermissionDenied");

	private static final Classification UNKNOWN = new Classification(Verdict.OUTCOME_UNKNOWN, "unknown", 0);

	/** What the failure says about delivery; {@link Verdict#OUTCOME_UNKNOWN} for {@code null}. */
	public Verdict verdict(Throwable failure) {
		return (failure != null) ? classify(failure).verdict() : Verdict.OUTCOME_UNKNOWN;
	}

	/** Whether the server refused the batch, so that retrying cannot help; {@code false} for {@code null}. */
	public boolean isTerminal(Throwable failure) {
		return failure != null && classify(failure).verdict() == Verdict.REJECTED;
	}

	/** Whether another attempt is safe and may succeed; {@code false} for {@code null}. */
	public boolean isRetryable(Throwable failure) {
		return failure != null && classify(failure).verdict() == Verdict.NOT_DELIVERED;
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

	// Order matters: a connect timeout is a timeout and an I/O error, but one that proves the
	// request was never sent; the TLS handshake likewise comes before any other SSL error.
	private Classification classifyOne(Throwable failure) {
		if (failure instanceof TelemetryHttpException http) {
			return forStatus(http.status());
		}
		if (failure instanceof WebClientResponseException response) {
			return forStatus(response.getStatusCode().value());
		}
		if (isAuthenticationFailure(failure)) {
			return new Classification(Verdict.REJECTED, "auth", 0);
		}
		if (failure instanceof SQLException sql) {
			Classification refused = refusedBySql(sql);
			if (refused != null) {
				return refused;
			}
		}
		if (failure instanceof HttpConnectTimeoutException) {
			return new Classification(Verdict.NOT_DELIVERED, "connect", 0);
		}
		if (failure instanceof UnknownHostException || failure instanceof UnresolvedAddressException) {
			return new Classification(Verdict.NOT_DELIVERED, "dns", 0);
		}
		if (failure instanceof ConnectException) {
			return new Classification(Verdict.NOT_DELIVERED,
					(causedBy(failure, UnresolvedAddressException.class)) ? "dns" : "connect", 0);
		}
		if (failure instanceof SSLHandshakeException) {
			return new Classification(Verdict.NOT_DELIVERED, "tls", 0);
		}
		if (failure instanceof TimeoutException || failure instanceof SocketTimeoutException
				|| failure instanceof HttpTimeoutException) {
			return new Classification(Verdict.OUTCOME_UNKNOWN, "timeout", 0);
		}
		if (failure instanceof SSLException) {
			return new Classification(Verdict.OUTCOME_UNKNOWN, "tls", 0);
		}
		if (failure instanceof IOException) {
			// Connection reset, premature close, broken pipe: the request may have arrived.
			return new Classification(Verdict.OUTCOME_UNKNOWN, "io", 0);
		}
		return null;
	}

	private static Classification forStatus(int status) {
		Verdict verdict;
		if (NOT_TAKEN_STATUSES.contains(status)) {
			verdict = Verdict.NOT_DELIVERED;
		}
		else if (status >= 500) {
			verdict = Verdict.OUTCOME_UNKNOWN;
		}
		else {
			verdict = Verdict.REJECTED;
		}
		return new Classification(verdict, "http_" + status, status);
	}

	// Only refusals: any other SQL failure says nothing of its own, and its causes decide.
	private static Classification refusedBySql(SQLException failure) {
		String state = failure.getSQLState();
		if (failure instanceof SQLInvalidAuthorizationSpecException || (state != null && state.startsWith("28"))) {
			return new Classification(Verdict.REJECTED, "auth", 0);
		}
		int code = failure.getErrorCode();
		if (code == 401 || code == 403) {
			return new Classification(Verdict.REJECTED, "http_" + code, code);
		}
		return null;
	}

	private static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
		Throwable cause = failure.getCause();
		for (int depth = 0; cause != null && depth < MAX_CAUSE_DEPTH; depth++) {
			if (type.isInstance(cause)) {
				return true;
			}
			cause = cause.getCause();
		}
		return false;
	}

	// The JDK's login and SASL/JNDI authentication exceptions, a security manager's refusal, and
	// types named as in AUTHENTICATION_FAILURES, so that those need not be on the class path.
	private static boolean isAuthenticationFailure(Throwable failure) {
		if (failure instanceof LoginException || failure instanceof javax.security.sasl.AuthenticationException
				|| failure instanceof javax.naming.AuthenticationException || failure instanceof SecurityException) {
			return true;
		}
		for (Class<?> type = failure.getClass(); type != null && type != Throwable.class; type = type.getSuperclass()) {
			if (AUTHENTICATION_FAILURES.contains(type.getSimpleName())) {
				return true;
			}
		}
		return false;
	}

	private record Classification(Verdict verdict, String kind, int httpStatus) {
	}

}
