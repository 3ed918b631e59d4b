package io.github.dbtelemetry.observation;

import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The answer to "may this key go to Databricks in this event?". Everything is computed at
 * construction so that a lookup is two hash probes; unknown keys are never exportable, so a key
 * someone adds to an observation without declaring it here stays local.
 *
 * @since 0.1.0
 */
public final class TelemetryTagRegistry {

	private static final TelemetryTagRegistry DEFAULT = new TelemetryTagRegistry(List.of(TelemetryTag.values()));

	private final Map<String, TelemetryTag> tagsByKey;

	private final Map<TelemetryEventType, Set<String>> exportTags;

	/** A registry over the given tags; tags left out are treated as unknown (not exported). */
	public TelemetryTagRegistry(Collection<TelemetryTag> tags) {
		Map<String, TelemetryTag> byKey = new HashMap<>();
		for (TelemetryTag tag : tags) {
			byKey.put(tag.key(), tag);
		}
		this.tagsByKey = Map.copyOf(byKey);
		Map<TelemetryEventType, Set<String>> perType = new EnumMap<>(TelemetryEventType.class);
		for (TelemetryEventType type : TelemetryEventType.values()) {
			Set<String> keys = new LinkedHashSet<>();
			for (TelemetryTag tag : tags) {
				if (tag.exportableIn(type)) {
					keys.add(tag.key());
				}
			}
			perType.put(type, Collections.unmodifiableSet(keys));
		}
		this.exportTags = Collections.unmodifiableMap(perType);
	}

	/** The registry of every {@link TelemetryTag}. */
	public static TelemetryTagRegistry defaults() {
		return DEFAULT;
	}

	/** The keys an event of the given type may carry to Databricks. */
	public Set<String> getDatabricksExportTags(TelemetryEventType eventType) {
		return this.exportTags.getOrDefault(eventType, Set.of());
	}

	/** Whether {@code key} may be written into an exported event of {@code eventType}. */
	public boolean shouldExportToDatabricks(TelemetryEventType eventType, String key) {
		return key != null && eventType != null && getDatabricksExportTags(eventType).contains(key);
	}

	/** Same question for a declared tag. */
	public boolean shouldExportToDatabricks(TelemetryEventType eventType, TelemetryTag tag) {
		return tag != null && shouldExportToDatabricks(eventType, tag.key());
	}

	/** The declared tag of a key, or {@code null} when the key is unknown. */
	public TelemetryTag find(String key) {
		return (key != null) ? this.tagsByKey.get(key) : null;
	}

}
