package io.github.dbtelemetry.privacy;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.internal.export.TelemetryPayloadSerializer;
import io.github.dbtelemetry.model.TelemetryFrontendLog;
import io.github.dbtelemetry.observation.StatementObservationContext;
import io.github.dbtelemetry.support.RecordingTelemetryExporter;
import io.github.dbtelemetry.support.TelemetryTestFixture;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The privacy property of the export path: whatever the application puts in SQL text,
 * parameters and literals, and whatever the driver echoes in its error messages, none of it
 * reaches a serialized request body. Each case carries a unique marker through real H2 JDBC;
 * local observations are checked to hold the markers (so the data did reach the engine) and
 * the bodies to hold none of them.
 * <p>
 * Covers request bodies only; headers, logs, health details and metric tags are checked
 * elsewhere.
 */
class PrivacyPropertyTests {

	private static final int CASES = 200;

	private static final long SEED = 0x5EED_7E1EL;

	// Markers are upper-case hex so that H2 upper-casing an identifier does not hide a leak.
	private static final Pattern MARKER_BODY = Pattern.compile("[0-9A-F]{16}");

	private final RecordingTelemetryExporter exporter = new RecordingTelemetryExporter();

	private final List<String> localFacts = new CopyOnWriteArrayList<>();

	/** Called by H2 through {@code CREATE ALIAS}: an application function failing with user data. */
	public static int fail(String value) {
		throw new IllegalStateException("cannot handle " + value);
	}

	@Test
	void noMarkerReachesAnExportedBody() throws Exception {
		Random random = new Random(SEED);
		Set<String> markers = new HashSet<>();
		int failures = 0;
		try (TelemetryTestFixture fixture = new TelemetryTestFixture(this.exporter,
				(builder) -> builder.recordSqlText(true))) {
			fixture.registry().observationConfig().observationHandler(new LocalFactsHandler());
			try (Connection connection = fixture.pool().getConnection(); Statement statement = connection.createStatement()) {
				statement.execute("CREATE TABLE item (id INT AUTO_INCREMENT PRIMARY KEY, name VARCHAR(40))");
				statement.execute("CREATE ALIAS app_fail FOR \"" + PrivacyPropertyTests.class.getName() + ".fail\"");
			}
			for (int i = 0; i < CASES; i++) {
				String hex = String.format(Locale.ROOT, "%016X", random.nextLong());
				markers.add(hex);
				Kind kind = Kind.values()[random.nextInt(Kind.values().length)];
				try (Connection connection = fixture.dataSource().getConnection()) {
					if (!run(kind, connection, "MARKER-" + hex)) {
						failures++;
					}
				}
			}
			fixture.flush();
		}
		List<TelemetryFrontendLog> logs = this.exporter.logs();
		assertThat(logs).hasSizeGreaterThan(CASES);
		assertThat(failures).as("failing cases").isGreaterThan(CASES / 4);
		assertThat(String.join("\n", this.localFacts)).as("markers seen locally").contains("MARKER-");
		assertThat(this.localFacts.stream().filter((fact) -> fact.startsWith("error:") && fact.contains("MARKER-")))
			.as("driver error messages echoing a marker")
			.isNotEmpty();

		TelemetryPayloadSerializer serializer = new TelemetryPayloadSerializer();
		List<String> bodies = new ArrayList<>();
		bodies.add(new String(serializer.serializeRequest(System.currentTimeMillis(), logs), StandardCharsets.UTF_8));
		for (TelemetryFrontendLog log : logs) {
			bodies.add(new String(serializer.serializeRequest(1L, List.of(log)), StandardCharsets.UTF_8));
		}
		List<String> leaks = new ArrayList<>();
		for (String body : bodies) {
			leaks.addAll(leaks(body.toUpperCase(Locale.ROOT), markers));
		}
		assertThat(leaks).as("markers in exported bodies").isEmpty();
	}

	// Each leak as a short excerpt around it, so a failure is readable without the whole body.
	private static List<String> leaks(String body, Set<String> markers) {
		List<String> found = new ArrayList<>();
		Matcher candidates = MARKER_BODY.matcher(body);
		while (candidates.find()) {
			if (markers.contains(candidates.group())) {
				found.add(excerpt(body, candidates.start()));
			}
		}
		int at = body.indexOf("MARKER");
		if (at >= 0) {
			found.add(excerpt(body, at));
		}
		return found;
	}

	private static String excerpt(String body, int at) {
		return body.substring(Math.max(0, at - 80), Math.min(body.length(), at + 40));
	}

	/** Runs one case; {@code false} when the statement failed (as some kinds must). */
	private static boolean run(Kind kind, Connection connection, String marker) {
		try {
			switch (kind) {
				case LITERAL_QUERY -> query(connection, "SELECT '" + marker + "' AS v");
				case QUOTED_ALIAS_QUERY -> query(connection, "SELECT 1 AS \"" + marker + "\"");
				case COMMENTED_UPDATE -> update(connection, "INSERT INTO item (name) VALUES ('x') /* " + marker + " */");
				case PREPARED_INSERT -> {
					try (PreparedStatement insert = connection.prepareStatement("INSERT INTO item (name) VALUES (?)")) {
						insert.setString(1, marker);
						insert.executeUpdate();
					}
				}
				case PREPARED_QUERY -> {
					try (PreparedStatement select = connection.prepareStatement("SELECT id FROM item WHERE name = ?")) {
						select.setString(1, marker);
						try (ResultSet rows = select.executeQuery()) {
							while (rows.next()) {
								rows.getInt(1);
							}
						}
					}
				}
				case BATCH -> {
					try (PreparedStatement insert = connection.prepareStatement("INSERT INTO item (name) VALUES (?)")) {
						insert.setString(1, marker);
						insert.addBatch();
						insert.setString(1, marker.toLowerCase(Locale.ROOT));
						insert.addBatch();
						insert.executeBatch();
					}
				}
				case METADATA_PATTERN -> connection.getMetaData().getTables(null, null, marker, null).close();
				case MISSING_TABLE -> query(connection, "SELECT * FROM \"" + marker + "\"");
				case UNQUOTED_MISSING_COLUMN -> query(connection, "SELECT MARKER_" + marker.substring(7) + " FROM item");
				case BAD_CAST -> query(connection, "SELECT CAST('" + marker + "' AS INT)");
				case SYNTAX_ERROR -> update(connection, "INSERT INTO item (name) VALUES ('" + marker + "'");
				case VALUE_TOO_LONG -> {
					try (PreparedStatement insert = connection.prepareStatement("INSERT INTO item (name) VALUES (?)")) {
						insert.setString(1, marker + "-" + marker + "-" + marker);
						insert.executeUpdate();
					}
				}
				case FUNCTION_THROWS -> query(connection, "SELECT app_fail('" + marker + "')");
			}
			return true;
		}
		catch (SQLException ex) {
			return false;
		}
	}

	private static void query(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement(); ResultSet rows = statement.executeQuery(sql)) {
			while (rows.next()) {
				rows.getObject(1);
			}
		}
	}

	private static void update(Connection connection, String sql) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.executeUpdate(sql);
		}
	}

	private enum Kind {

		LITERAL_QUERY, QUOTED_ALIAS_QUERY, COMMENTED_UPDATE, PREPARED_INSERT, PREPARED_QUERY, BATCH,
		METADATA_PATTERN, MISSING_TABLE, UNQUOTED_MISSING_COLUMN, BAD_CAST, SYNTAX_ERROR, VALUE_TOO_LONG,
		FUNCTION_THROWS

	}

	/** Keeps what the engine saw locally: SQL text and failure messages. */
	private final class LocalFactsHandler implements ObservationHandler<StatementObservationContext> {

		@Override
		public boolean supportsContext(Observation.Context context) {
			return context instanceof StatementObservationContext;
		}

		@Override
		public void onStop(StatementObservationContext context) {
			if (context.getSqlText() != null) {
				PrivacyPropertyTests.this.localFacts.add("sql:" + context.getSqlText());
			}
			if (context.getFailure() != null) {
				PrivacyPropertyTests.this.localFacts.add("error:" + context.getFailure().getMessage());
			}
		}

	}

}
