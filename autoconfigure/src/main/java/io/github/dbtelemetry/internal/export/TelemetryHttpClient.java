package io.github.dbtelemetry.internal.export;

import java.lang.reflect.Method;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;
import reactor.util.context.Context;

import org.springframework.boot.http.client.HttpClientSettings;
import org.springframework.boot.http.client.HttpRedirects;
import org.springframework.boot.http.client.JdkHttpClientBuilder;
import org.springframework.http.client.reactive.JdkClientHttpConnector;
import org.springframework.web.reactive.function.client.WebClient;

/**
 * The HTTP resources of the starter, used for every request it makes (export, feature flag,
 * OAuth token) and released by {@link #close()}: a {@link WebClient} on the JDK
 * {@link HttpClient}, the threads that client runs on, and the timer that delays retries and
 * ends attempts.
 * <p>
 * Nothing here is shared with the application: the application's own {@code WebClient},
 * {@code RestClient} and Reactor's global schedulers are neither used nor created, so adding
 * the starter changes no HTTP client of the application and leaves no thread behind. The
 * application's {@link HttpClientSettings} ({@code spring.http.clients.*}) still give the SSL
 * bundle; the starter sets the timeouts and never follows a redirect, so a 3xx is an answer and
 * credentials never travel to a host the redirect names.
 */
public final class TelemetryHttpClient implements AutoCloseable {

	/** Threads that run the HTTP client's work are named with this prefix and a number. */
	public static final String HTTP_THREAD_PREFIX = "databricks-telemetry-http-";

	/** Threads that wait for a request's response headers are named with this prefix and a number. */
	public static final String SENDER_THREAD_PREFIX = "databricks-telemetry-sender-";

	/** The thread that times retries and attempts is named with this prefix. */
	public static final String TIMER_THREAD_PREFIX = "databricks-telemetry-timer";

	private static final Log logger = LogFactory.getLog(TelemetryHttpClient.class);

	private static final Context QUIET_AFTER_CANCEL = Context.of("reactor.onErrorDropped.local",
			(Consumer<Throwable>) (ex) -> logger.debug("Telemetry request ended after it was cancelled: "
					+ ex.getClass().getName()));

	private static final Duration TIMER_TICK = Duration.ofSeconds(1);

	// Telemetry needs little concurrency: one export per host at a time, a flag call now and then.
	private static final int HTTP_THREADS = 2;

	// Each request in flight holds a sender until its response headers arrive (at most the
	// response timeout); more wait their turn, which their attempt's timeout also bounds.
	private static final int SENDER_THREADS = 4;

	// Null when the WebClient is the caller's (see #of): then its resources are the caller's too.
	private final @Nullable ThreadPoolExecutor executor;

	private final @Nullable ThreadPoolExecutor senders;

	private final HttpClient httpClient;

	private final Scheduler timer;

	private final WebClient webClient;

	private final Duration connectTimeout;

	private final Duration responseTimeout;

	private volatile boolean closed;

	private TelemetryHttpClient(HttpClientSettings settings, Duration connectTimeout, Duration responseTimeout) {
		this.connectTimeout = connectTimeout;
		this.responseTimeout = responseTimeout;
		this.executor = new ThreadPoolExecutor(HTTP_THREADS, HTTP_THREADS, 10, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), daemonThreads(HTTP_THREAD_PREFIX));
		this.executor.allowCoreThreadTimeOut(true);
		this.httpClient = new JdkHttpClientBuilder().withExecutor(this.executor)
			.build(settings.withRedirects(HttpRedirects.DONT_FOLLOW)
				.withConnectTimeout(connectTimeout)
				.withReadTimeout(null));
		this.senders = new ThreadPoolExecutor(SENDER_THREADS, SENDER_THREADS, 10, TimeUnit.SECONDS,
				new LinkedBlockingQueue<>(), daemonThreads(SENDER_THREAD_PREFIX));
		this.senders.allowCoreThreadTimeOut(true);
		JdkClientHttpConnector connector = new JdkClientHttpConnector(
				new OwnThreadsHttpClient(this.httpClient, this.senders));
		// Bounds the wait for the response headers once the request is sent, per request.
		connector.setReadTimeout(responseTimeout);
		this.webClient = WebClient.builder().clientConnector(connector).build();
		this.timer = newTimer();
	}

	private TelemetryHttpClient(WebClient webClient, Duration connectTimeout, Duration responseTimeout) {
		this.connectTimeout = connectTimeout;
		this.responseTimeout = responseTimeout;
		this.executor = null;
		this.senders = null;
		this.httpClient = null;
		this.webClient = webClient;
		this.timer = newTimer();
	}

	/**
	 * A timer whose next deadline is never more than {@link #TIMER_TICK} away. Its executor wakes
	 * its thread whenever a task becomes the earliest deadline; every attempt arms a timeout, and
	 * each of those woke the thread only for it to wait again (about 20 µs of CPU per request,
	 * measured). Behind a deadline a second away, a timeout of several seconds is never the
	 * earliest, so arming and cancelling it wakes nothing; the tick costs one wake-up a second.
	 */
	private static Scheduler newTimer() {
		Scheduler timer = Schedulers.newSingle(TIMER_THREAD_PREFIX, true);
		long tick = TIMER_TICK.toMillis();
		timer.schedulePeriodically(() -> {
		}, tick, tick, TimeUnit.MILLISECONDS);
		return timer;
	}

	/**
	 * Requests made with a {@link WebClient} the caller owns and closes (a custom transport, a
	 * test's stub); {@link #close()} then releases only the starter's timer.
	 */
	public static TelemetryHttpClient of(WebClient webClient, Duration connectTimeout, Duration responseTimeout) {
		return new TelemetryHttpClient(Objects.requireNonNull(webClient, "webClient"),
				Objects.requireNonNull(connectTimeout, "connectTimeout"),
				Objects.requireNonNull(responseTimeout, "responseTimeout"));
	}

	/**
	 * @param applicationSettings the application's HTTP client settings (for its SSL bundle), or
	 * {@code null} for the JDK's defaults
	 * @param connectTimeout the longest a connect to the workspace may take
	 * @param responseTimeout the longest one request may wait for its response once sent
	 */
	public static TelemetryHttpClient create(HttpClientSettings applicationSettings, Duration connectTimeout,
			Duration responseTimeout) {
		Objects.requireNonNull(connectTimeout, "connectTimeout");
		Objects.requireNonNull(responseTimeout, "responseTimeout");
		HttpClientSettings settings = (applicationSettings != null) ? applicationSettings
				: HttpClientSettings.defaults();
		return new TelemetryHttpClient(settings, connectTimeout, responseTimeout);
	}

	/** The client for every request of the starter; not observed, no application filters. */
	public WebClient webClient() {
		return this.webClient;
	}

	/** The starter's own timer for retry delays and timeouts (never Reactor's global ones). */
	public Scheduler timer() {
		return this.timer;
	}

	/** The longest one request may take from connecting to its response headers. */
	public Duration requestTimeout() {
		return this.connectTimeout.plus(this.responseTimeout);
	}

	/**
	 * Subscribes to a request of the starter. Cancelling the returned future aborts the exchange;
	 * the JDK then still reports the cancellation, which Reactor would log as an ERROR
	 * ("onErrorDropped") in the application's log. A subscriber-local hook (Reactor's context key,
	 * not its global {@code Hooks}) keeps that at DEBUG: a cancelled telemetry request is expected.
	 */
	public <T> CompletableFuture<T> start(Mono<T> request) {
		return request.contextWrite(QUIET_AFTER_CANCEL).toFuture();
	}

	/** Whether {@link #close()} was called: no request may start any more. */
	public boolean isClosed() {
		return this.closed;
	}

	/** How many sends are waiting for their response headers now. */
	int sendsWaiting() {
		return (this.senders != null) ? this.senders.getActiveCount() : 0;
	}

	HttpClient httpClient() {
		return this.httpClient;
	}

	/**
	 * Aborts what is still running and releases the threads and connections. The JDK closes an
	 * {@link HttpClient}'s connections and its selector thread on {@code shutdownNow()} from Java
	 * 21; on Java 17, which has no such method, they end when the client is garbage collected,
	 * once nothing refers to this object any more.
	 */
	@Override
	public void close() {
		if (this.closed) {
			return;
		}
		this.closed = true;
		if (this.httpClient != null) {
			shutdownNow(this.httpClient);
		}
		this.timer.dispose();
		if (this.senders != null) {
			// Interrupting a send aborts its exchange.
			this.senders.shutdownNow();
		}
		if (this.executor != null) {
			this.executor.shutdownNow();
		}
	}

	private static void shutdownNow(HttpClient client) {
		try {
			Method shutdownNow = HttpClient.class.getMethod("shutdownNow");
			shutdownNow.invoke(client);
		}
		catch (NoSuchMethodException ex) {
			// Java 17: the client ends with its last reference
		}
		catch (ReflectiveOperationException | RuntimeException ex) {
			logger.debug("Could not shut the telemetry HTTP client down: " + ex.getClass().getName());
		}
	}

	private static ThreadFactory daemonThreads(String prefix) {
		AtomicInteger counter = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + counter.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

}
