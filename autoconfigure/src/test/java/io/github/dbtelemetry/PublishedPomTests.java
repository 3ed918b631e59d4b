package io.github.dbtelemetry;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.lang.model.SourceVersion;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The POMs of the build, read as files: what Maven Central requires of every published POM
 * (name, description, url, licence, scm, developers, issue management), a module name for every
 * jar, sources and javadoc beside the published jars, and no other module published by
 * accident. The jars themselves are built after these tests run, so the manifest is checked
 * through the jar plugin's configuration, the way Maven resolves it: the module's own, else the
 * parent's pluginManagement, with properties from the module, else from the parent.
 */
class PublishedPomTests {

	// the build's root: surefire runs in the module's directory, an IDE may run in the root
	private static final Path ROOT = Files.isRegularFile(Path.of("autoconfigure", "pom.xml")) ? Path.of("")
			: Path.of("..");

	// the root POM, named like a module
	private static final String PARENT = "parent";

	private static final Map<String, String> PUBLISHED_JARS = Map.of("autoconfigure",
			"io.github.dbtelemetry.autoconfigure", "starter", "io.github.dbtelemetry.starter");

	private static final Pattern PROPERTY = Pattern.compile("\\$\\{([^}]+)}");

	@ParameterizedTest
	@ValueSource(strings = { PARENT, "autoconfigure", "starter" })
	void aPublishedPomNamesAndDescribesItself(String module) {
		// Maven does not inherit name, and Central wants each artifact described as itself
		Element project = pom(module);
		assertThat(text(project, "name")).as(module + ": name").isNotBlank();
		assertThat(text(project, "description")).as(module + ": description").isNotBlank();
	}

	@ParameterizedTest
	@ValueSource(strings = { PARENT, "autoconfigure", "starter" })
	void aPublishedPomHasTheMetadataMavenCentralRequires(String module) {
		assertThat(effectiveUrl(module, "url", "child.project.url.inherit.append.path"))
			.as(module + ": url, its own or inherited unchanged (child.project.url.inherit.append.path=\"false\")")
			.startsWith("https://");
		Element licence = first(inherited(module, "licenses"), "license").orElse(null);
		assertThat(licence).as(module + ": licenses/license").isNotNull();
		assertThat(text(licence, "name")).as(module + ": licence name").isNotBlank();
		assertThat(text(licence, "url")).as(module + ": licence url").startsWith("https://");
		Element developer = first(inherited(module, "developers"), "developer").orElse(null);
		assertThat(developer).as(module + ": developers/developer").isNotNull();
		assertThat(text(developer, "id") + text(developer, "name")).as(module + ": developer id or name")
			.isNotBlank();
		for (String scm : List.of("url", "connection", "developerConnection")) {
			assertThat(effectiveUrl(module, "scm/" + scm, "child.scm." + scm + ".inherit.append.path"))
				.as(module + ": scm/" + scm)
				.isNotBlank();
		}
		assertThat(text(inherited(module, "issueManagement"), "url")).as(module + ": issueManagement/url")
			.startsWith("https://");
	}

	@Test
	void theLibraryImportsSpringBootsBomInsteadOfInheritingTheStarterParent() {
		Element parent = pom(PARENT);
		assertThat(child(parent, "parent")).as("the parent POM has no parent of its own").isNull();
		assertThat(property(PARENT, "spring-boot.version")).as("spring-boot.version").isNotBlank();
		assertThat(children(child(child(parent, "dependencyManagement"), "dependencies"), "dependency"))
			.anySatisfy((dependency) -> {
				assertThat(text(dependency, "groupId")).isEqualTo("org.springframework.boot");
				assertThat(text(dependency, "artifactId")).isEqualTo("spring-boot-dependencies");
				assertThat(text(dependency, "version")).isEqualTo("${spring-boot.version}");
				assertThat(text(dependency, "type")).isEqualTo("pom");
				assertThat(text(dependency, "scope")).isEqualTo("import");
			});
		for (String module : PUBLISHED_JARS.keySet()) {
			assertThat(text(child(pom(module), "parent"), "artifactId")).as(module + ": parent")
				.isEqualTo(text(parent, "artifactId"));
		}
	}

	@Test
	void everyJarHasItsOwnAutomaticModuleName() {
		Map<String, String> names = new LinkedHashMap<>();
		for (String module : modules()) {
			String packaging = text(pom(module), "packaging");
			if (!packaging.isEmpty() && !packaging.equals("jar")) {
				continue;
			}
			String name = automaticModuleName(module);
			assertThat(name).as(module + ": Automatic-Module-Name (set automatic.module.name)").isNotNull();
			assertThat(isModuleName(name)).as(module + ": Automatic-Module-Name " + name + " is a module name")
				.isTrue();
			assertThat(name).as(module + ": Automatic-Module-Name").startsWith("io.github.dbtelemetry.");
			assertThat(names.values()).as(module + ": Automatic-Module-Name " + name + " is not taken")
				.doesNotContain(name);
			names.put(module, name);
		}
		assertThat(names).containsAllEntriesOf(PUBLISHED_JARS);
	}

	@Test
	void theAutoConfigurationIsPublishedWithSourcesAndJavadoc() {
		Element plugins = child(child(pom("autoconfigure"), "build"), "plugins");
		assertThat(plugin(plugins, "maven-source-plugin")).as("maven-source-plugin").isNotNull();
		assertThat(plugin(plugins, "maven-javadoc-plugin")).as("maven-javadoc-plugin").isNotNull();
		Element managed = child(child(child(pom(PARENT), "build"), "pluginManagement"), "plugins");
		assertThat(goals(plugin(managed, "maven-source-plugin"))).contains("jar-no-fork");
		assertThat(goals(plugin(managed, "maven-javadoc-plugin"))).contains("jar");
		assertThat(text(child(plugin(managed, "maven-javadoc-plugin"), "configuration"), "excludePackageNames"))
			.as("the internal packages are not API and have no javadoc")
			.contains("io.github.dbtelemetry.internal");
	}

	@Test
	void theStarterHasNoCodeButStillSourcesAndJavadocJars() {
		Element jarPlugin = plugin(child(child(pom("starter"), "build"), "plugins"), "maven-jar-plugin");
		assertThat(jarPlugin).as("maven-jar-plugin").isNotNull();
		List<String> classifiers = new ArrayList<>();
		for (Element execution : children(child(jarPlugin, "executions"), "execution")) {
			Element configuration = child(execution, "configuration");
			classifiers.add(text(configuration, "classifier"));
			assertThat(Files.isDirectory(ROOT.resolve("starter")
				.resolve(text(configuration, "classesDirectory").replace("${project.basedir}/", ""))))
				.as("the directory of the " + text(configuration, "classifier") + " jar")
				.isTrue();
		}
		assertThat(classifiers).contains("sources", "javadoc");
	}

	@Test
	void everyOtherModuleIsNeitherDeployedNorPublished() {
		for (String module : modules()) {
			if (PUBLISHED_JARS.containsKey(module)) {
				continue;
			}
			assertThat(property(module, "maven.deploy.skip")).as(module + ": maven.deploy.skip").isEqualTo("true");
			assertThat(property(module, "skipPublishing")).as(module + ": skipPublishing (Central)")
				.isEqualTo("true");
		}
	}

	@Test
	void releasingIsAProfileNobodyGetsByDefault() {
		Element release = children(child(pom(PARENT), "profiles"), "profile").stream()
			.filter((profile) -> text(profile, "id").equals("release"))
			.findFirst()
			.orElse(null);
		assertThat(release).as("the release profile").isNotNull();
		assertThat(child(release, "activation")).as("release profile activation").isNull();
		Element plugins = child(child(release, "build"), "plugins");
		assertThat(plugin(plugins, "maven-gpg-plugin")).as("maven-gpg-plugin").isNotNull();
		Element central = plugin(plugins, "central-publishing-maven-plugin");
		assertThat(central).as("central-publishing-maven-plugin").isNotNull();
		assertThat(text(child(central, "configuration"), "publishingServerId")).isEqualTo("central");
		assertThat(text(child(central, "configuration"), "autoPublish")).isEqualTo("false");
	}

	// The main jar's Automatic-Module-Name, as the jar plugin will see it.
	private static String automaticModuleName(String module) {
		String configured = manifestEntry(plugin(child(child(pom(module), "build"), "plugins"), "maven-jar-plugin"))
			.or(() -> manifestEntry(plugin(child(child(child(pom(PARENT), "build"), "pluginManagement"), "plugins"),
					"maven-jar-plugin")))
			.orElse(null);
		if (configured == null) {
			return null;
		}
		Matcher reference = PROPERTY.matcher(configured);
		StringBuilder resolved = new StringBuilder();
		while (reference.find()) {
			String value = property(module, reference.group(1));
			if (value.isEmpty()) {
				return null;
			}
			reference.appendReplacement(resolved, Matcher.quoteReplacement(value));
		}
		reference.appendTail(resolved);
		return resolved.toString();
	}

	private static Optional<String> manifestEntry(Element jarPlugin) {
		String entry = text(child(child(child(jarPlugin, "configuration"), "archive"), "manifestEntries"),
				"Automatic-Module-Name");
		return entry.isEmpty() ? Optional.empty() : Optional.of(entry);
	}

	private static boolean isModuleName(String name) {
		for (String part : name.split("\\.", -1)) {
			if (!SourceVersion.isIdentifier(part) || SourceVersion.isKeyword(part)) {
				return false;
			}
		}
		return true;
	}

	// A url or scm url of the module as Maven computes it: its own, or the parent's taken over
	// unchanged; null when Maven would append the module's artifactId to the parent's.
	private static String effectiveUrl(String module, String path, String appendAttribute) {
		String own = textAt(pom(module), path);
		if (!own.isEmpty() || module.equals(PARENT)) {
			return own;
		}
		Element parent = pom(PARENT);
		Element holder = path.contains("/") ? child(parent, path.substring(0, path.indexOf('/'))) : parent;
		if (holder == null || !"false".equals(holder.getAttribute(appendAttribute))) {
			return null;
		}
		return textAt(parent, path);
	}

	// The module's own element, else the parent's: Maven inherits these whole.
	private static Element inherited(String module, String name) {
		Element own = child(pom(module), name);
		return (own != null) ? own : child(pom(PARENT), name);
	}

	private static String property(String module, String name) {
		String own = text(child(pom(module), "properties"), name);
		return (!own.isEmpty() || module.equals(PARENT)) ? own : text(child(pom(PARENT), "properties"), name);
	}

	private static List<String> modules() {
		return children(child(pom(PARENT), "modules"), "module").stream().map(Node::getTextContent).map(String::trim)
			.toList();
	}

	private static Element plugin(Element plugins, String artifactId) {
		return children(plugins, "plugin").stream()
			.filter((plugin) -> text(plugin, "artifactId").equals(artifactId))
			.findFirst()
			.orElse(null);
	}

	private static List<String> goals(Element plugin) {
		List<String> goals = new ArrayList<>();
		for (Element execution : children(child(plugin, "executions"), "execution")) {
			children(child(execution, "goals"), "goal").forEach((goal) -> goals.add(goal.getTextContent().trim()));
		}
		return goals;
	}

	private static Element pom(String module) {
		Path file = module.equals(PARENT) ? ROOT.resolve("pom.xml") : ROOT.resolve(module).resolve("pom.xml");
		try {
			DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
			factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
			factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
			factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
			try (InputStream in = Files.newInputStream(file)) {
				Document document = factory.newDocumentBuilder().parse(in);
				return document.getDocumentElement();
			}
		}
		catch (IOException ex) {
			throw new IllegalStateException("Cannot read " + file.toAbsolutePath().normalize(), ex);
		}
		catch (Exception ex) {
			throw new IllegalStateException("Cannot parse " + file.toAbsolutePath().normalize(), ex);
		}
	}

	private static Optional<Element> first(Element parent, String name) {
		return children(parent, name).stream().findFirst();
	}

	private static String textAt(Element element, String path) {
		Element current = element;
		String[] names = path.split("/");
		for (int i = 0; i < names.length - 1; i++) {
			current = child(current, names[i]);
		}
		return text(current, names[names.length - 1]);
	}

	private static String text(Element parent, String name) {
		Element element = child(parent, name);
		return (element != null) ? element.getTextContent().trim() : "";
	}

	private static Element child(Element parent, String name) {
		List<Element> matches = children(parent, name);
		return matches.isEmpty() ? null : matches.get(0);
	}

	private static List<Element> children(Element parent, String name) {
		List<Element> children = new ArrayList<>();
		if (parent == null) {
			return children;
		}
		for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
			if (node instanceof Element element && name.equals(element.getTagName())) {
				children.add(element);
			}
		}
		return children;
	}

}
