package io.github.dbtelemetry.internal.databricks;

import java.util.List;
import java.util.Locale;

/** Whether a JDBC URL belongs to a Databricks warehouse, by configured prefixes. */
public final class JdbcUrlMatcher {

	private final List<String> prefixes;

	public JdbcUrlMatcher(List<String> prefixes) {
		this.prefixes = prefixes.stream().map((prefix) -> prefix.trim().toLowerCase(Locale.ROOT)).toList();
	}

	public boolean matches(String url) {
		if (url == null) {
			return false;
		}
		String candidate = url.trim().toLowerCase(Locale.ROOT);
		for (String prefix : this.prefixes) {
			if (candidate.startsWith(prefix)) {
				return true;
			}
		}
		return false;
	}

}
