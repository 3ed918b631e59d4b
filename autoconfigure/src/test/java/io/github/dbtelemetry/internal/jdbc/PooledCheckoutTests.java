package io.github.dbtelemetry.internal.jdbc;

import java.sql.Connection;

import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.pipeline.HostSnapshot;
import io.github.dbtelemetry.support.RecordingTelemetryExporter;
import io.github.dbtelemetry.support.TelemetryTestFixture;

import static org.assertj.core.api.Assertions.assertThat;

/** A pooled application must not create and close a client, nor a session, per checkout. */
class PooledCheckoutTests {

	@Test
	void tenThousandCheckoutsShareOneHostAndFewSessions() throws Exception {
		RecordingTelemetryExporter exporter = new RecordingTelemetryExporter();
		try (TelemetryTestFixture fixture = new TelemetryTestFixture(exporter)) {
			for (int i = 0; i < 10_000; i++) {
				try (Connection connection = fixture.dataSource().getConnection()) {
					assertThat(connection.isValid(1)).isTrue();
				}
			}
			assertThat(fixture.telemetry().hosts()).extracting(HostSnapshot::host).containsExactly("localhost");
			fixture.flush();
			assertThat(exporter.sessionEvents()).hasSizeBetween(1, fixture.pool().getMaximumPoolSize());
		}
	}

	@Test
	void closingTheDataSourceReleasesItsHost() throws Exception {
		TelemetryTestFixture fixture = new TelemetryTestFixture(new RecordingTelemetryExporter());
		try (Connection connection = fixture.dataSource().getConnection()) {
			assertThat(fixture.telemetry().hosts()).extracting(HostSnapshot::host).containsExactly("localhost");
		}
		((AutoCloseable) fixture.dataSource()).close();
		assertThat(fixture.telemetry().hosts()).isEmpty();
		fixture.close();
	}

}
