package io.github.dbtelemetry.e2e;

import java.sql.Connection;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.support.StandInWorkspace;
import io.github.dbtelemetry.support.TelemetryContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Nothing of the starter runs before an instrumented data source is used: no thread, no
 * scheduled task, no HTTP client, no request. An application whose Databricks data source is
 * never used, or that has none, carries only the starter's beans.
 */
class LazyStartTests {

	@Test
	void anInstrumentedDataSourceStartsNothingBeforeItsFirstConnection() {
		try (StandInWorkspace workspace = new StandInWorkspace()) {
			Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
			TelemetryContextRunner.application()
				.withPropertyValues(TelemetryContextRunner.h2ExportingTo(workspace.baseUrl(), "dapi-lazy"))
				.run((context) -> {
					DatabricksTelemetry telemetry = context.getBean(DatabricksTelemetry.class);
					assertThat(DatabricksTelemetry.isInstrumented(context.getBean(DataSource.class))).isTrue();
					assertThat(telemetry.isStarted()).isFalse();
					assertThat(starterThreadsStartedSince(before)).isEmpty();
					assertThat(workspace.requests()).as("no request before the first connection").isEmpty();

					try (Connection connection = context.getBean(DataSource.class).getConnection()) {
						assertThat(connection.isValid(1)).isTrue();
					}
					assertThat(telemetry.isStarted()).isTrue();
					assertThat(starterThreadsStartedSince(before)).isNotEmpty();
				});
		}
	}

	@Test
	void anApplicationWithoutADatabricksDataSourceStartsNothing() {
		Set<Thread> before = Set.copyOf(Thread.getAllStackTraces().keySet());
		TelemetryContextRunner.application()
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:plain" + System.nanoTime() + ";DB_CLOSE_DELAY=-1")
			.run((context) -> {
				DataSource dataSource = context.getBean(DataSource.class);
				assertThat(DatabricksTelemetry.isInstrumented(dataSource)).isFalse();
				try (Connection connection = dataSource.getConnection()) {
					assertThat(connection.isValid(1)).isTrue();
				}
				assertThat(context.getBean(DatabricksTelemetry.class).isStarted()).isFalse();
				assertThat(starterThreadsStartedSince(before)).isEmpty();
			});
	}

	// The starter's own threads, and the selector thread of a JDK HttpClient (the starter's is
	// the only one these tests make).
	private static List<String> starterThreadsStartedSince(Set<Thread> before) {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> !before.contains(thread) && thread.isAlive())
			.map(Thread::getName)
			.filter((name) -> name.startsWith("databricks-telemetry") || name.contains("SelectorManager"))
			.toList();
	}

}
