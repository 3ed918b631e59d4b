package io.github.dbtelemetry.internal.export;

import java.io.IOException;
import java.net.Authenticator;
import java.net.CookieHandler;
import java.net.ProxySelector;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandler;
import java.net.http.HttpResponse.PushPromiseHandler;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;

/**
 * The JDK {@link HttpClient} with its asynchronous sends completed on the starter's own threads.
 * <p>
 * The JDK's {@code sendAsync} completes every response on {@code CompletableFuture}'s default
 * executor: the application's common {@code ForkJoinPool}, or, when that pool has a parallelism
 * below two (any JVM that sees two CPUs or fewer, as many containers do), a new thread for every
 * request. Spring's {@code JdkClientHttpConnector} calls {@code sendAsync}. Here it runs the
 * JDK's blocking {@code send} on one of the starter's sender threads instead, which returns once
 * the response headers have arrived (the body is then read by the client's own executor), and
 * cancelling the returned future interrupts that send, which aborts the exchange.
 */
final class OwnThreadsHttpClient extends HttpClient {

	private final HttpClient delegate;

	private final ExecutorService senders;

	OwnThreadsHttpClient(HttpClient delegate, ExecutorService senders) {
		this.delegate = delegate;
		this.senders = senders;
	}

	@Override
	public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, BodyHandler<T> handler) {
		CompletableFuture<HttpResponse<T>> response = new CompletableFuture<>();
		Future<?> sending;
		try {
			sending = this.senders.submit(() -> send(request, handler, response));
		}
		catch (RejectedExecutionException ex) {
			response.completeExceptionally(new IOException("Telemetry HTTP client closed", ex));
			return response;
		}
		response.whenComplete((answer, failure) -> {
			if (response.isCancelled()) {
				sending.cancel(true);
			}
		});
		return response;
	}

	private <T> void send(HttpRequest request, BodyHandler<T> handler, CompletableFuture<HttpResponse<T>> response) {
		if (response.isDone()) {
			return;
		}
		try {
			response.complete(this.delegate.send(request, handler));
		}
		catch (InterruptedException ex) {
			// Cancelled while waiting; the JDK has aborted the exchange.
			response.completeExceptionally(ex);
		}
		catch (Throwable ex) {
			response.completeExceptionally(ex);
		}
	}

	@Override
	public <T> CompletableFuture<HttpResponse<T>> sendAsync(HttpRequest request, BodyHandler<T> handler,
			PushPromiseHandler<T> pushPromiseHandler) {
		// Server push is never asked for by the starter; keep the JDK's own path for it.
		return this.delegate.sendAsync(request, handler, pushPromiseHandler);
	}

	@Override
	public <T> HttpResponse<T> send(HttpRequest request, BodyHandler<T> handler)
			throws IOException, InterruptedException {
		return this.delegate.send(request, handler);
	}

	@Override
	public Optional<CookieHandler> cookieHandler() {
		return this.delegate.cookieHandler();
	}

	@Override
	public Optional<Duration> connectTimeout() {
		return this.delegate.connectTimeout();
	}

	@Override
	public Redirect followRedirects() {
		return this.delegate.followRedirects();
	}

	@Override
	public Optional<ProxySelector> proxy() {
		return this.delegate.proxy();
	}

	@Override
	public SSLContext sslContext() {
		return this.delegate.sslContext();
	}

	@Override
	public SSLParameters sslParameters() {
		return this.delegate.sslParameters();
	}

	@Override
	public Optional<Authenticator> authenticator() {
		return this.delegate.authenticator();
	}

	@Override
	public Version version() {
		return this.delegate.version();
	}

	@Override
	public Optional<Executor> executor() {
		return this.delegate.executor();
	}

	@Override
	public WebSocket.Builder newWebSocketBuilder() {
		return this.delegate.newWebSocketBuilder();
	}

}
