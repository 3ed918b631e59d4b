package io.github.dbtelemetry.benchmarks;

import java.util.ArrayList;
import java.util.List;

import io.micrometer.observation.ObservationHandler;

/** What a benchmark trial started and must close. */
final class Resources implements AutoCloseable {

	private final List<AutoCloseable> closeables = new ArrayList<>();

	private StarterEngine engine;

	StarterEngine engine(boolean workspaceSaysNo, List<ObservationHandler<?>> otherHandlers) {
		this.engine = new StarterEngine(workspaceSaysNo, otherHandlers);
		this.closeables.add(this.engine);
		return this.engine;
	}

	StarterEngine engine() {
		return this.engine;
	}

	void onClose(AutoCloseable closeable) {
		this.closeables.add(closeable);
	}

	@Override
	public void close() throws Exception {
		for (int i = this.closeables.size() - 1; i >= 0; i--) {
			this.closeables.get(i).close();
		}
	}

}
