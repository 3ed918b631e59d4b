package io.github.dbtelemetry.internal.host;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import io.github.dbtelemetry.auth.TokenSource;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryEndpoint;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.model.TelemetryFrontendLog;
import io.github.dbtelemetry.pipeline.HostSnapshot;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;
import io.github.dbtelemetry.support.TestTelemetry;

/**
 * Building blocks of the host tests: a listener that remembers the hosts' lifecycle, and an
 * exporter that remembers which token each batch carried. Host settings with test defaults come
 * from {@link TestTelemetry#hostSettings}.
 */
final class HostFixtures {

	static final URI BASE_URL = URI.create("https://" + TestTelemetry.HOST);

	private HostFixtures() {
	}

	/** A token source that always presents {@code token}. */
	static TokenSource token(String token) {
		return () -> Optional.of(token);
	}

	static @Nullable String statementId(TelemetryFrontendLog log) {
		return log.entry().sqlDriverLog().sqlStatementId();
	}

	/**
	 * Remembers when hosts were opened and closed, in order, and each opened host's snapshot
	 * supplier; what becomes of events is {@code CountingPipelineListener}'s.
	 */
	static final class HostLifecycleListener implements TelemetryPipelineListener {

		private final List<String> lifecycle = new CopyOnWriteArrayList<>();

		private final List<Supplier<HostSnapshot>> opened = new CopyOnWriteArrayList<>();

		@Override
		public void onHostOpened(String host, Supplier<HostSnapshot> state) {
			this.opened.add(state);
			this.lifecycle.add("opened " + host);
		}

		@Override
		public void onHostClosed(String host) {
			this.lifecycle.add("closed " + host);
		}

		/** {@code opened host} and {@code closed host}, in the order heard. */
		List<String> lifecycle() {
			return List.copyOf(this.lifecycle);
		}

		/** The snapshot supplier of every host opened, in order. */
		List<Supplier<HostSnapshot>> opened() {
			return List.copyOf(this.opened);
		}

	}

	/** Accepts every batch and remembers the token its endpoint presented and its statement ids. */
	static final class TokenRecordingExporter implements TelemetryExporter {

		private final List<Call> calls = new CopyOnWriteArrayList<>();

		@Override
		public CompletableFuture<ExportResult> export(TelemetryEndpoint endpoint, List<TelemetryFrontendLog> batch) {
			List<String> ids = new ArrayList<>();
			batch.forEach((log) -> ids.add(statementId(log)));
			this.calls.add(new Call(endpoint.credentials().bearerToken().orElse(null), ids));
			return CompletableFuture.completedFuture(ExportResult.success(batch.size(), 200));
		}

		List<Call> calls() {
			return List.copyOf(this.calls);
		}

		/** One export: the token presented, and the statement ids of the batch. */
		record Call(@Nullable String token, List<String> statementIds) {
		}

	}

}
