package io.github.dbtelemetry.observation;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.internal.event.TelemetryEventBuilder;
import io.github.dbtelemetry.internal.export.TelemetryPayloadSerializer;
import io.github.dbtelemetry.internal.operation.ConnectionFacts;
import io.github.dbtelemetry.internal.operation.ConnectionOperation;
import io.github.dbtelemetry.internal.operation.StatementOperation;
import io.github.dbtelemetry.internal.operation.TelemetryTarget;
import io.github.dbtelemetry.model.AuthFlow;
import io.github.dbtelemetry.model.AuthMech;
import io.github.dbtelemetry.model.DatabricksClientType;
import io.github.dbtelemetry.model.DriverConnectionParameters;
import io.github.dbtelemetry.model.DriverSystemConfiguration;
import io.github.dbtelemetry.model.HostDetails;
import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.StatementType;
import io.github.dbtelemetry.model.TelemetryFrontendLog;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.common.docs.KeyName;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Each declared tag does something: the event factory writes its field, or a default convention
 * puts it on an observation. A declaration that does neither would tell readers of the privacy
 * page that a value is exported or kept locally when nothing produces it. And the observation
 * documentation lists exactly what the default conventions emit.
 */
class TelemetryTagUsageTests {

	private static final DriverSystemConfiguration SYSTEM = new DriverSystemConfiguration("1.2.3", "Linux", "6.1",
			"amd64", "OpenJDK", "17", "Vendor", "app", "en_US", "databricks-telemetry-spring-boot", "UTF-8", "Main");

	private static final TelemetryTarget TARGET = new TelemetryTarget("orders", "adb-1.azuredatabricks.net",
			DriverConnectionParameters.of("/sql/1.0/warehouses/w", DatabricksClientType.SEA,
					HostDetails.ofBaseUrl("https://adb-1.azuredatabricks.net:443"), AuthMech.PAT,
					AuthFlow.TOKEN_PASSTHROUGH),
			"pat", null);

	private final TelemetryPayloadSerializer serializer = new TelemetryPayloadSerializer();

	@Test
	void everyTagIsExportedOrEmittedOnObservations() {
		Set<String> emitted = new HashSet<>(keys(statementKeyValues(new StatementObservationContext(fullStatement()))));
		emitted.addAll(keys(connectionKeyValues(new ConnectionObservationContext(fullConnection()))));
		for (TelemetryTag tag : TelemetryTag.values()) {
			assertThat(exportedByTheEventFactory(tag) || emitted.contains(tag.key()))
				.as("%s is neither written into an event nor put on an observation", tag)
				.isTrue();
		}
	}

	@Test
	void theStatementObservationEmitsExactlyItsDocumentedKeys() {
		assertThat(keys(statementKeyValues(new StatementObservationContext(fullStatement()))))
			.containsExactlyInAnyOrderElementsOf(documented(DatabricksObservationDocumentation.STATEMENT, false));
		assertThat(keys(statementKeyValues(new StatementObservationContext(statement()))))
			.as("a statement the driver told nothing about")
			.containsAll(documented(DatabricksObservationDocumentation.STATEMENT, true));
	}

	@Test
	void theConnectionObservationEmitsExactlyItsDocumentedKeys() {
		assertThat(keys(connectionKeyValues(new ConnectionObservationContext(fullConnection()))))
			.containsExactlyInAnyOrderElementsOf(documented(DatabricksObservationDocumentation.CONNECTION, false));
		ConnectionObservationContext unknownDriver = new ConnectionObservationContext(
				new ConnectionOperation(TARGET, null, 0, 0, ConnectionFacts.UNKNOWN));
		assertThat(keys(connectionKeyValues(unknownDriver))).as("a session the driver told nothing about")
			.containsAll(documented(DatabricksObservationDocumentation.CONNECTION, true));
	}

	// Removing the tag from the registry changes a payload only if the factory writes its field.
	private boolean exportedByTheEventFactory(TelemetryTag tag) {
		TelemetryEventBuilder all = factory(TelemetryTagRegistry.defaults());
		TelemetryEventBuilder without = factory(new TelemetryTagRegistry(
				Arrays.stream(TelemetryTag.values()).filter((declared) -> declared != tag).toList()));
		StatementOperation statement = fullStatement();
		ConnectionOperation connection = fullConnection();
		if (all.exportsWorkspaceId() != without.exportsWorkspaceId()) {
			// stamped by the host on each batch, as the builder allows
			return true;
		}
		return !json(all.statementEvent(statement)).equals(json(without.statementEvent(statement)))
				|| !json(all.connectionEvent(connection)).equals(json(without.connectionEvent(connection)));
	}

	private String json(TelemetryFrontendLog log) {
		return this.serializer.serializeLog(log);
	}

	private static TelemetryEventBuilder factory(TelemetryTagRegistry registry) {
		return new TelemetryEventBuilder(SYSTEM, "agent/1", Clock.fixed(Instant.ofEpochMilli(1000), ZoneOffset.UTC),
				() -> "generated-id", registry);
	}

	private static StatementOperation statement() {
		StatementOperation statement = new StatementOperation(TARGET, "session-1", StatementType.QUERY,
				OperationType.EXECUTE_STATEMENT, 1_000_000, 5);
		statement.setExecutedNanos(3_000_000);
		statement.setEndNanos(10_000_000);
		return statement;
	}

	/** A statement with every fact set: server id, local SQL text and a failure. */
	private static StatementOperation fullStatement() {
		StatementOperation statement = statement();
		statement.setStatementId("statement-1");
		statement.setSqlText("SELECT 1");
		statement.setFailure(new SQLException("table missing", "42S02"));
		return statement;
	}

	/** A session whose driver told everything about itself. */
	private static ConnectionOperation fullConnection() {
		ConnectionOperation connection = new ConnectionOperation(TARGET, "session-1", 0, 5,
				new ConnectionFacts("DatabricksJDBC", "3.4.5", true, true));
		connection.setEndNanos(2_000_000);
		return connection;
	}

	private static KeyValues statementKeyValues(StatementObservationContext context) {
		DefaultStatementObservationConvention convention = new DefaultStatementObservationConvention();
		return convention.getLowCardinalityKeyValues(context).and(convention.getHighCardinalityKeyValues(context));
	}

	private static KeyValues connectionKeyValues(ConnectionObservationContext context) {
		DefaultConnectionObservationConvention convention = new DefaultConnectionObservationConvention();
		return convention.getLowCardinalityKeyValues(context).and(convention.getHighCardinalityKeyValues(context));
	}

	private static Set<String> keys(KeyValues values) {
		return values.stream().map(KeyValue::getKey).collect(Collectors.toSet());
	}

	private static Set<String> documented(DatabricksObservationDocumentation observation, boolean requiredOnly) {
		return Stream.concat(Arrays.stream(observation.getLowCardinalityKeyNames()),
				Arrays.stream(observation.getHighCardinalityKeyNames()))
			.filter((key) -> !requiredOnly || key.isRequired())
			.map(KeyName::asString)
			.collect(Collectors.toSet());
	}

}
