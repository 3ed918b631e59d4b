package io.github.dbtelemetry.internal.export;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.TelemetryFrontendLog;
import io.github.dbtelemetry.support.RecordingTelemetryExporter;
import io.github.dbtelemetry.support.TelemetryPayloadSamples;
import io.github.dbtelemetry.support.TelemetrySchemaValidator;
import io.github.dbtelemetry.support.TelemetryTestFixture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/** Golden payloads and payloads produced by real JDBC conform to the JSON Schemas. */
class TelemetryPayloadSchemaTests {

	private final TelemetryPayloadSerializer serializer = new TelemetryPayloadSerializer();

	@Test
	void goldenPayloadsAreValid() throws IOException {
		TelemetrySchemaValidator.assertValidRequest(golden("request.json"));
		TelemetrySchemaValidator.assertValidFrontendLog(golden("full-frontend-log.json"));
		TelemetrySchemaValidator.assertValidFrontendLog(golden("minimal-frontend-log.json"));
	}

	@Test
	void payloadsOfRealStatementsAreValid() throws Exception {
		RecordingTelemetryExporter exporter = new RecordingTelemetryExporter();
		try (TelemetryTestFixture fixture = new TelemetryTestFixture(exporter)) {
			try (Connection connection = fixture.dataSource().getConnection()) {
				try (Statement statement = connection.createStatement()) {
					statement.execute("CREATE TABLE item (id INT PRIMARY KEY, name VARCHAR(50))");
					statement.executeUpdate("INSERT INTO item VALUES (1, 'a')");
					try (ResultSet rows = statement.executeQuery("SELECT name FROM item")) {
						rows.next();
					}
					assertThatExceptionOfType(SQLException.class)
						.isThrownBy(() -> statement.executeQuery("SELECT * FROM missing"));
				}
				try (PreparedStatement insert = connection.prepareStatement("INSERT INTO item VALUES (?, ?)")) {
					insert.setInt(1, 2);
					insert.setString(2, "b");
					insert.executeUpdate();
					assertThatExceptionOfType(SQLException.class).isThrownBy(insert::executeUpdate);
				}
				DatabaseMetaData metaData = connection.getMetaData();
				metaData.getTables(null, null, "ITEM", null).close();
				metaData.getColumns(null, null, "ITEM", null).close();
			}
			fixture.flush();
		}
		List<TelemetryFrontendLog> logs = exporter.logs();
		assertThat(exporter.sessionEvents()).isNotEmpty();
		assertThat(exporter.statementEvents()).anySatisfy((event) -> assertThat(event.errorInfo()).isNotNull())
			.anySatisfy((event) -> assertThat(event.sqlOperation().operationDetail().operationType())
				.isEqualTo(OperationType.LIST_COLUMNS));
		TelemetrySchemaValidator.assertValidRequest(this.serializer.serializeRequest(System.currentTimeMillis(), logs));
		for (TelemetryFrontendLog log : logs) {
			TelemetrySchemaValidator.assertValidFrontendLog(this.serializer.serializeLog(log));
		}
	}

	@Test
	void schemasRejectWhatTheProtocolDoesNotAllow() throws IOException {
		String full = golden("full-frontend-log.json");
		assertThat(TelemetrySchemaValidator.frontendLogErrors(full.replace("\"mode\":\"SEA\"", "\"mode\":\"sea\"")))
			.isNotEmpty();
		assertThat(TelemetrySchemaValidator
			.frontendLogErrors(full.replace("\"operation_latency_ms\"", "\"sql_text\":\"SELECT 1\",\"operation_latency_ms\"")))
			.isNotEmpty();
		assertThat(TelemetrySchemaValidator.frontendLogErrors("{\"context\":{\"client_context\":{}}}")).isNotEmpty();
		assertThat(TelemetrySchemaValidator.requestErrors("{\"uploadTime\":1,\"items\":[],\"protoLogs\":[{}]}"))
			.isNotEmpty();
		assertThat(TelemetrySchemaValidator.requestErrors("{\"uploadTime\":1,\"items\":[\"x\"],\"protoLogs\":[]}"))
			.isNotEmpty();
		assertThat(TelemetrySchemaValidator.requestErrors("{\"uploadTime\":1,\"protoLogs\":[]}")).isNotEmpty();
		assertThat(TelemetrySchemaValidator.requestErrors("{\"uploadTime\":1,\"items\":[],\"protoLogs\":[\"{}\"]}"))
			.isNotEmpty()
			.allSatisfy((error) -> assertThat(error).startsWith("protoLogs[0]: "));
		assertThatExceptionOfType(AssertionError.class)
			.isThrownBy(() -> TelemetrySchemaValidator.assertValidRequest("not json"));
	}

	@Test
	void aRequestOfTheSamplesIsValid() {
		TelemetrySchemaValidator.assertValidRequest(
				this.serializer.serializeRequest(TelemetryPayloadSamples.UPLOAD_TIME, TelemetryPayloadSamples.requestLogs()));
	}

	private static String golden(String name) throws IOException {
		try (InputStream in = TelemetryPayloadSchemaTests.class.getResourceAsStream("/golden/" + name)) {
			return new String(in.readAllBytes(), StandardCharsets.UTF_8);
		}
	}

}
