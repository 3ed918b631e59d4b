package io.github.dbtelemetry;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages of the library, read from its sources: each package does one job, the
 * dependencies between them have no cycle, and the packages applications use (the wire model,
 * the exporter and credentials contracts, the pipeline's listener and snapshot) depend on no
 * internal package.
 */
class PackageStructureTests {

	private static final String BASE = "io.github.dbtelemetry";

	private static final Path SOURCES = Path.of("src/main/java");

	// an import of a type (or of a member of a type) of this library
	private static final Pattern IMPORT = Pattern
		.compile("^import (?:static )?(" + Pattern.quote(BASE) + "(?:\\.[a-z]\\w*)*)\\.[A-Z]", Pattern.MULTILINE);

	@Test
	void thePackageGraphHasNoCycle() {
		Map<String, Set<String>> graph = dependencies();
		List<List<String>> cycles = new ArrayList<>();
		for (String from : graph.keySet()) {
			for (String to : graph.get(from)) {
				if (reaches(graph, to, from, new HashSet<>())) {
					cycles.add(List.of(from, to));
				}
			}
		}
		assertThat(cycles).as("package dependencies that are part of a cycle").isEmpty();
	}

	@ParameterizedTest
	@ValueSource(strings = { "model", "auth", "export", "pipeline" })
	void aContractPackageDependsOnNoInternalPackage(String contract) {
		assertThat(dependencies().get(BASE + "." + contract)).isNotNull()
			.noneMatch((dependency) -> dependency.startsWith(BASE + ".internal"));
	}

	@Test
	void theSpringWiringIsTheOnlyPackageThatKnowsTheApplicationContext() {
		dependencies().keySet()
			.stream()
			.filter((pkg) -> !pkg.equals(BASE + ".autoconfigure"))
			.forEach((pkg) -> assertThat(sourcesOf(pkg))
				.as(pkg)
				.noneMatch((source) -> source.contains("import org.springframework.context.")
						|| source.contains("import org.springframework.beans.")
						|| source.contains("import org.springframework.boot.autoconfigure.")));
	}

	private static boolean reaches(Map<String, Set<String>> graph, String from, String target, Set<String> seen) {
		if (from.equals(target)) {
			return true;
		}
		if (!seen.add(from)) {
			return false;
		}
		for (String next : graph.getOrDefault(from, Set.of())) {
			if (reaches(graph, next, target, seen)) {
				return true;
			}
		}
		return false;
	}

	private static Map<String, Set<String>> dependencies() {
		Map<String, Set<String>> graph = new TreeMap<>();
		for (Path file : javaFiles()) {
			String pkg = packageOf(file);
			Set<String> targets = graph.computeIfAbsent(pkg, (key) -> new TreeSet<>());
			Matcher imports = IMPORT.matcher(read(file));
			while (imports.find()) {
				if (!imports.group(1).equals(pkg)) {
					targets.add(imports.group(1));
				}
			}
		}
		return graph;
	}

	private static List<String> sourcesOf(String pkg) {
		return javaFiles().stream().filter((file) -> packageOf(file).equals(pkg)).map(PackageStructureTests::read).toList();
	}

	private static List<Path> javaFiles() {
		try (Stream<Path> files = Files.walk(SOURCES)) {
			return files.filter((file) -> file.toString().endsWith(".java")
					&& !file.getFileName().toString().equals("package-info.java")).toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static String packageOf(Path file) {
		return SOURCES.relativize(file.getParent()).toString().replace(java.io.File.separatorChar, '.');
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
