package io.github.dbtelemetry.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.DatabaseMetaData;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.fasterxml.jackson.annotation.JsonProperty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.aot.hint.ExecutableMode;
import org.springframework.aot.hint.MemberCategory;
import org.springframework.aot.hint.RuntimeHints;
import org.springframework.aot.hint.RuntimeHintsRegistrar;
import org.springframework.aot.hint.TypeHint;
import org.springframework.aot.hint.TypeReference;
import org.springframework.aot.hint.predicate.RuntimeHintsPredicates;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.core.io.support.SpringFactoriesLoader;
import org.springframework.util.ClassUtils;
import org.springframework.util.ReflectionUtils;

import io.github.dbtelemetry.internal.OptionalLibraries;
import io.github.dbtelemetry.internal.databricks.DriverVersions;
import io.github.dbtelemetry.internal.event.SystemConfigurations;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The hints a native image needs, checked the way the AOT engine reads them. Nothing here can run
 * a native image; what these tests guard is that every type, resource, proxy and reflective call
 * the starter relies on is named, and that a new one cannot be added without a hint.
 */
class DatabricksTelemetryRuntimeHintsTests {

	private static final String MODEL_PACKAGE = "io.github.dbtelemetry.model";

	private final RuntimeHints hints = registeredHints();

	@Test
	void aotFactoriesListTheRegistrar() {
		List<RuntimeHintsRegistrar> registrars = SpringFactoriesLoader
			.forResourceLocation("META-INF/spring/aot.factories")
			.load(RuntimeHintsRegistrar.class);
		assertThat(registrars).hasAtLeastOneElementOfType(DatabricksTelemetryRuntimeHints.class);
	}

	@Test
	void everyRecordAndEnumOfTheWireModelHasHints() {
		assertThat(DatabricksTelemetryRuntimeHints.WIRE_MODEL).containsExactlyInAnyOrderElementsOf(wireModel().toList());
	}

	@ParameterizedTest
	@MethodSource("wireModelRecords")
	void aWireModelRecordCanBeConstructedAndItsComponentsReadByJackson(Class<?> record) {
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(record)
			.withMemberCategory(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS)).accepts(this.hints);
		for (RecordComponent component : record.getRecordComponents()) {
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(component.getAccessor()))
				.as(component.toString())
				.accepts(this.hints);
		}
		for (Field field : record.getDeclaredFields()) {
			if (!Modifier.isStatic(field.getModifiers())) {
				assertThat(RuntimeHintsPredicates.reflection().onFieldAccess(field)).as(field.toString())
					.accepts(this.hints);
			}
		}
		// such as TelemetryRequest.items(): no component, written only because it is annotated
		ReflectionUtils.doWithMethods(record,
				(method) -> assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(method))
					.as(method.toString())
					.accepts(this.hints),
				(method) -> method.isAnnotationPresent(JsonProperty.class));
	}

	/**
	 * Jackson reads an enum's constants as its declared fields (for their annotations). The
	 * predicate for a public field asks for public-field access only, so the declared-field
	 * category, which covers the constants in a native image, is checked on the type.
	 */
	@ParameterizedTest
	@MethodSource("wireModelEnums")
	void aWireModelEnumHasItsConstantsReadableByJackson(Class<?> enumType) {
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(enumType)
			.withMemberCategories(MemberCategory.INVOKE_DECLARED_CONSTRUCTORS, MemberCategory.ACCESS_DECLARED_FIELDS))
			.accepts(this.hints);
	}

	@Test
	void theStartersVersionIsIncludedFromWhereItIsRead() throws IOException {
		assertThat(RuntimeHintsPredicates.resource().forResource(DatabricksTelemetryRuntimeHints.STARTER_VERSION))
			.accepts(this.hints);
		assertThat(version(DatabricksTelemetryRuntimeHints.STARTER_VERSION))
			.isEqualTo(SystemConfigurations.starterVersion());
	}

	@Test
	void theDriversPomPropertiesAreIncludedFromWhereTheDriverVersionIsRead() throws IOException {
		assertThat(RuntimeHintsPredicates.resource().forResource(DatabricksTelemetryRuntimeHints.DRIVER_POM_PROPERTIES))
			.accepts(this.hints);
		// the driver is on the test classpath, so both name the one file
		assertThat(version(DatabricksTelemetryRuntimeHints.DRIVER_POM_PROPERTIES)).isNotNull()
			.isEqualTo(DriverVersions.databricksJdbcVersion());
	}

	@Test
	void databaseMetaDataCanBeProxiedAndItsMethodsCalledThroughTheProxy() throws NoSuchMethodException {
		assertThat(RuntimeHintsPredicates.proxies().forInterfaces(DatabaseMetaData.class)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onType(DatabaseMetaData.class)
			.withMemberCategory(MemberCategory.INVOKE_PUBLIC_METHODS)).accepts(this.hints);
		assertThat(RuntimeHintsPredicates.reflection()
			.onMethodInvocation(DatabaseMetaData.class.getMethod("getTables", String.class, String.class,
					String.class, String[].class))).accepts(this.hints);
	}

	@Test
	void httpClientShutdownNowIsInvocableWhereTheRuntimeHasIt() {
		Method shutdownNow = ClassUtils.getMethodIfAvailable(HttpClient.class, "shutdownNow");
		if (shutdownNow != null) {
			assertThat(RuntimeHintsPredicates.reflection().onMethodInvocation(shutdownNow)).accepts(this.hints);
		}
		// Java 17 has no such method to give a predicate, so the hint itself is read too
		TypeHint type = this.hints.reflection().getTypeHint(HttpClient.class);
		assertThat(type).isNotNull();
		assertThat(type.methods()).anySatisfy((method) -> {
			assertThat(method.getName()).isEqualTo("shutdownNow");
			assertThat(method.getParameterTypes()).isEmpty();
			assertThat(method.getMode()).isEqualTo(ExecutableMode.INVOKE);
		});
	}

	@Test
	void theDatabricksDriverIsFoundByNameOnceDriverIdsIsReached() {
		assertThat(RuntimeHintsPredicates.reflection().onType(DatabricksTelemetryRuntimeHints.DRIVER_CONNECTION))
			.accepts(this.hints);
		assertThat(this.hints.reflection().getTypeHint(DatabricksTelemetryRuntimeHints.DRIVER_CONNECTION))
			.satisfies((type) -> assertThat(type.getReachableType())
				.isEqualTo(TypeReference.of(OptionalLibraries.class)));
		// the name is the one the detection uses: with the driver on the classpath it is found
		assertThat(OptionalLibraries.DATABRICKS_DRIVER).isTrue();
		assertThat(ClassUtils.isPresent(DatabricksTelemetryRuntimeHints.DRIVER_CONNECTION.getName(), null)).isTrue();
	}

	@Test
	void hikariIsFoundByName() {
		assertThat(RuntimeHintsPredicates.reflection().onType(DatabricksTelemetryRuntimeHints.HIKARI_DATA_SOURCE))
			.accepts(this.hints);
		assertThat(ClassUtils.isPresent(DatabricksTelemetryRuntimeHints.HIKARI_DATA_SOURCE.getName(), null)).isTrue();
		assertThat(OptionalLibraries.HIKARI).isTrue();
	}

	/**
	 * The sources that reach something by name or reflection are the ones the hints were written
	 * for. A new one fails here, so that whoever adds it also adds its hint (and this list).
	 */
	@Test
	void noOtherSourceLooksUpClassesMethodsResourcesOrProxies() throws IOException {
		Pattern reflective = Pattern.compile("Class\\.forName\\(|ClassUtils\\.isPresent\\(|\\.getMethod\\("
				+ "|\\.getDeclaredMethod|\\.getDeclaredConstructor|Proxy\\.newProxyInstance\\(|\\.getResource"
				+ "|ClassPathResource|ServiceLoader|MethodHandles|Enhancer");
		Set<String> sources = new TreeSet<>();
		Path root = Path.of("src/main/java");
		try (Stream<Path> files = Files.walk(root)) {
			files.filter((file) -> file.toString().endsWith(".java")).forEach((file) -> {
				if (reflective.matcher(read(file)).find()) {
					sources.add(root.relativize(file).toString().replace('\\', '/'));
				}
			});
		}
		assertThat(sources).containsExactly("io/github/dbtelemetry/internal/OptionalLibraries.java",
				"io/github/dbtelemetry/internal/databricks/DriverVersions.java",
				"io/github/dbtelemetry/internal/event/SystemConfigurations.java",
				"io/github/dbtelemetry/internal/export/TelemetryHttpClient.java",
				"io/github/dbtelemetry/internal/jdbc/TelemetryDatabaseMetaData.java",
				// its subclass cannot be generated in a native image, where it falls back (see the hints)
				"io/github/dbtelemetry/internal/jdbc/TypePreservingDataSource.java");
	}

	static Stream<Class<?>> wireModel() {
		try {
			Resource[] classes = new PathMatchingResourcePatternResolver()
				.getResources("classpath*:" + MODEL_PACKAGE.replace('.', '/') + "/*.class");
			return Arrays.stream(classes)
				.map((resource) -> MODEL_PACKAGE + "." + resource.getFilename().replace(".class", ""))
				.filter((name) -> !name.endsWith("package-info"))
				.<Class<?>>map((name) -> ClassUtils.resolveClassName(name, null))
				.filter((type) -> type.isRecord() || type.isEnum())
				.sorted((a, b) -> a.getName().compareTo(b.getName()));
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static Stream<Class<?>> wireModelRecords() {
		return wireModel().filter(Class::isRecord);
	}

	static Stream<Class<?>> wireModelEnums() {
		return wireModel().filter(Class::isEnum);
	}

	private static RuntimeHints registeredHints() {
		RuntimeHints hints = new RuntimeHints();
		new DatabricksTelemetryRuntimeHints().registerHints(hints, DatabricksTelemetryRuntimeHintsTests.class.getClassLoader());
		return hints;
	}

	private static String version(String resource) throws IOException {
		return PropertiesLoaderUtils.loadProperties(new ClassPathResource(resource)).getProperty("version");
	}

	private static String read(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

}
