package io.github.dbtelemetry.internal.host;

import java.time.Duration;

/**
 * The outcome of one flag request.
 *
 * @param enabled the flag's value, or {@code null} when the request failed (no answer)
 * @param serverTtl how long the server wants the answer cached, or {@code null} if it did not say
 * @param workspaceId the {@code x-databricks-org-id} response header, or {@code null}
 */
record FlagFetchResult(Boolean enabled, Duration serverTtl, Long workspaceId) {

	static FlagFetchResult failed() {
		return new FlagFetchResult(null, null, null);
	}

	boolean isSuccess() {
		return this.enabled != null;
	}

}
