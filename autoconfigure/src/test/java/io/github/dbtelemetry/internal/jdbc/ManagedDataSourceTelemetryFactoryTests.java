package io.github.dbtelemetry.internal.jdbc;

import io.github.dbtelemetry.internal.databricks.JdbcUrlMatcher;
import io.github.dbtelemetry.pipeline.ExportMode;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.dbtelemetry.internal.event.IdGenerator;
import io.github.dbtelemetry.internal.event.SystemConfigurations;
import io.github.dbtelemetry.internal.event.TelemetryEventBuilder;
import io.github.dbtelemetry.internal.host.FeatureFlagGate;
import io.github.dbtelemetry.internal.host.TelemetryClient;
import io.github.dbtelemetry.internal.host.TelemetryClientManager;
import io.github.dbtelemetry.internal.host.TelemetryClientSettings;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;
import io.github.dbtelemetry.internal.host.TelemetryThreads;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryEndpoint;
import io.github.dbtelemetry.internal.operation.TelemetryRecorder;
import io.micrometer.observation.ObservationRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a data source's telemetry may go: a Databricks URL whose host cannot be read is observed
 * locally only, with one WARN naming the bean; another driver's host-less URL is exported only to
 * an endpoint override.
 */
@ExtendWith(OutputCaptureExtension.class)
class ManagedDataSourceTelemetryFactoryTests {

	private static final String SECRET = "dapi-never-logged-4711";

	private static final URI OVERRIDE = URI.create("https://collector.example.com");

	private static final String OFF = "Databricks telemetry export is off for data source '";

	private final TelemetryThreads threads = new TelemetryThreads(1);

	private TelemetryClientManager clients;

	@BeforeEach
	void createClients() {
		TelemetryEventBuilder events = new TelemetryEventBuilder(SystemConfigurations.forApplication(null), "ua",
				Clock.systemUTC(), IdGenerator.RANDOM);
		this.clients = new TelemetryClientManager((host, baseUrl, credentials) -> new TelemetryClient(
				new TelemetryEndpoint(host, baseUrl, credentials, false),
				(endpoint, logs) -> CompletableFuture.completedFuture(ExportResult.success(logs.size(), 200)),
				FeatureFlagGate.FORCED, TelemetryClientSettings.defaults(), events, TelemetryPipelineListener.NONE,
				this.threads.scheduler(), Clock.systemUTC()), Duration.ofSeconds(2));
	}

	@AfterEach
	void close() {
		this.clients.close();
		this.threads.close();
	}

	private ManagedDataSourceTelemetryFactory factory(URI endpoint, ExportMode mode) {
		return new ManagedDataSourceTelemetryFactory(new JdbcUrlMatcher(List.of("jdbc:")), endpoint, null,
				this.clients, ObservationRegistry.NOOP, null, null, (connection) -> "session", false,
				new ManagedDataSourceTelemetryFactory.Options(mode, (host) -> null, null, null));
	}

	@Test
	void aDatabricksUrlWhoseHostCannotBeReadIsNeverExportedEvenWithAnEndpointOverride(CapturedOutput output) {
		List<String> unreadable = List.of("jdbc:databricks://my_host:443/default;AuthMech=3;UID=token;PWD=" + SECRET,
				"jdbc:databricks://[fe80::1%eth0]:443/default;UID=token;PWD=" + SECRET,
				"jdbc:databricks://:443/default;UID=token;PWD=" + SECRET,
				"jdbc:spark:my-host.example.com;UID=token;PWD=" + SECRET);
		ManagedDataSourceTelemetryFactory factory = factory(OVERRIDE, ExportMode.ALWAYS);
		for (int i = 0; i < unreadable.size(); i++) {
			DataSourceTelemetry telemetry = factory.create("myDs" + i, unreadable.get(i), null, "DatabricksJDBC/3.4.5");
			assertThat(telemetry).as("observed locally, so still instrumented").isNotNull();
			assertThat(telemetry.getTarget().recorder()).isSameAs(TelemetryRecorder.NONE);
			assertThat(telemetry.getTarget().host()).isEqualTo("unknown");
			telemetry.close();
		}
		assertThat(this.clients.getClients()).as("no client, so no flag call and no export").isEmpty();
		for (int i = 0; i < unreadable.size(); i++) {
			assertThat(output.getAll().split(OFF + "myDs" + i + "': its JDBC URL has no host the starter can use", -1))
				.as("one WARN for myDs" + i)
				.hasSize(2);
		}
		assertThat(output.getAll()).doesNotContain(SECRET).doesNotContain("my_host").doesNotContain("fe80");
	}

	@Test
	void anotherDriversUrlWithoutAHostIsExportedOnlyToAnEndpointOverride(CapturedOutput output) {
		DataSourceTelemetry overridden = factory(OVERRIDE, ExportMode.ALWAYS).create("h2", "jdbc:h2:mem:x", null,
				"H2-JDBC-Driver/2.4.240");
		assertThat(this.clients.getClients()).containsOnlyKeys("localhost");
		assertThat(this.clients.getClients().get("localhost").getEndpoint().baseUrl()).isEqualTo(OVERRIDE);
		assertThat(overridden.getTarget().recorder()).isNotSameAs(TelemetryRecorder.NONE);
		overridden.close();
		assertThat(output.getAll()).doesNotContain(OFF);
		DataSourceTelemetry nowhere = factory(null, ExportMode.ALWAYS).create("h2NoOverride", "jdbc:h2:mem:x", null,
				"H2-JDBC-Driver/2.4.240");
		assertThat(nowhere.getTarget().recorder()).isSameAs(TelemetryRecorder.NONE);
		assertThat(nowhere.getTarget().host()).isEqualTo("localhost");
		assertThat(this.clients.getClients()).isEmpty();
		assertThat(output.getAll()).contains(OFF + "h2NoOverride'");
	}

	@Test
	void aDataSourceThatWouldNotExportAnywayIsNotWarnedAbout(CapturedOutput output) {
		DataSourceTelemetry telemetry = factory(OVERRIDE, ExportMode.NEVER).create("quiet",
				"jdbc:databricks://my_host:443/default", null, "DatabricksJDBC/3.4.5");
		assertThat(telemetry.getTarget().recorder()).isSameAs(TelemetryRecorder.NONE);
		assertThat(output.getAll()).doesNotContain(OFF);
	}

	@Test
	void aReadableHostIsItsClientsKeyWhateverTheOverride() {
		DataSourceTelemetry telemetry = factory(OVERRIDE, ExportMode.ALWAYS).create("dbx",
				"jdbc:databricks://adb-1234567890123456.7.azuredatabricks.net:443/default;httpPath=/p", null,
				"DatabricksJDBC/3.4.5");
		assertThat(this.clients.getClients()).containsOnlyKeys("adb-1234567890123456.7.azuredatabricks.net");
		assertThat(telemetry.getTarget().workspaceId()).isEqualTo(1234567890123456L);
		telemetry.close();
	}

}
