package io.github.dbtelemetry.observation;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

import io.micrometer.common.docs.KeyName;

import static org.assertj.core.api.Assertions.assertThat;

class TelemetryTagRegistryTests {

	private final TelemetryTagRegistry registry = TelemetryTagRegistry.defaults();

	@Test
	void connectionOpenExportTagsHoldTheSessionFactsButNotTheServerAddress() {
		Set<String> tags = this.registry.getDatabricksExportTags(TelemetryEventType.CONNECTION_OPEN);
		assertThat(tags).contains("workspace.id", "session.id", "driver.version", "driver.name", "host")
			.doesNotContain("server.address", "db.statement", "error.message", "error.stack_trace", "statement.id");
	}

	@ParameterizedTest(name = "{0}: {1}")
	@CsvSource({ "db.statement, false", "statement.id, true" })
	void theStatementIdButNeverTheSqlTextIsExportedWithAStatement(String key, boolean exported) {
		assertThat(this.registry.shouldExportToDatabricks(TelemetryEventType.STATEMENT_EXECUTION, key))
			.isEqualTo(exported);
	}

	@ParameterizedTest
	@EnumSource(TelemetryEventType.class)
	void unknownOrMissingKeysAreNotExported(TelemetryEventType type) {
		assertThat(this.registry.shouldExportToDatabricks(type, "user.name")).isFalse();
		assertThat(this.registry.shouldExportToDatabricks(type, "error.message")).isFalse();
		assertThat(this.registry.shouldExportToDatabricks(type, "server.address")).isFalse();
		assertThat(this.registry.shouldExportToDatabricks(type, "")).isFalse();
		assertThat(this.registry.shouldExportToDatabricks(type, (String) null)).isFalse();
	}

	@Test
	void withoutAnEventTypeNothingIsExportedAndAnUnknownKeyIsNoTag() {
		assertThat(this.registry.shouldExportToDatabricks(null, "statement.id")).isFalse();
		assertThat(this.registry.find("user.name")).isNull();
	}

	@ParameterizedTest
	@EnumSource(TelemetryEventType.class)
	void localOnlyKeysAreNeverExportable(TelemetryEventType type) {
		List<TelemetryTag> localOnly = Arrays.stream(TelemetryTag.values())
			.filter((tag) -> tag.scope() == ExportScope.LOCAL_ONLY)
			.toList();
		assertThat(localOnly).extracting(TelemetryTag::key)
			.contains("db.statement", "error.type", "feature.cloudfetch", "feature.arrow");
		for (TelemetryTag tag : localOnly) {
			assertThat(this.registry.shouldExportToDatabricks(type, tag.key())).as(tag.key()).isFalse();
			assertThat(this.registry.getDatabricksExportTags(type)).doesNotContain(tag.key());
		}
	}

	@Test
	void metricTagsAreDeclaredForBothDestinations() {
		assertThat(Stream.of("host", "datasource", "outcome").map(this.registry::find))
			.allSatisfy((tag) -> assertThat(tag.scope()).isEqualTo(ExportScope.BOTH));
	}

	@Test
	void exportTagsDependOnTheEventType() {
		assertThat(this.registry.getDatabricksExportTags(TelemetryEventType.STATEMENT_EXECUTION))
			.contains("statement.id", "latency.result_consumption_ms", "error.name");
		assertThat(this.registry.getDatabricksExportTags(TelemetryEventType.CONNECTION_OPEN)).contains("error.name")
			.doesNotContain("statement.id", "latency.result_consumption_ms");
	}

	@Test
	void everyObservationKeyIsDeclared() {
		Set<String> declared = Arrays.stream(TelemetryTag.values()).map(TelemetryTag::key).collect(Collectors.toSet());
		for (DatabricksObservationDocumentation observation : DatabricksObservationDocumentation.values()) {
			Stream.concat(Arrays.stream(observation.getLowCardinalityKeyNames()),
					Arrays.stream(observation.getHighCardinalityKeyNames()))
				.map(KeyName::asString)
				.forEach((key) -> assertThat(declared).as(observation + " key").contains(key));
		}
	}

	@Test
	void aRegistryWithoutATagDoesNotExportIt() {
		TelemetryTagRegistry narrow = new TelemetryTagRegistry(
				Arrays.stream(TelemetryTag.values()).filter((tag) -> tag != TelemetryTag.SESSION_ID).toList());
		assertThat(narrow.shouldExportToDatabricks(TelemetryEventType.CONNECTION_OPEN, "session.id")).isFalse();
		assertThat(narrow.shouldExportToDatabricks(TelemetryEventType.CONNECTION_OPEN, TelemetryTag.WORKSPACE_ID))
			.isTrue();
	}

}
