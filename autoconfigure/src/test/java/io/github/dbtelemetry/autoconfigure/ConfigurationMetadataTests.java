package io.github.dbtelemetry.autoconfigure;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.Parameter;
import java.lang.reflect.RecordComponent;
import java.net.URL;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.boot.convert.DurationUnit;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The IDE metadata the build generates from {@link DatabricksTelemetryProperties} and
 * {@link DatabricksTelemetrySdkProperties} and merges with
 * {@code additional-spring-configuration-metadata.json}, read back as an IDE reads it: the
 * processor copies the {@code @param} texts verbatim, so nothing but this test notices a Javadoc
 * tag, a lost default or a description that breaks Spring Boot's rules for them.
 */
class ConfigurationMetadataTests {

	private static final String PREFIX = "databricks.telemetry.";

	private static final String SECONDS = "If a duration suffix is not specified, seconds will be used.";

	private final JsonNode metadata = ownMetadata();

	private final Map<String, Parameter> declared = declaredProperties();

	@Test
	void everyPropertyOfTheRecordsIsInTheMetadataAndNothingElse() {
		assertThat(properties().keySet()).filteredOn((name) -> name.startsWith(PREFIX))
			.containsExactlyInAnyOrderElementsOf(this.declared.keySet());
	}

	@Test
	void everyDescriptionIsPlainTextStartingWithACapitalAndEndingWithAPeriod() {
		assertThat(starterProperties()).isNotEmpty().allSatisfy((property) -> {
			String description = property.path("description").asString("");
			assertThat(description).as(property.path("name").asString())
				.isNotBlank()
				.matches("\\p{Lu}.*\\.")
				.doesNotContain("{@", "<", ">", "&", "@code", "@link")
				.doesNotStartWith("The ")
				.doesNotStartWith("A ");
		});
	}

	@Test
	void booleansStartWithWhetherAndListsWithCommaSeparatedList() {
		assertThat(starterProperties()).allSatisfy((property) -> {
			String type = property.path("type").asString();
			String description = property.path("description").asString();
			if (type.equals("java.lang.Boolean")) {
				assertThat(description).as(property.path("name").asString()).startsWith("Whether ");
			}
			if (type.startsWith("java.util.List")) {
				assertThat(description).as(property.path("name").asString()).startsWith("Comma-separated list of ");
			}
		});
	}

	@Test
	void aDurationSaysItsUnitExactlyWhenABareNumberMeansSeconds() {
		this.declared.forEach((name, parameter) -> {
			if (parameter.getType() != Duration.class) {
				return;
			}
			String description = properties().get(name).path("description").asString();
			DurationUnit unit = parameter.getAnnotation(DurationUnit.class);
			if (unit == null) {
				assertThat(description).as(name).doesNotContain("duration suffix");
			}
			else {
				assertThat(unit.value()).as(name).isEqualTo(ChronoUnit.SECONDS);
				assertThat(description).as(name).endsWith(SECONDS);
			}
		});
	}

	@Test
	void everyDefaultValueIsInTheMetadataAsBound() {
		this.declared.forEach((name, parameter) -> {
			DefaultValue defaultValue = parameter.getAnnotation(DefaultValue.class);
			JsonNode inMetadata = properties().get(name).path("defaultValue");
			if (defaultValue == null) {
				assertThat(inMetadata.isMissingNode()).as(name + " has no default").isTrue();
			}
			else if (List.class.isAssignableFrom(parameter.getType())) {
				// the processor writes a list's default as its toString(), "[a, b]"; the additional
				// metadata file restates it as an array
				assertThat(inMetadata.isArray()).as(name + " is a list, not its toString()").isTrue();
				List<String> values = new ArrayList<>();
				inMetadata.forEach((value) -> values.add(value.asString()));
				assertThat(values).as(name).containsExactly(defaultValue.value());
			}
			else {
				assertThat(inMetadata.isValueNode()).as(name).isTrue();
				assertThat(inMetadata.asString()).as(name).isEqualTo(defaultValue.value()[0]);
			}
		});
	}

	@Test
	void theHealthSwitchIsDocumented() {
		JsonNode health = properties().get("management.health.databricks-telemetry.enabled");
		assertThat(health).isNotNull();
		assertThat(health.path("type").asString()).isEqualTo("java.lang.Boolean");
		assertThat(health.path("defaultValue").asBoolean(false)).isTrue();
		assertThat(health.path("description").asString()).startsWith("Whether ").endsWith(".");
	}

	@Test
	void theExportModeAndTheUrlPrefixesHaveValueHints() {
		assertThat(hintValues("databricks.telemetry.export-mode")).containsOnlyKeys("auto", "always", "never")
			.allSatisfy((value, description) -> assertThat(description).matches("\\p{Lu}.*\\."));
		assertThat(hintValues("databricks.telemetry.datasource.url-prefixes"))
			.containsOnlyKeys("jdbc:databricks:", "jdbc:spark:");
		assertThat(hint("databricks.telemetry.datasource.url-prefixes").path("providers").findValuesAsString("name"))
			.as("other drivers' prefixes are allowed too")
			.containsExactly("any");
	}

	private List<JsonNode> starterProperties() {
		return properties().entrySet()
			.stream()
			.filter((entry) -> entry.getKey().startsWith(PREFIX))
			.map(Map.Entry::getValue)
			.toList();
	}

	private Map<String, JsonNode> properties() {
		Map<String, JsonNode> properties = new LinkedHashMap<>();
		this.metadata.path("properties").forEach((property) -> properties.put(property.path("name").asString(), property));
		return properties;
	}

	private JsonNode hint(String name) {
		for (JsonNode hint : this.metadata.path("hints")) {
			if (name.equals(hint.path("name").asString())) {
				return hint;
			}
		}
		throw new AssertionError("No hint for " + name);
	}

	private Map<String, String> hintValues(String name) {
		Map<String, String> values = new LinkedHashMap<>();
		hint(name).path("values")
			.forEach((value) -> values.put(value.path("value").asString(), value.path("description").asString("")));
		return values;
	}

	/**
	 * This module's file among the ones of every Spring Boot jar on the test classpath: the one
	 * with the {@code databricks.telemetry} group.
	 */
	private static JsonNode ownMetadata() {
		JsonMapper json = JsonMapper.builder().build();
		try {
			for (URL url : Collections.list(ConfigurationMetadataTests.class.getClassLoader()
				.getResources("META-INF/spring-configuration-metadata.json"))) {
				try (InputStream in = url.openStream()) {
					JsonNode candidate = json.readTree(in);
					if (candidate.path("groups").findValuesAsString("name").contains("databricks.telemetry")) {
						return candidate;
					}
				}
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
		throw new AssertionError("No generated metadata for databricks.telemetry on the classpath");
	}

	/** Every leaf property of the records, by its name, with the constructor parameter that binds it. */
	private static Map<String, Parameter> declaredProperties() {
		Map<String, Parameter> properties = new LinkedHashMap<>();
		collect("databricks.telemetry", DatabricksTelemetryProperties.class, properties);
		collect("databricks.telemetry.sdk", DatabricksTelemetrySdkProperties.class, properties);
		return properties;
	}

	private static void collect(String prefix, Class<?> type, Map<String, Parameter> properties) {
		RecordComponent[] components = type.getRecordComponents();
		Class<?>[] types = new Class<?>[components.length];
		for (int i = 0; i < components.length; i++) {
			types[i] = components[i].getType();
		}
		Constructor<?> canonical;
		try {
			canonical = type.getDeclaredConstructor(types);
		}
		catch (NoSuchMethodException ex) {
			throw new IllegalStateException(ex);
		}
		Parameter[] parameters = canonical.getParameters();
		for (int i = 0; i < components.length; i++) {
			String name = prefix + "." + kebab(components[i].getName());
			if (components[i].getType().isRecord()
					&& components[i].getType().getEnclosingClass() == DatabricksTelemetryProperties.class) {
				collect(name, components[i].getType(), properties);
			}
			else {
				properties.put(name, parameters[i]);
			}
		}
	}

	private static String kebab(String camel) {
		return camel.replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
	}

}
