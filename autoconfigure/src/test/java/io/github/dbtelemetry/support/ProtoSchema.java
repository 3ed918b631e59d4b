package io.github.dbtelemetry.support;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The messages and enums of a {@code .proto} file, as far as a JSON payload needs them: field
 * names, numbers, types and whether they repeat, and enum values. Purpose-built for the
 * Databricks drivers' telemetry schema, not a general protobuf parser: it reads {@code message},
 * {@code enum}, {@code oneof} and field declarations (with {@code optional}, {@code required} or
 * {@code repeated}), skips {@code syntax}, {@code package}, {@code option}, {@code import} and
 * {@code reserved} statements and field options, and rejects anything else (maps, services,
 * extensions) with the line it found it on, so that a schema it cannot read is never half read.
 */
public final class ProtoSchema {

	/** A field of a message; {@code type} is a scalar's name or the full name of a message or enum. */
	public record Field(String name, String type, boolean repeated, int number) {
	}

	public record Message(String name, Map<String, Field> fields) {
	}

	private static final List<String> SCALARS = List.of("double", "float", "int32", "int64", "uint32", "uint64",
			"sint32", "sint64", "fixed32", "fixed64", "sfixed32", "sfixed64", "bool", "string", "bytes");

	private static final Pattern TOKEN = Pattern
		.compile("\\s+|//[^\\n]*|/\\*.*?\\*/|\"(?:[^\"\\\\]|\\\\.)*\"|[A-Za-z_][A-Za-z0-9_.]*|-?\\d+|[{}\\[\\]()<>;=,.]",
				Pattern.DOTALL);

	private final Map<String, Message> messages;

	private final Map<String, List<String>> enums;

	private ProtoSchema(Map<String, Message> messages, Map<String, List<String>> enums) {
		this.messages = messages;
		this.enums = enums;
	}

	/** The schema of a class-path resource. */
	public static ProtoSchema read(String resource) {
		try (InputStream in = ProtoSchema.class.getResourceAsStream(resource)) {
			if (in == null) {
				throw new IllegalArgumentException("no resource " + resource);
			}
			return parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	public static ProtoSchema parse(String text) {
		return new Parser(tokens(text)).schema();
	}

	public Map<String, Message> messages() {
		return this.messages;
	}

	public Map<String, List<String>> enums() {
		return this.enums;
	}

	public Optional<Message> message(String name) {
		return Optional.ofNullable(this.messages.get(name));
	}

	public boolean isEnum(String type) {
		return this.enums.containsKey(type);
	}

	public static boolean isScalar(String type) {
		return SCALARS.contains(type);
	}

	/**
	 * The declarations in a fixed form (messages, then enums, each in the order declared) without
	 * comments or options: two files declaring the same schema print the same.
	 */
	public String canonical() {
		StringBuilder out = new StringBuilder();
		this.messages.values().forEach((message) -> {
			out.append("message ").append(message.name()).append(" {\n");
			message.fields().values().forEach((field) -> out.append("  ")
				.append(field.repeated() ? "repeated " : "optional ").append(field.type()).append(' ')
				.append(field.name()).append(" = ").append(field.number()).append(";\n"));
			out.append("}\n");
		});
		this.enums.forEach((name, values) -> {
			out.append("enum ").append(name).append(" {\n");
			values.forEach((value) -> out.append("  ").append(value).append(";\n"));
			out.append("}\n");
		});
		return out.toString();
	}

	private record Token(String text, int line) {
	}

	private static List<Token> tokens(String text) {
		List<Token> tokens = new ArrayList<>();
		Matcher matcher = TOKEN.matcher(text);
		int position = 0;
		int line = 1;
		while (position < text.length()) {
			if (!matcher.find(position) || matcher.start() != position) {
				throw new IllegalArgumentException("line " + line + ": cannot read '" + text.charAt(position) + "'");
			}
			String token = matcher.group();
			if (!token.isBlank() && !token.startsWith("//") && !token.startsWith("/*")) {
				tokens.add(new Token(token, line));
			}
			line += (int) token.chars().filter((c) -> c == '\n').count();
			position = matcher.end();
		}
		return tokens;
	}

	private static final class Parser {

		private final List<Token> tokens;

		private int next;

		private final Map<String, Message> messages = new LinkedHashMap<>();

		private final Map<String, List<String>> enums = new LinkedHashMap<>();

		// Field types as written, resolved once every name is known: a type may be declared later.
		private final Map<String, List<String[]>> unresolved = new LinkedHashMap<>();

		Parser(List<Token> tokens) {
			this.tokens = tokens;
		}

		ProtoSchema schema() {
			while (this.next < this.tokens.size()) {
				String word = take();
				switch (word) {
					case "syntax", "package", "option", "import" -> skipStatement();
					case "message" -> message("");
					case "enum" -> enumeration("");
					case ";" -> {
					}
					default -> throw unexpected(word);
				}
			}
			Map<String, Message> resolved = new LinkedHashMap<>();
			this.messages.forEach((name, message) -> {
				Map<String, Field> fields = new LinkedHashMap<>();
				message.fields().values().forEach((field) -> fields.put(field.name(),
						new Field(field.name(), resolve(field.type(), name), field.repeated(), field.number())));
				resolved.put(name, new Message(name, java.util.Collections.unmodifiableMap(fields)));
			});
			return new ProtoSchema(java.util.Collections.unmodifiableMap(resolved),
					java.util.Collections.unmodifiableMap(this.enums));
		}

		private void message(String outer) {
			String name = outer + identifier();
			expect("{");
			Map<String, Field> fields = new LinkedHashMap<>();
			this.messages.put(name, new Message(name, fields));
			body(name, fields);
		}

		private void body(String scope, Map<String, Field> fields) {
			while (!peek().equals("}")) {
				String word = take();
				switch (word) {
					case "message" -> message(scope + ".");
					case "enum" -> enumeration(scope + ".");
					case "option", "reserved", "extensions" -> skipStatement();
					case "oneof" -> {
						identifier();
						expect("{");
						body(scope, fields);
					}
					case ";" -> {
					}
					case "optional", "required" -> field(identifier(), false, fields);
					case "repeated" -> field(identifier(), true, fields);
					case "map", "extend", "service", "group" -> throw unexpected(word);
					default -> field(word, false, fields);
				}
			}
			expect("}");
		}

		private void field(String type, boolean repeated, Map<String, Field> fields) {
			String name = identifier();
			expect("=");
			int number = Integer.parseInt(take());
			if (peek().equals("[")) {
				while (!take().equals("]")) {
					// field options say nothing about the JSON form
				}
			}
			expect(";");
			if (fields.put(name, new Field(name, type, repeated, number)) != null) {
				throw new IllegalArgumentException("field " + name + " declared twice");
			}
		}

		private void enumeration(String outer) {
			String name = outer + identifier();
			expect("{");
			List<String> values = new ArrayList<>();
			while (!peek().equals("}")) {
				String word = take();
				if (word.equals("option") || word.equals("reserved")) {
					skipStatement();
					continue;
				}
				if (word.equals(";")) {
					continue;
				}
				expect("=");
				take();
				if (peek().equals("[")) {
					while (!take().equals("]")) {
						// value options
					}
				}
				expect(";");
				values.add(word);
			}
			expect("}");
			this.enums.put(name, List.copyOf(values));
		}

		/** A type name as protobuf scopes it: innermost enclosing message first, then outwards. */
		private String resolve(String type, String scope) {
			if (isScalar(type)) {
				return type;
			}
			String name = type.startsWith(".") ? type.substring(1) : type;
			for (String prefix = scope; !prefix.isEmpty(); prefix = outer(prefix)) {
				String candidate = prefix + "." + name;
				if (this.messages.containsKey(candidate) || this.enums.containsKey(candidate)) {
					return candidate;
				}
			}
			if (this.messages.containsKey(name) || this.enums.containsKey(name)) {
				return name;
			}
			throw new IllegalArgumentException("type " + type + " used in " + scope + " is not declared");
		}

		private static String outer(String scope) {
			int dot = scope.lastIndexOf('.');
			return (dot >= 0) ? scope.substring(0, dot) : "";
		}

		private void skipStatement() {
			int depth = 0;
			while (true) {
				String word = take();
				if (word.equals("{")) {
					depth++;
				}
				else if (word.equals("}")) {
					depth--;
				}
				else if (word.equals(";") && depth == 0) {
					return;
				}
			}
		}

		private String identifier() {
			String word = take();
			if (!Character.isLetter(word.charAt(0)) && word.charAt(0) != '_') {
				throw unexpected(word);
			}
			return word;
		}

		private void expect(String expected) {
			String word = take();
			if (!word.equals(expected)) {
				throw unexpected(word);
			}
		}

		private String peek() {
			if (this.next >= this.tokens.size()) {
				throw new IllegalArgumentException("the schema ends too early");
			}
			return this.tokens.get(this.next).text();
		}

		private String take() {
			String word = peek();
			this.next++;
			return word;
		}

		private IllegalArgumentException unexpected(String word) {
			int line = this.tokens.get(Math.max(0, this.next - 1)).line();
			return new IllegalArgumentException("line " + line + ": unexpected '" + word + "'");
		}

	}

}
