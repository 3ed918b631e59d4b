package io.github.dbtelemetry.internal.event;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Source of event and statement ids. The default makes random (version 4) UUIDs from a
 * thread-local generator: these ids need to be unique, not unguessable, and
 * {@code UUID.randomUUID()} would put a shared secure generator on every JDBC thread.
 * <p>
 * The text comes from {@link UUID#toString()}, which writes its 36 characters into the array
 * that becomes the string's own. The {@code UUID} does not escape, so the JIT removes it: an id
 * costs just its string. Formatting the digits into an array of one's own costs that array
 * too, since a public {@code String} constructor always copies.
 */
@FunctionalInterface
public interface IdGenerator {

	IdGenerator RANDOM = () -> {
		ThreadLocalRandom random = ThreadLocalRandom.current();
		long most = (random.nextLong() & ~0xF000L) | 0x4000L;
		long least = (random.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
		return new UUID(most, least).toString();
	};

	String next();

}
