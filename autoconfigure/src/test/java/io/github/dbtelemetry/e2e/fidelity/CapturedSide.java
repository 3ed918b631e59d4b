package io.github.dbtelemetry.e2e.fidelity;

import java.util.List;
import java.util.Map;

import tools.jackson.databind.JsonNode;

/**
 * What one side of the comparison sent, with what the warehouse knows to read it by.
 *
 * @param events the decoded frontend logs, in the order they were received
 * @param sessionIds the server session ids of the run, in the order they were opened: the first
 * is connection 1's
 * @param statementTexts the server statement ids of the run, in the order they were issued, each
 * with the text of its statement (only the ids a run could learn: all of them on the stand-in)
 * @param outcome what the workload saw
 */
record CapturedSide(List<JsonNode> events, List<String> sessionIds, Map<String, String> statementTexts,
		FidelityWorkload.Outcome outcome) {

	CapturedSide {
		events = List.copyOf(events);
		sessionIds = List.copyOf(sessionIds);
		statementTexts = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(statementTexts));
	}

	/** {@code session N} for a session of the run, {@code null} for an id the warehouse did not issue. */
	String sessionRef(String sessionId) {
		int index = this.sessionIds.indexOf(sessionId);
		return (index >= 0) ? "session " + (index + 1) : null;
	}

	/** The text of a statement the warehouse issued, else {@code null}. */
	String statementText(String statementId) {
		return this.statementTexts.get(statementId);
	}

	/** How many statements with {@code text} the warehouse issued up to and including {@code statementId}. */
	int occurrence(String statementId, String text) {
		int count = 0;
		for (Map.Entry<String, String> issued : this.statementTexts.entrySet()) {
			if (issued.getValue().equals(text)) {
				count++;
			}
			if (issued.getKey().equals(statementId)) {
				return count;
			}
		}
		return 0;
	}

}
