package io.github.dbtelemetry.internal.event;

import java.nio.charset.StandardCharsets;

/**
 * Writes a UUID's canonical text straight from its two halves: the same string as
 * {@code new UUID(most, least).toString()} without the intermediate object, since two ids are
 * made for every statement.
 */
final class RandomIds {

	private static final byte[] HEX = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

	private RandomIds() {
	}

	static String format(long most, long least) {
		byte[] text = new byte[36];
		hex(most >>> 32, text, 0, 8);
		text[8] = '-';
		hex(most >>> 16, text, 9, 4);
		text[13] = '-';
		hex(most, text, 14, 4);
		text[18] = '-';
		hex(least >>> 48, text, 19, 4);
		text[23] = '-';
		hex(least, text, 24, 12);
		return new String(text, StandardCharsets.ISO_8859_1);
	}

	private static void hex(long value, byte[] text, int offset, int digits) {
		for (int i = offset + digits - 1; i >= offset; i--) {
			text[i] = HEX[(int) (value & 0xF)];
			value >>>= 4;
		}
	}

}
