package io.github.dbtelemetry;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import javax.sql.DataSource;

import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.http.client.HttpClientSettings;

import io.github.dbtelemetry.auth.DatabricksCredentialsProvider;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.internal.auth.OAuthClientCredentials;
import io.github.dbtelemetry.internal.databricks.DatabricksDriverIds;
import io.github.dbtelemetry.internal.databricks.DriverVersions;
import io.github.dbtelemetry.internal.databricks.JdbcUrlMatcher;
import io.github.dbtelemetry.internal.event.IdGenerator;
import io.github.dbtelemetry.internal.event.SystemConfigurations;
import io.github.dbtelemetry.internal.event.TelemetryEventBuilder;
import io.github.dbtelemetry.internal.export.CircuitBreakers;
import io.github.dbtelemetry.internal.export.DatabricksTelemetryExporter;
import io.github.dbtelemetry.internal.export.ExportRetrySettings;
import io.github.dbtelemetry.internal.export.TelemetryHttpClient;
import io.github.dbtelemetry.internal.export.TelemetryPayloadSerializer;
import io.github.dbtelemetry.internal.host.CompositeTelemetryPipelineListener;
import io.github.dbtelemetry.internal.host.FeatureFlagFetcher;
import io.github.dbtelemetry.internal.host.FeatureFlagSettings;
import io.github.dbtelemetry.internal.host.HostSettings;
import io.github.dbtelemetry.internal.host.TelemetryThreads;
import io.github.dbtelemetry.internal.host.WorkspaceHost;
import io.github.dbtelemetry.internal.host.WorkspaceHosts;
import io.github.dbtelemetry.internal.jdbc.DataSourceTelemetry;
import io.github.dbtelemetry.internal.jdbc.DataSourceTelemetryFactory;
import io.github.dbtelemetry.internal.jdbc.TelemetryDataSource;
import io.github.dbtelemetry.internal.jdbc.TypePreservingDataSource;
import io.github.dbtelemetry.observation.ConnectionObservationConvention;
import io.github.dbtelemetry.observation.StatementObservationConvention;
import io.github.dbtelemetry.pipeline.ExportMode;
import io.github.dbtelemetry.pipeline.HostSnapshot;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;
import io.micrometer.observation.ObservationRegistry;

/**
 * The Databricks SQL telemetry engine: it instruments data sources, turns their statements into
 * telemetry events and exports them to each workspace host. One instance per application; the
 * Spring Boot auto-configuration makes it from {@code databricks.telemetry.*}, and code without
 * Spring makes it with {@link #builder()}:
 * <pre class="code">
 * DatabricksTelemetry telemetry = DatabricksTelemetry.builder()
 *     .observationRegistry(observationRegistry)
 *     .build();
 * DataSource dataSource = telemetry.instrument(pool, "warehouse");
 * ...
 * telemetry.close(); // flushes what is pending, within the shutdown timeout
 * </pre>
 * Telemetry never hurts the application: no exception reaches a JDBC caller, no I/O happens on
 * a caller's thread, memory is bounded while a workspace is unreachable, and SQL text,
 * parameters, result values and credentials never leave the process.
 *
 * @since 0.1.0
 */
public final class DatabricksTelemetry implements AutoCloseable {

	private final Builder settings;

	private final @Nullable CircuitBreakers breakers;

	private final Object lifecycle = new Object();

	// Made at the first use of an instrumented data source: until then no thread, no task and
	// no HTTP client exists, so an application whose Databricks data source is never used (or
	// that has none) carries nothing of the starter but its beans.
	private volatile @Nullable Running running;

	private volatile boolean closed;

	private DatabricksTelemetry(Builder builder) {
		this.settings = builder.copy();
		this.breakers = builder.circuitBreakerEnabled ? new CircuitBreakers(builder.failureThreshold,
				builder.openDuration, builder.successThreshold, builder.clock) : null;
	}

	/**
	 * The engine's threads, HTTP client and hosts, started on first use. Starting does no I/O:
	 * it makes a thread pool and an HTTP client, and requests begin only when a host is used.
	 */
	private Running running() {
		Running current = this.running;
		if (current != null) {
			return current;
		}
		synchronized (this.lifecycle) {
			if (this.closed) {
				throw new IllegalStateException("Databricks telemetry is closed");
			}
			if (this.running == null) {
				this.running = new Running(this.settings, this.breakers);
			}
			return this.running;
		}
	}

	/** What runs once an instrumented data source is used. */
	private static final class Running {

		private final TelemetryThreads threads;

		private final TelemetryHttpClient http;

		private final WorkspaceHosts hosts;

		private final DataSourceTelemetryFactory dataSources;

		Running(Builder builder, @Nullable CircuitBreakers breakers) {
			this.threads = new TelemetryThreads(1);
			this.http = TelemetryHttpClient.create(builder.httpClientSettings, builder.connectTimeout,
					builder.responseTimeout);
			try {
				TelemetryPipelineListener listener = CompositeTelemetryPipelineListener.of(builder.listeners);
				TelemetryEventBuilder events = new TelemetryEventBuilder(
						SystemConfigurations.forApplication(builder.applicationName),
						SystemConfigurations.userAgent(null), builder.clock, IdGenerator.RANDOM);
				HostSettings hostSettings = HostSettings.builder(exporter(builder, this.http), this.threads.scheduler())
					.events(events)
					.batchSize(builder.batchSize)
					.maxBatchSize(builder.effectiveMaxBatchSize())
					.flushInterval(builder.flushInterval)
					.maxPendingEvents(builder.maxPendingEvents)
					.shutdownTimeout(builder.shutdownTimeout)
					.allowInsecure(builder.allowInsecureEndpoint)
					.breakers(breakers)
					.featureFlags(featureFlags(builder, this.http))
					.listener(listener)
					.clock(builder.clock)
					.warnInterval(builder.warnInterval)
					.build();
				this.hosts = new WorkspaceHosts(hostSettings, builder.maxHosts, builder.featureFlagRefreshPeriod);
				DataSourceTelemetryFactory.Settings settings = new DataSourceTelemetryFactory.Settings(
						new JdbcUrlMatcher(builder.urlPrefixes), builder.exportMode, builder.endpoint,
						builder.workspaceId, builder.credentialsProvider,
						new OAuthClientCredentials.Factory(this.http, builder.clock, builder.allowInsecureEndpoint));
				DataSourceTelemetry.Observations observations = new DataSourceTelemetry.Observations(
						builder.observationRegistry, builder.statementConvention, builder.connectionConvention,
						DatabricksDriverIds.sessionIds((connection) -> IdGenerator.RANDOM.next()),
						builder.recordSqlText, builder.observeCheckouts);
				this.dataSources = new DataSourceTelemetryFactory(settings, this.hosts, observations);
			}
			catch (RuntimeException | Error ex) {
				this.http.close();
				this.threads.close();
				throw ex;
			}
		}

		void close() {
			try {
				this.dataSources.reportSessionsEndedByClosedPools();
				this.hosts.close();
			}
			finally {
				this.http.close();
				this.threads.close();
			}
		}

		private static TelemetryExporter exporter(Builder builder, TelemetryHttpClient http) {
			if (builder.exporter != null) {
				return builder.exporter;
			}
			ExportRetrySettings retry = new ExportRetrySettings(builder.maxRetries, builder.retryDelay,
					builder.retryMaxDelay, builder.connectTimeout, builder.responseTimeout);
			return new DatabricksTelemetryExporter(http, new TelemetryPayloadSerializer(), retry,
					SystemConfigurations.userAgent(null));
		}

		private static @Nullable FeatureFlagFetcher featureFlags(Builder builder, TelemetryHttpClient http) {
			if (builder.forceEnable) {
				return null;
			}
			String version = (builder.featureFlagVersion != null) ? builder.featureFlagVersion
					: DriverVersions.featureFlagVersion();
			return new FeatureFlagFetcher(http, new FeatureFlagSettings(builder.featureFlagDriver, version,
					builder.featureFlagName, builder.featureFlagCacheTtl, http.requestTimeout()),
					builder.allowInsecureEndpoint);
		}

	}

	/** A builder with the defaults of the Databricks JDBC driver's telemetry. */
	public static Builder builder() {
		return new Builder();
	}

	/**
	 * Wraps a data source so that its connections report telemetry. Whether it is instrumented
	 * is decided from its JDBC URL: read from the first connection's metadata (no server call).
	 * The returned data source is of {@code dataSource}'s own class where that class can be
	 * subclassed, so that it can still be injected or cast as such; its other methods act on
	 * {@code dataSource}. Closing it releases its telemetry and closes {@code dataSource}.
	 * @param dataSource the data source to instrument
	 * @param name its name in observations and logs (a bean name)
	 * @return the instrumented data source
	 */
	public DataSource instrument(DataSource dataSource, String name) {
		return instrument(dataSource, name, null, () -> this);
	}

	/**
	 * Wraps a data source whose engine is made later, at its first connection: for a bean
	 * post-processor, which must not create the engine (and what it depends on) while beans
	 * are still being post-processed.
	 * @param dataSource the data source to instrument
	 * @param name its name in observations and logs (a bean name)
	 * @param jdbcUrl its JDBC URL when the pool's configuration tells it, else {@code null}
	 * @param engine supplies the engine at the first connection
	 * @return the instrumented data source
	 */
	public static DataSource instrument(DataSource dataSource, String name, @Nullable String jdbcUrl,
			Supplier<DatabricksTelemetry> engine) {
		Objects.requireNonNull(dataSource, "dataSource");
		Objects.requireNonNull(name, "name");
		Objects.requireNonNull(engine, "engine");
		TelemetryDataSource telemetry = new TelemetryDataSource(dataSource, name, jdbcUrl,
				() -> engine.get().running().dataSources);
		// Keeps the data source's own type where it can: an application may inject the pool by its
		// class (HikariDataSource) or cast to it.
		return TypePreservingDataSource.of(dataSource, telemetry);
	}

	/** Whether a data source was made by {@code instrument}, directly or behind another wrapper. */
	public static boolean isInstrumented(DataSource dataSource) {
		return TelemetryDataSource.isInstrumented(dataSource);
	}

	/** The state of every workspace host in use, by host name. */
	public List<HostSnapshot> hosts() {
		Running current = this.running;
		return (current != null) ? current.hosts.snapshots() : List.of();
	}

	/** Whether the engine has started: an instrumented data source has been used. */
	public boolean isStarted() {
		return this.running != null;
	}

	/**
	 * Exports what is pending for every host now, without waiting for the flush interval.
	 * @return completes when those exports have ended
	 */
	public CompletableFuture<Void> flush() {
		Running current = this.running;
		if (current == null) {
			return CompletableFuture.completedFuture(null);
		}
		return CompletableFuture.allOf(
				current.hosts.hosts().stream().map(WorkspaceHost::flush).toArray(CompletableFuture[]::new));
	}

	/**
	 * The circuit breakers of the hosts in use, for Resilience4j's Micrometer binder; a host's
	 * breaker leaves the registry when the host is released. {@code null} when breakers are off.
	 */
	public @Nullable CircuitBreakerRegistry circuitBreakerRegistry() {
		return (this.breakers != null) ? this.breakers.registry() : null;
	}

	/**
	 * Flushes what is pending within the shutdown timeout, counts the rest as dropped, and stops
	 * the engine's threads. Data sources instrumented by it stay usable; they no longer export.
	 */
	@Override
	public void close() {
		Running current;
		synchronized (this.lifecycle) {
			if (this.closed) {
				return;
			}
			this.closed = true;
			current = this.running;
		}
		if (current != null) {
			current.close();
		}
	}

	/**
	 * Builds a {@link DatabricksTelemetry}. Every setting has the default of the Databricks JDBC
	 * driver's telemetry; values are checked by {@link #build()}, which names the setting that
	 * is wrong.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private static final Duration MAX_FLUSH_INTERVAL = Duration.ofHours(1);

		private static final Duration MAX_DELAY_OR_TIMEOUT = Duration.ofMinutes(10);

		// OpenTelemetry's batch span processor sends up to 512 spans a request; 500 of the
		// driver's events make a body of about 650 KB
		private static final int DEFAULT_MAX_BATCH_SIZE = 500;

		private static final Duration MAX_OPEN_DURATION_OR_TTL = Duration.ofDays(1);

		private String settingNamePrefix = "";

		private boolean forceEnable;

		private int batchSize = 100;

		// null: DEFAULT_MAX_BATCH_SIZE, or the batch size when that is larger
		private @Nullable Integer maxBatchSize;

		private Duration flushInterval = Duration.ofSeconds(5);

		private int maxPendingEvents = 10_000;

		private int maxHosts = 32;

		private int maxRetries = 3;

		private Duration retryDelay = Duration.ofMillis(100);

		private Duration retryMaxDelay = Duration.ofSeconds(10);

		private Duration connectTimeout = Duration.ofSeconds(5);

		private Duration responseTimeout = Duration.ofSeconds(10);

		private Duration shutdownTimeout = Duration.ofSeconds(5);

		private Duration warnInterval = Duration.ofMinutes(15);

		private @Nullable URI endpoint;

		private boolean allowInsecureEndpoint;

		private @Nullable Long workspaceId;

		private boolean circuitBreakerEnabled = true;

		private int failureThreshold = 5;

		private Duration openDuration = Duration.ofMinutes(1);

		private int successThreshold = 1;

		private List<String> urlPrefixes = List.of("jdbc:databricks:", "jdbc:spark:");

		private ExportMode exportMode = ExportMode.AUTO;

		private boolean recordSqlText;

		private boolean observeCheckouts;

		private String featureFlagDriver = FeatureFlagSettings.DEFAULT_DRIVER_NAME;

		private @Nullable String featureFlagVersion;

		private String featureFlagName = FeatureFlagSettings.DEFAULT_FLAG_NAME;

		private Duration featureFlagCacheTtl = FeatureFlagSettings.DEFAULT_CACHE_TTL;

		// Only expired answers are fetched again; this is how often expiry is checked.
		private Duration featureFlagRefreshPeriod = Duration.ofSeconds(30);

		private ObservationRegistry observationRegistry = ObservationRegistry.NOOP;

		private @Nullable StatementObservationConvention statementConvention;

		private @Nullable ConnectionObservationConvention connectionConvention;

		private @Nullable DatabricksCredentialsProvider credentialsProvider;

		private @Nullable HttpClientSettings httpClientSettings;

		private @Nullable TelemetryExporter exporter;

		private final List<TelemetryPipelineListener> listeners = new ArrayList<>();

		private @Nullable String applicationName;

		private Clock clock = Clock.systemUTC();

		private Builder() {
		}

		// What build() hands the engine: later changes to this builder do not reach it.
		private Builder copy() {
			Builder copy = new Builder();
			copy.settingNamePrefix = this.settingNamePrefix;
			copy.forceEnable = this.forceEnable;
			copy.batchSize = this.batchSize;
			copy.maxBatchSize = this.maxBatchSize;
			copy.flushInterval = this.flushInterval;
			copy.maxPendingEvents = this.maxPendingEvents;
			copy.maxHosts = this.maxHosts;
			copy.maxRetries = this.maxRetries;
			copy.retryDelay = this.retryDelay;
			copy.retryMaxDelay = this.retryMaxDelay;
			copy.connectTimeout = this.connectTimeout;
			copy.responseTimeout = this.responseTimeout;
			copy.shutdownTimeout = this.shutdownTimeout;
			copy.warnInterval = this.warnInterval;
			copy.endpoint = this.endpoint;
			copy.allowInsecureEndpoint = this.allowInsecureEndpoint;
			copy.workspaceId = this.workspaceId;
			copy.circuitBreakerEnabled = this.circuitBreakerEnabled;
			copy.failureThreshold = this.failureThreshold;
			copy.openDuration = this.openDuration;
			copy.successThreshold = this.successThreshold;
			copy.urlPrefixes = this.urlPrefixes;
			copy.exportMode = this.exportMode;
			copy.recordSqlText = this.recordSqlText;
			copy.observeCheckouts = this.observeCheckouts;
			copy.featureFlagDriver = this.featureFlagDriver;
			copy.featureFlagVersion = this.featureFlagVersion;
			copy.featureFlagName = this.featureFlagName;
			copy.featureFlagCacheTtl = this.featureFlagCacheTtl;
			copy.featureFlagRefreshPeriod = this.featureFlagRefreshPeriod;
			copy.observationRegistry = this.observationRegistry;
			copy.statementConvention = this.statementConvention;
			copy.connectionConvention = this.connectionConvention;
			copy.credentialsProvider = this.credentialsProvider;
			copy.httpClientSettings = this.httpClientSettings;
			copy.exporter = this.exporter;
			copy.listeners.addAll(this.listeners);
			copy.applicationName = this.applicationName;
			copy.clock = this.clock;
			return copy;
		}

		/**
		 * How settings are named in the errors of {@link #build()}: their names (such as
		 * {@code batch-size}) are prefixed with this, for example the configuration property
		 * prefix they were bound from.
		 */
		public Builder settingNamePrefix(String prefix) {
			this.settingNamePrefix = Objects.requireNonNull(prefix, "prefix");
			return this;
		}

		/** Export without asking the workspace's feature flag (the driver's ForceEnableTelemetry). */
		public Builder forceEnable(boolean forceEnable) {
			this.forceEnable = forceEnable;
			return this;
		}

		/**
		 * Pending events that start an export (1 to 10000, default 100). The export sends them,
		 * and whatever else is pending up to {@link #maxBatchSize(Integer)}, and goes on while a
		 * batch is pending. Once exports have sent something, the host's own thread looks for the
		 * next batch within 50 ms, so that the statement completing a batch does not have to wake
		 * it; half of {@link #maxPendingEvents(int)} pending wakes it at once.
		 */
		public Builder batchSize(int batchSize) {
			this.batchSize = batchSize;
			return this;
		}

		/**
		 * The most events one export request carries (1 to 10000, not below the batch size;
		 * default 500, or the batch size when that is larger). Events that accumulate while an
		 * export is in flight go out together, up to this, so that an application with many
		 * statements a second sends fewer, larger requests, each costing the same fixed work.
		 * {@code null} restores the default.
		 */
		public Builder maxBatchSize(@Nullable Integer maxBatchSize) {
			this.maxBatchSize = maxBatchSize;
			return this;
		}

		/** The most events one request carries, the default applied. */
		int effectiveMaxBatchSize() {
			return (this.maxBatchSize != null) ? this.maxBatchSize
					: Math.max(DEFAULT_MAX_BATCH_SIZE, this.batchSize);
		}

		/** Time between periodic exports of what is pending (at most 1 hour, default 5 s). */
		public Builder flushInterval(Duration flushInterval) {
			this.flushInterval = flushInterval;
			return this;
		}

		/** Events kept per host while they cannot be exported; further ones are dropped and counted. */
		public Builder maxPendingEvents(int maxPendingEvents) {
			this.maxPendingEvents = maxPendingEvents;
			return this;
		}

		/** Workspace hosts in use at once; data sources of further hosts are not exported (default 32). */
		public Builder maxHosts(int maxHosts) {
			this.maxHosts = maxHosts;
			return this;
		}

		/** Extra attempts for an export that provably did not reach the workspace (0 to 10, default 3). */
		public Builder maxRetries(int maxRetries) {
			this.maxRetries = maxRetries;
			return this;
		}

		/** First backoff delay between attempts; it grows exponentially, with jitter (default 100 ms). */
		public Builder retryDelay(Duration retryDelay) {
			this.retryDelay = retryDelay;
			return this;
		}

		/** Longest wait between attempts, also the cap on a server's Retry-After (default 10 s). */
		public Builder retryMaxDelay(Duration retryMaxDelay) {
			this.retryMaxDelay = retryMaxDelay;
			return this;
		}

		/** Connect timeout of every request (export, feature flag, OAuth token; default 5 s). */
		public Builder connectTimeout(Duration connectTimeout) {
			this.connectTimeout = connectTimeout;
			return this;
		}

		/** How long one request may wait for its response once sent (default 10 s). */
		public Builder responseTimeout(Duration responseTimeout) {
			this.responseTimeout = responseTimeout;
			return this;
		}

		/** How long {@link DatabricksTelemetry#close()} may spend exporting what is pending (default 5 s). */
		public Builder shutdownTimeout(Duration shutdownTimeout) {
			this.shutdownTimeout = shutdownTimeout;
			return this;
		}

		/**
		 * How often a host whose export keeps failing (credentials rejected, breaker open for
		 * longer than its open duration, feature flag unreadable) is repeated at WARN, under the
		 * logger {@code io.github.dbtelemetry.workspace}; zero never warns (default 15 min).
		 */
		public Builder warnInterval(Duration warnInterval) {
			this.warnInterval = warnInterval;
			return this;
		}

		/** Base URL replacing {@code https://{workspace-host}} for export and feature flags. */
		public Builder endpoint(@Nullable URI endpoint) {
			this.endpoint = endpoint;
			return this;
		}

		/** Whether a credential may be sent to a plain {@code http://} endpoint (default no). */
		public Builder allowInsecureEndpoint(boolean allowInsecureEndpoint) {
			this.allowInsecureEndpoint = allowInsecureEndpoint;
			return this;
		}

		/** The workspace id to report; else read from Azure host names or the workspace's answer. */
		public Builder workspaceId(@Nullable Long workspaceId) {
			this.workspaceId = workspaceId;
			return this;
		}

		/**
		 * The per-host circuit breaker in front of the exporter.
		 * @param enabled whether exports go through a breaker (default yes)
		 * @param failureThreshold consecutive failed exports that open it (1 to 1000, default 5)
		 * @param openDuration how long it rejects exports before a trial (at most 1 day, default 1 min)
		 * @param successThreshold successful trials that close it again (1 to 100, default 1)
		 */
		public Builder circuitBreaker(boolean enabled, int failureThreshold, Duration openDuration,
				int successThreshold) {
			this.circuitBreakerEnabled = enabled;
			this.failureThreshold = failureThreshold;
			this.openDuration = openDuration;
			this.successThreshold = successThreshold;
			return this;
		}

		/** JDBC URL prefixes of the data sources to instrument (default Databricks and Spark). */
		public Builder urlPrefixes(List<String> urlPrefixes) {
			this.urlPrefixes = List.copyOf(urlPrefixes);
			return this;
		}

		/** When events are exported rather than only observed locally (default {@code AUTO}). */
		public Builder exportMode(ExportMode exportMode) {
			this.exportMode = Objects.requireNonNull(exportMode, "exportMode");
			return this;
		}

		/** Put SQL text on statement observations for local tracing; it is never exported. */
		public Builder recordSqlText(boolean recordSqlText) {
			this.recordSqlText = recordSqlText;
			return this;
		}

		/**
		 * Observe every checkout from a pool as {@code databricks.connection}, for a trace that
		 * shows each wait for the pool; by default (false) only a checkout that hands out a new
		 * session is, and waiting for a pool is left to the pool's own metrics. A data source
		 * without a pool has each connection observed either way: getting one opens a session.
		 */
		public Builder observeCheckouts(boolean observeCheckouts) {
			this.observeCheckouts = observeCheckouts;
			return this;
		}

		/**
		 * The workspace's feature flag that decides whether it wants telemetry.
		 * @param driver driver name in the feature-flag URL (default {@code OSS_JDBC})
		 * @param version driver version in the feature-flag URL, or {@code null} for the
		 * Databricks JDBC driver's on the classpath, else this starter's
		 * @param name name of the flag that enables telemetry
		 * @param cacheTtl how long an answer is used when the server does not say (at most 1 day)
		 */
		public Builder featureFlag(String driver, @Nullable String version, String name, Duration cacheTtl) {
			this.featureFlagDriver = driver;
			this.featureFlagVersion = version;
			this.featureFlagName = name;
			this.featureFlagCacheTtl = cacheTtl;
			return this;
		}

		/** Where observations go when anything listens (metrics, tracing); none by default. */
		public Builder observationRegistry(ObservationRegistry observationRegistry) {
			this.observationRegistry = Objects.requireNonNull(observationRegistry, "observationRegistry");
			return this;
		}

		/** A custom convention for statement observations, or {@code null} for the default. */
		public Builder statementObservationConvention(@Nullable StatementObservationConvention convention) {
			this.statementConvention = convention;
			return this;
		}

		/** A custom convention for connection observations, or {@code null} for the default. */
		public Builder connectionObservationConvention(@Nullable ConnectionObservationConvention convention) {
			this.connectionConvention = convention;
			return this;
		}

		/** The application's credentials, asked before what a data source's URL or pool carries. */
		public Builder credentialsProvider(@Nullable DatabricksCredentialsProvider credentialsProvider) {
			this.credentialsProvider = credentialsProvider;
			return this;
		}

		/** The application's HTTP client settings: their SSL bundle is used for every request. */
		public Builder httpClientSettings(@Nullable HttpClientSettings httpClientSettings) {
			this.httpClientSettings = httpClientSettings;
			return this;
		}

		/**
		 * An exporter replacing the HTTP exporter (a collector, a test). The host's circuit
		 * breaker stays in front of it.
		 */
		public Builder exporter(@Nullable TelemetryExporter exporter) {
			this.exporter = exporter;
			return this;
		}

		/** Adds a listener that hears exports, drops and host lifecycle; every one hears everything. */
		public Builder listener(TelemetryPipelineListener listener) {
			this.listeners.add(Objects.requireNonNull(listener, "listener"));
			return this;
		}

		/** The application's name, exported as {@code client_app_name}. */
		public Builder applicationName(@Nullable String applicationName) {
			this.applicationName = applicationName;
			return this;
		}

		/** The source of time for events, accounting and breakers; tests pass one they move. */
		public Builder clock(Clock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * Checks every setting and makes the engine. Its threads and HTTP client start when an
		 * instrumented data source is first used; nothing is sent before.
		 * @throws IllegalArgumentException naming the first setting that is out of range
		 */
		public DatabricksTelemetry build() {
			validate();
			return new DatabricksTelemetry(this);
		}

		private void validate() {
			requireBetween("batch-size", this.batchSize, 1, 10_000);
			if (this.maxBatchSize != null) {
				requireBetween("max-batch-size", this.maxBatchSize, 1, 10_000);
				if (this.maxBatchSize < this.batchSize) {
					throw invalid("max-batch-size must not be smaller than " + this.settingNamePrefix
							+ "batch-size, was " + this.maxBatchSize + " < " + this.batchSize);
				}
			}
			requireBetween("max-pending-events", this.maxPendingEvents, 1, 10_000_000);
			requireBetween("max-hosts", this.maxHosts, 1, 10_000);
			requireBetween("max-retries", this.maxRetries, 0, 10);
			requireBetween("flush-interval", this.flushInterval, MAX_FLUSH_INTERVAL);
			requireBetween("retry-delay", this.retryDelay, MAX_DELAY_OR_TIMEOUT);
			requireBetween("retry-max-delay", this.retryMaxDelay, MAX_DELAY_OR_TIMEOUT);
			requireBetween("connect-timeout", this.connectTimeout, MAX_DELAY_OR_TIMEOUT);
			requireBetween("response-timeout", this.responseTimeout, MAX_DELAY_OR_TIMEOUT);
			if (this.shutdownTimeout == null || this.shutdownTimeout.isNegative()) {
				throw invalid("shutdown-timeout must not be negative, was " + this.shutdownTimeout);
			}
			if (this.shutdownTimeout.compareTo(MAX_DELAY_OR_TIMEOUT) > 0) {
				throw invalid("shutdown-timeout must be at most " + MAX_DELAY_OR_TIMEOUT + ", was "
						+ this.shutdownTimeout);
			}
			if (this.warnInterval == null || this.warnInterval.isNegative()
					|| this.warnInterval.compareTo(Duration.ofDays(1)) > 0) {
				throw invalid("warn-interval must be between 0 and " + Duration.ofDays(1) + ", was " + this.warnInterval);
			}
			if (this.retryMaxDelay.compareTo(this.retryDelay) < 0) {
				throw invalid("retry-max-delay must not be shorter than " + this.settingNamePrefix + "retry-delay, was "
						+ this.retryMaxDelay + " < " + this.retryDelay);
			}
			if (this.endpoint != null) {
				String scheme = (this.endpoint.getScheme() != null)
						? this.endpoint.getScheme().toLowerCase(Locale.ROOT) : "";
				if (!(scheme.equals("http") || scheme.equals("https")) || this.endpoint.getHost() == null) {
					throw invalid("endpoint must be an absolute http:// or https:// URL, was '" + this.endpoint + "'");
				}
			}
			if (this.workspaceId != null && this.workspaceId <= 0) {
				throw invalid("workspace-id must be a positive number, was " + this.workspaceId);
			}
			requireBetween("circuit-breaker.failure-threshold", this.failureThreshold, 1, 1000);
			requireBetween("circuit-breaker.success-threshold", this.successThreshold, 1, 100);
			requireBetween("circuit-breaker.open-duration", this.openDuration, MAX_OPEN_DURATION_OR_TTL);
			if (this.urlPrefixes.stream().anyMatch((prefix) -> !prefix.toLowerCase(Locale.ROOT).startsWith("jdbc:"))) {
				throw invalid("datasource.url-prefixes must each start with 'jdbc:', was " + this.urlPrefixes);
			}
			if (isBlank(this.featureFlagDriver) || this.featureFlagDriver.contains("/")) {
				throw invalid("feature-flag.driver must be a non-empty name without '/', was '" + this.featureFlagDriver
						+ "'");
			}
			if (this.featureFlagVersion != null
					&& (this.featureFlagVersion.isBlank() || this.featureFlagVersion.contains("/"))) {
				throw invalid("feature-flag.version must be a non-empty version without '/', was '"
						+ this.featureFlagVersion + "'");
			}
			if (isBlank(this.featureFlagName)) {
				throw invalid("feature-flag.name must not be empty");
			}
			requireBetween("feature-flag.cache-ttl", this.featureFlagCacheTtl, MAX_OPEN_DURATION_OR_TTL);
		}

		private static boolean isBlank(@Nullable String value) {
			return value == null || value.isBlank();
		}

		private void requireBetween(String name, int value, int min, int max) {
			if (value < min || value > max) {
				throw invalid(name + " must be between " + min + " and " + max + ", was " + value);
			}
		}

		/** Positive and at most {@code max}. */
		private void requireBetween(String name, @Nullable Duration value, Duration max) {
			if (value == null || value.isNegative() || value.isZero()) {
				throw invalid(name + " must be a positive duration, was " + value);
			}
			if (value.compareTo(max) > 0) {
				throw invalid(name + " must be at most " + max + ", was " + value);
			}
		}

		private IllegalArgumentException invalid(String message) {
			return new IllegalArgumentException(this.settingNamePrefix + message);
		}

	}

}
