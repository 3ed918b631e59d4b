package io.github.dbtelemetry.sample.standin;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import tools.jackson.databind.node.JsonNodeFactory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class ReceivedTelemetryStoreTests {

	@Test
	void keepsOnlyTheNewestEntriesUpToCapacity() {
		ReceivedTelemetryStore store = new ReceivedTelemetryStore(3);
		for (int i = 1; i <= 5; i++) {
			store.add(entry(i));
		}

		assertThat(store.recent(10)).extracting((entry) -> entry.protoLog().path("n").asInt()).containsExactly(5, 4, 3);
		assertThat(store.totalReceived()).isEqualTo(5);
	}

	@Test
	void recentHonoursTheLimit() {
		ReceivedTelemetryStore store = new ReceivedTelemetryStore(10);
		store.add(entry(1));
		store.add(entry(2));

		assertThat(store.recent(1)).extracting((entry) -> entry.protoLog().path("n").asInt()).containsExactly(2);
		assertThat(store.recent(0)).isEmpty();
	}

	@Test
	void capacityMustBePositive() {
		assertThatIllegalArgumentException().isThrownBy(() -> new ReceivedTelemetryStore(0));
	}

	private static ReceivedTelemetry entry(int n) {
		return new ReceivedTelemetry("/telemetry-ext", true, Instant.now(), JsonNodeFactory.instance.objectNode().put("n", n));
	}

}
