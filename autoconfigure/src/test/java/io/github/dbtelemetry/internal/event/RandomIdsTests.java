package io.github.dbtelemetry.internal.event;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RandomIdsTests {

	@Test
	void formatsExactlyAsUuidDoes() {
		Random random = new Random(7);
		for (int i = 0; i < 10_000; i++) {
			long most = random.nextLong();
			long least = random.nextLong();
			assertThat(RandomIds.format(most, least)).isEqualTo(new UUID(most, least).toString());
		}
		assertThat(RandomIds.format(0, 0)).isEqualTo("00000000-0000-0000-0000-000000000000");
		assertThat(RandomIds.format(-1, -1)).isEqualTo("ffffffff-ffff-ffff-ffff-ffffffffffff");
	}

	@Test
	void generatedIdsAreVersion4AndDistinct() {
		Set<String> ids = new HashSet<>();
		for (int i = 0; i < 10_000; i++) {
			String id = IdGenerator.RANDOM.next();
			UUID parsed = UUID.fromString(id);
			assertThat(parsed.version()).isEqualTo(4);
			assertThat(parsed.variant()).isEqualTo(2);
			ids.add(id);
		}
		assertThat(ids).hasSize(10_000);
	}

}
