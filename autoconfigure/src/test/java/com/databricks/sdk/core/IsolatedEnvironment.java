package com.databricks.sdk.core;

import java.util.List;
import java.util.Map;

import com.databricks.sdk.core.utils.Environment;

/**
 * Resolves an SDK configuration against environment variables a test chooses instead of the
 * machine's, whose {@code DATABRICKS_*} variables (common on a developer's machine) would
 * otherwise take part. It lives in the SDK's package because the SDK resolves against an
 * environment of the caller's choice only from there; {@link DatabricksConfig#resolve()} always
 * reads the process's environment. No program is found on its empty {@code PATH}, so the SDK
 * runs no Azure or Databricks CLI either.
 */
public final class IsolatedEnvironment {

	private IsolatedEnvironment() {
	}

	public static DatabricksConfig resolve(DatabricksConfig config, Map<String, String> variables) {
		return config.resolve(new Environment(variables, List.of(), System.getProperty("os.name")));
	}

}
