package io.github.dbtelemetry.internal.event;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Source of event and statement ids. The default makes random (version 4) UUIDs from a
 * thread-local generator: these ids need to be unique, not unguessable, and
 * {@code UUID.randomUUID()} would put a shared secure generator on every JDBC thread.
 */
@FunctionalInterface
public interface IdGenerator {

	IdGenerator RANDOM = () -> {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return RandomIds.format(most, least);
	};

	String next();

}
