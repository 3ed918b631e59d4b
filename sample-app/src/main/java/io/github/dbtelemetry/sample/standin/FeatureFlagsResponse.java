package io.github.dbtelemetry.sample.standin;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The connector-service answer: a list of named string flags and how long to cache them. */
public record FeatureFlagsResponse(List<Flag> flags, @JsonProperty("ttl_seconds") int ttlSeconds) {

	public FeatureFlagsResponse {
		flags = List.copyOf(flags);
	}

	public record Flag(String name, String value) {
	}

}
