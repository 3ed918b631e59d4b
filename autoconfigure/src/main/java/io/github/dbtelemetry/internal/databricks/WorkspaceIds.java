package io.github.dbtelemetry.internal.databricks;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the workspace id that Azure Databricks host names carry ({@code adb-<id>.<n>.azuredatabricks.net}). */
public final class WorkspaceIds {

	private static final Pattern AZURE_HOST = Pattern.compile("^adb-(\\d{1,19})\\.\\d+\\.azuredatabricks\\.net$",
			Pattern.CASE_INSENSITIVE);

	private WorkspaceIds() {
	}

	/** The workspace id of an Azure workspace host, else {@code null}. */
	public static Long fromHost(String host) {
		if (host == null) {
			return null;
		}
		Matcher matcher = AZURE_HOST.matcher(host.trim());
		if (!matcher.matches()) {
			return null;
		}
		try {
			return Long.parseLong(matcher.group(1));
		}
		catch (NumberFormatException ex) {
			return null;
		}
	}

}
