package io.github.dbtelemetry.sample.web;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.HtmlUtils;

import io.github.dbtelemetry.sample.standin.ReceivedTelemetryStore;
import io.github.dbtelemetry.sample.workload.SampleWorkload;
import io.github.dbtelemetry.sample.workload.WorkloadStatus;

/**
 * The home page: the most recent events the stand-in workspace received, rendered on the server
 * as a plain string so the sample needs no template engine and no frontend build.
 */
@RestController
public class TelemetryPageController {

	private static final int SHOWN_EVENTS = 100;

	private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS").withZone(ZoneOffset.UTC);

	// Absent with the databricks profile, where events go to the real workspace instead.
	private final ObjectProvider<ReceivedTelemetryStore> store;

	private final SampleWorkload workload;

	public TelemetryPageController(ObjectProvider<ReceivedTelemetryStore> store, SampleWorkload workload) {
		this.store = store;
		this.workload = workload;
	}

	@GetMapping(path = "/", produces = MediaType.TEXT_HTML_VALUE)
	public String home() {
		StringBuilder html = new StringBuilder(8192);
		html.append("""
				<!DOCTYPE html>
				<html lang="en">
				<head>
				<meta charset="utf-8">
				<meta http-equiv="refresh" content="5">
				<title>Databricks telemetry sample</title>
				<style>
				body { font-family: system-ui, sans-serif; margin: 2rem; }
				table { border-collapse: collapse; font-size: 0.9rem; }
				th, td { border: 1px solid #ccc; padding: 0.25rem 0.5rem; text-align: left; }
				th { background: #f3f3f3; }
				td.error { color: #b00020; }
				code { background: #f3f3f3; padding: 0 0.2rem; }
				</style>
				</head>
				<body>
				<h1>Databricks telemetry sample</h1>
				""");
		appendWorkload(html, this.workload.status());
		ReceivedTelemetryStore received = this.store.getIfAvailable();
		if (received == null) {
			html.append("""
					<p>The stand-in workspace is off (<code>databricks</code> profile): telemetry goes to
					the real workspace, so there is nothing to list here.</p>
					""");
		}
		else {
			appendEvents(html, received);
		}
		html.append("""
				<p>Raw data: <a href="/workspace/telemetry">/workspace/telemetry</a>,
				<a href="/actuator/health">/actuator/health</a>, <a href="/actuator/metrics">/actuator/metrics</a>.
				The page refreshes every 5 seconds.</p>
				</body>
				</html>
				""");
		return html.toString();
	}

	private static void appendWorkload(StringBuilder html, WorkloadStatus status) {
		html.append("<p>Workload: ").append(status.rounds()).append(" rounds, ").append(status.statements())
			.append(" statements, ").append(status.expectedFailures()).append(" intended failures, ")
			.append(status.unexpectedFailures()).append(" unexpected failures.</p>\n");
	}

	private static void appendEvents(StringBuilder html, ReceivedTelemetryStore received) {
		List<TelemetryEventRow> rows = received.recent(SHOWN_EVENTS).stream().map(TelemetryEventRow::from).toList();
		html.append("<p>The stand-in workspace has received ").append(received.totalReceived())
			.append(" events; the latest ").append(rows.size()).append(" are listed, newest first.</p>\n");
		if (rows.isEmpty()) {
			html.append("<p>No events yet: the starter exports in batches, so wait for the next flush.</p>\n");
			return;
		}
		html.append("<table>\n<thead><tr><th>received (UTC)</th><th>statement_type</th><th>operation_type</th>"
				+ "<th>latency (ms)</th><th>error_name</th><th>session id</th><th>path</th></tr></thead>\n<tbody>\n");
		for (TelemetryEventRow row : rows) {
			html.append("<tr>");
			cell(html, TIME.format(row.receivedAt()), null);
			cell(html, row.statementType(), null);
			cell(html, row.operationType(), null);
			cell(html, (row.latencyMillis() != null) ? row.latencyMillis().toString() : null, null);
			cell(html, row.errorName(), "error");
			cell(html, row.sessionId(), null);
			cell(html, row.path() + (row.authorizationPresent() ? " (with token)" : " (no token)"), null);
			html.append("</tr>\n");
		}
		html.append("</tbody>\n</table>\n");
	}

	// Every value comes from a request body, so each one is escaped.
	private static void cell(StringBuilder html, String value, String cssClass) {
		html.append((cssClass != null && value != null) ? "<td class=\"" + cssClass + "\">" : "<td>")
			.append((value != null) ? HtmlUtils.htmlEscape(value) : "&mdash;")
			.append("</td>");
	}

}
