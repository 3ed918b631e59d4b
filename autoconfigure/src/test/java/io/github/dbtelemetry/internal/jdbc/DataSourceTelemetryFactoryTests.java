package io.github.dbtelemetry.internal.jdbc;

import java.net.URI;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import io.github.dbtelemetry.internal.databricks.JdbcUrlMatcher;
import io.github.dbtelemetry.internal.host.TelemetryThreads;
import io.github.dbtelemetry.internal.host.WorkspaceHosts;
import io.github.dbtelemetry.pipeline.ExportMode;
import io.github.dbtelemetry.pipeline.HostSnapshot;
import io.github.dbtelemetry.support.RecordingTelemetryExporter;
import io.github.dbtelemetry.support.TestTelemetry;
import io.micrometer.observation.ObservationRegistry;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Where a data source's telemetry may go: a Databricks URL whose host cannot be read is observed
 * locally only, with one WARN naming the bean; another driver's host-less URL is exported only to
 * an endpoint override.
 */
@ExtendWith(OutputCaptureExtension.class)
class DataSourceTelemetryFactoryTests {

	private static final String SECRET = "dapi-never-logged-4711";

	private static final URI OVERRIDE = URI.create("https://collector.example.com");

	private static final String OFF = "Databricks telemetry for data source '";

	private static final String NO_HOST = "no host the starter can use";

	private final TelemetryThreads threads = new TelemetryThreads(1);

	private final RecordingTelemetryExporter exporter = new RecordingTelemetryExporter();

	private final WorkspaceHosts hosts = new WorkspaceHosts(
			TestTelemetry.hostSettings(this.exporter, this.threads.scheduler()).build(), 32,
			Duration.ofSeconds(30));

	@AfterEach
	void close() {
		this.hosts.close();
		this.threads.close();
	}

	private DataSourceTelemetryFactory factory(URI endpoint, ExportMode mode) {
		return new DataSourceTelemetryFactory(new DataSourceTelemetryFactory.Settings(
				new JdbcUrlMatcher(List.of("jdbc:")), mode, endpoint, null, null, null), this.hosts,
				new DataSourceTelemetry.Observations(ObservationRegistry.NOOP, null, null, (connection) -> "session",
						false, false));
	}

	private List<String> hostsInUse() {
		return this.hosts.snapshots().stream().map(HostSnapshot::host).toList();
	}

	@Test
	void aDatabricksUrlWhoseHostCannotBeReadIsNeverExportedEvenWithAnEndpointOverride(CapturedOutput output) {
		List<String> unreadable = List.of("jdbc:databricks://my_host:443/default;AuthMech=3;UID=token;PWD=" + SECRET,
				"jdbc:databricks://[fe80::1%eth0]:443/default;UID=token;PWD=" + SECRET,
				"jdbc:databricks://:443/default;UID=token;PWD=" + SECRET,
				"jdbc:spark:my-host.example.com;UID=token;PWD=" + SECRET);
		DataSourceTelemetryFactory factory = factory(OVERRIDE, ExportMode.ALWAYS);
		for (int i = 0; i < unreadable.size(); i++) {
			DataSourceTelemetry telemetry = factory.create("myDs" + i, unreadable.get(i), null, "DatabricksJDBC/3.4.5", true);
			assertThat(telemetry).as("observed locally, so still instrumented").isNotNull();
			assertThat(telemetry.isExported()).isFalse();
			assertThat(telemetry.getTarget().host()).isEqualTo("unknown");
			telemetry.close();
		}
		assertThat(hostsInUse()).as("no host, so no flag call and no export").isEmpty();
		for (int i = 0; i < unreadable.size(); i++) {
			assertThat(output.getAll().split(OFF + "myDs" + i + "': observed locally only: its JDBC URL has no host the starter can use", -1))
				.as("one WARN for myDs" + i)
				.hasSize(2);
		}
		assertThat(output.getAll()).doesNotContain(SECRET).doesNotContain("my_host").doesNotContain("fe80");
	}

	@Test
	void anotherDriversUrlWithoutAHostIsExportedOnlyToAnEndpointOverride(CapturedOutput output) {
		DataSourceTelemetry overridden = factory(OVERRIDE, ExportMode.ALWAYS).create("h2", "jdbc:h2:mem:x", null,
				"H2-JDBC-Driver/2.4.240", true);
		assertThat(hostsInUse()).containsExactly("localhost");
		assertThat(overridden.isExported()).isTrue();
		overridden.events.record(io.github.dbtelemetry.support.TestTelemetry.connectionOpened());
		this.hosts.hosts().get(0).flush().join();
		assertThat(this.exporter.endpoints()).singleElement()
			.satisfies((endpoint) -> assertThat(endpoint.baseUrl()).isEqualTo(OVERRIDE));
		overridden.close();
		assertThat(output.getAll()).doesNotContain(NO_HOST)
			.contains(OFF + "h2': exporting the events of workspace host localhost to " + OVERRIDE);
		DataSourceTelemetry nowhere = factory(null, ExportMode.ALWAYS).create("h2NoOverride", "jdbc:h2:mem:x", null,
				"H2-JDBC-Driver/2.4.240", true);
		assertThat(nowhere.isExported()).isFalse();
		assertThat(nowhere.getTarget().host()).isEqualTo("localhost");
		assertThat(hostsInUse()).isEmpty();
		assertThat(output.getAll()).contains(OFF + "h2NoOverride'");
	}

	@Test
	void aDataSourceThatWouldNotExportAnywayIsNotWarnedAbout(CapturedOutput output) {
		DataSourceTelemetry telemetry = factory(OVERRIDE, ExportMode.NEVER).create("quiet",
				"jdbc:databricks://my_host:443/default", null, "DatabricksJDBC/3.4.5", true);
		assertThat(telemetry.isExported()).isFalse();
		assertThat(output.getAll()).doesNotContain(NO_HOST)
			.contains(OFF + "quiet': observed locally only (databricks.telemetry.export-mode=never)");
	}

	@Test
	void aReadableHostIsItsHostsKeyWhateverTheOverride() {
		DataSourceTelemetry telemetry = factory(OVERRIDE, ExportMode.ALWAYS).create("dbx",
				"jdbc:databricks://adb-1234567890123456.7.azuredatabricks.net:443/default;httpPath=/p", null,
				"DatabricksJDBC/3.4.5");
		assertThat(hostsInUse()).containsExactly("adb-1234567890123456.7.azuredatabricks.net");
		telemetry.events.record(io.github.dbtelemetry.support.TestTelemetry.connectionOpened());
		this.hosts.hosts().get(0).flush().join();
		assertThat(this.exporter.logs()).singleElement()
			.satisfies((log) -> assertThat(log.workspaceId()).as("read from the Azure host name")
				.isEqualTo(1234567890123456L));
		telemetry.close();
	}

	@Test
	void theSwitchesAUrlStatesAreItsEventsConnectionParameters() {
		DataSourceTelemetry telemetry = factory(OVERRIDE, ExportMode.ALWAYS).create("dbx",
				"jdbc:databricks://adb-1234567890123456.7.azuredatabricks.net:443/default;httpPath=/p;"
						+ "socketTimeout=120;EnableDirectResults=0",
				null, "DatabricksJDBC/3.4.5");
		assertThat(telemetry.getTarget().connectionParameters()).satisfies((parameters) -> {
			assertThat(parameters.httpPath()).isEqualTo("/p");
			assertThat(parameters.socketTimeout()).isEqualTo(120);
			assertThat(parameters.enableDirectResults()).isFalse();
			assertThat(parameters.useProxy()).as("not stated: not sent").isNull();
		});
		telemetry.close();
	}

}
