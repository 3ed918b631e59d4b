package io.github.dbtelemetry.e2e;

import java.util.List;
import java.util.stream.Stream;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.export.ExportOutcome;
import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.pipeline.DropReason;
import io.github.dbtelemetry.support.CountingPipelineListener;
import io.github.dbtelemetry.support.StandInWorkspace;
import tools.jackson.databind.JsonNode;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.github.dbtelemetry.support.StandInWorkspace.checkedEvents;
import static io.github.dbtelemetry.support.StandInWorkspace.eventIds;
import static io.github.dbtelemetry.support.StandInWorkspace.statementIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every way the workspace can fail an export, through the whole application: the statements
 * always succeed, and what became of each event (received, retried, dropped and why) is counted
 * exactly. One batch holds all events of a row and leaves when the context closes (or when the
 * test flushes), so the counts do not depend on timing.
 */
class ExportFaultMatrixTests {

	/**
	 * A one-connection pool opens exactly one session, and ends it as the closing context closes
	 * the pool: two events of their own, the second at the close.
	 */
	private static final int SESSION_EVENTS = 2;

	/** The session's start: the only event of its own while the context runs. */
	private static final int SESSION_START_EVENTS = 1;

	private static final int STATEMENTS = 20;

	private static final int EVENTS = STATEMENTS + SESSION_EVENTS;

	private StandInWorkspace workspace;

	private final CountingPipelineListener listener = new CountingPipelineListener();

	@BeforeEach
	void startWorkspace() {
		this.workspace = new StandInWorkspace();
	}

	@AfterEach
	void stopWorkspace() {
		this.workspace.close();
	}

	@Test
	void unavailableOnceThenOkIsRetriedAndDeliveredOnce() {
		this.workspace.answerTelemetryInSequence(aResponse().withStatus(503), StandInWorkspace.accepted());

		runStatementsAndClose(application(), STATEMENTS);

		List<LoggedRequest> requests = this.workspace.telemetryRequests();
		assertThat(requests).as("the batch and its one retry").hasSize(2);
		assertThat(eventIds(checkedEvents(requests.get(1)))).isEqualTo(eventIds(checkedEvents(requests.get(0))));
		List<JsonNode> delivered = checkedEvents(requests.get(1));
		assertThat(delivered).hasSize(EVENTS);
		assertThat(statementIds(delivered)).hasSize(STATEMENTS).doesNotHaveDuplicates();
		assertThat(this.listener.exported()).isEqualTo(EVENTS);
		assertThat(this.listener.droppedTotal()).isZero();
		assertThat(this.listener.results()).singleElement()
			.isEqualTo(ExportResult.success(EVENTS, 200));
	}

	@Test
	void unavailableForeverIsTriedOncePlusMaxRetriesThenDropped() {
		this.workspace.answerTelemetry(aResponse().withStatus(503));

		runStatementsAndClose(application(), STATEMENTS);

		assertSameBatchSent(3);
		assertDroppedAfterRetries("http_503", 503);
	}

	@Test
	void throttledWithRetryAfterIsRetriedAndDeliveredOnce() {
		this.workspace.answerTelemetryInSequence(aResponse().withStatus(429).withHeader("Retry-After", "1"),
				aResponse().withStatus(200).withBody("{\"numProtoSuccess\":" + EVENTS + "}"));

		runStatementsAndClose(application(), STATEMENTS);

		assertSameBatchSent(2);
		assertThat(this.listener.exported()).isEqualTo(EVENTS);
		assertThat(this.listener.droppedTotal()).isZero();
		assertThat(this.listener.results()).singleElement().isEqualTo(ExportResult.success(EVENTS, 200));
	}

	@ParameterizedTest(name = "HTTP {0}")
	@ValueSource(ints = { 400, 401 })
	void aRefusedBatchIsSentOnceAndDroppedAsATerminalError(int status) {
		this.workspace.answerTelemetry(status);

		runStatementsAndClose(application(), STATEMENTS);

		assertSameBatchSent(1);
		assertThat(this.listener.dropped(DropReason.TERMINAL_ERROR)).isEqualTo(EVENTS);
		this.listener.assertNoDropsExcept(DropReason.TERMINAL_ERROR);
		assertThat(this.listener.exported()).isZero();
		assertThat(this.listener.results()).singleElement()
			.isEqualTo(ExportResult.terminalFailure(EVENTS, status, "http_" + status));
	}

	@Test
	void aRedirectIsNotFollowedAndCountsAsATerminalError() {
		this.workspace
			.answerTelemetry(aResponse().withStatus(307).withHeader("Location", this.workspace.baseUrl() + "/moved"));
		this.workspace.server().stubFor(post(urlPathEqualTo("/moved")).willReturn(aResponse().withStatus(200)));

		runStatementsAndClose(application(), STATEMENTS);

		assertSameBatchSent(1);
		assertThat(this.workspace.requestsTo("/moved")).isEmpty();
		assertThat(this.listener.dropped(DropReason.TERMINAL_ERROR)).isEqualTo(EVENTS);
		this.listener.assertNoDropsExcept(DropReason.TERMINAL_ERROR);
		assertThat(this.listener.exported()).isZero();
	}

	/** Answers after which the workspace may have taken the batch. */
	static Stream<Arguments> answersOfUnknownOutcome() {
		return Stream.of(
				answer("connection reset by peer", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), "io", 0),
				answer("empty response", aResponse().withFault(Fault.EMPTY_RESPONSE), "io", 0),
				answer("HTTP 500", aResponse().withStatus(500), "http_500", 500));
	}

	private static Arguments answer(String name, ResponseDefinitionBuilder answer, String failureKind, int httpStatus) {
		return Arguments.of(Named.of(name, answer), failureKind, httpStatus);
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("answersOfUnknownOutcome")
	void aBatchThatMayHaveArrivedIsSentOnceAndCountedAsUnknown(ResponseDefinitionBuilder answer, String failureKind,
			int httpStatus) {
		this.workspace.answerTelemetry(answer);

		runStatementsAndClose(application(), STATEMENTS);

		assertSameBatchSent(1);
		assertDroppedAsUnknown(failureKind, httpStatus);
	}

	@Test
	void aWorkspaceThatAcceptsSlowlyReceivesEachEventAtMostOnceAndTheCountsMatch() {
		this.workspace.answerTelemetry(StandInWorkspace.accepted().withFixedDelay(1_500));

		runStatementsAndClose(application()
			.withPropertyValues("databricks.telemetry.response-timeout=500ms", "databricks.telemetry.max-retries=2"),
				STATEMENTS);

		List<String> received = eventIds(checkedEvents(this.workspace.telemetryRequests()));
		assertThat(received).hasSize(EVENTS).doesNotHaveDuplicates();
		assertThat(this.listener.exported() + this.listener.dropped(DropReason.OUTCOME_UNKNOWN))
			.as("every event the workspace received is counted as delivered or of unknown fate")
			.isEqualTo(received.size());
		assertThat(this.listener.dropped(DropReason.RETRIES_EXHAUSTED)).isZero();
		assertDroppedAsUnknown("timeout", 0);
	}

	@Test
	void malformedBodyOfA200IsASuccessAndNotResent() {
		this.workspace.answerTelemetry(aResponse().withStatus(200).withBody("{\"numProtoSuccess\": tr"));

		runStatementsAndClose(application(), STATEMENTS);

		assertSameBatchSent(1);
		assertThat(this.listener.exported()).isEqualTo(EVENTS);
		assertThat(this.listener.droppedTotal()).isZero();
		assertThat(this.listener.results()).singleElement().isEqualTo(ExportResult.success(EVENTS, 200));
	}

	@Test
	void aResponseThatNeverComesTimesOutOnceAndIsCountedAsUnknown() {
		// Far longer than the test runs; the response timeout ends the attempt.
		this.workspace.answerTelemetry(aResponse().withStatus(200).withFixedDelay(20_000));

		runStatementsAndClose(application()
			.withPropertyValues("databricks.telemetry.response-timeout=300ms"), STATEMENTS);

		assertSameBatchSent(1);
		assertDroppedAsUnknown("timeout", 0);
	}

	@Test
	void partialSuccessDropsTheRejectedLogsWithoutResendingThem() {
		this.workspace.answerTelemetry(aResponse().withStatus(200).withBody("{\"errors\":[],\"numProtoSuccess\":7}"));
		int statements = 10 - SESSION_EVENTS;

		runStatementsAndClose(application().withPropertyValues("databricks.telemetry.batch-size=10"),
				statements);

		List<LoggedRequest> requests = this.workspace.telemetryRequests();
		assertThat(requests).singleElement().satisfies((request) -> assertThat(checkedEvents(request)).hasSize(10));
		assertThat(this.listener.exported()).isEqualTo(7);
		assertThat(this.listener.dropped(DropReason.PARTIAL_FAILURE)).isEqualTo(3);
		this.listener.assertNoDropsExcept(DropReason.PARTIAL_FAILURE);
		assertThat(this.listener.results()).singleElement()
			.isEqualTo(ExportResult.partialSuccess(10, 7, 200));
	}

	@Test
	void failuresUpToTheThresholdOpenTheBreakerAndNoRequestIsMadeWhileOpen() {
		this.workspace.answerTelemetry(aResponse().withStatus(503));

		runStatementsAndClose(application()
			.withPropertyValues("databricks.telemetry.batch-size=1", "databricks.telemetry.max-batch-size=1",
					"databricks.telemetry.max-retries=0", "databricks.telemetry.circuit-breaker.failure-threshold=3"),
				STATEMENTS);

		assertThat(this.workspace.telemetryRequests()).as("one request per failed export until the breaker opens")
			.hasSize(3);
		assertThat(this.listener.dropped(DropReason.RETRIES_EXHAUSTED)).isEqualTo(3);
		assertThat(this.listener.dropped(DropReason.CIRCUIT_OPEN)).isEqualTo(EVENTS - 3);
		this.listener.assertNoDropsExcept(DropReason.RETRIES_EXHAUSTED, DropReason.CIRCUIT_OPEN);
		assertThat(this.listener.exported()).isZero();
	}

	@Test
	void afterTheOpenDurationOneTrialClosesTheBreakerAndEventsFlowAgain() {
		this.workspace.answerTelemetryInSequence(aResponse().withStatus(503), StandInWorkspace.accepted());
		ApplicationContextRunner application = application()
			.withPropertyValues("databricks.telemetry.force-enable=true", "databricks.telemetry.max-retries=0",
					"databricks.telemetry.circuit-breaker.failure-threshold=1",
					"databricks.telemetry.circuit-breaker.open-duration=300ms");
		application.run((context) -> {
			JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
			runStatements(jdbc, 3);
			DatabricksTelemetry client = ExportTestApplication.enabledTelemetry(context);
			CircuitBreaker breaker = client.circuitBreakerRegistry()
				.find(ExportTestApplication.onlyHost(client).host())
				.orElseThrow();
			client.flush().join();
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.OPEN);
			assertThat(this.listener.dropped(DropReason.RETRIES_EXHAUSTED)).isEqualTo(3 + SESSION_START_EVENTS);

			// While open, each flush is dropped without a request; once the open duration has
			// passed, the next flush is the trial.
			int[] whileOpen = { 0 };
			await().until(() -> {
				runStatements(jdbc, 1);
				client.flush().join();
				if (this.listener.exported() == 0) {
					whileOpen[0]++;
					return false;
				}
				return true;
			});
			assertThat(this.listener.dropped(DropReason.CIRCUIT_OPEN)).isEqualTo(whileOpen[0]);
			assertThat(this.listener.exported()).isEqualTo(1);
			assertThat(breaker.getState()).isEqualTo(CircuitBreaker.State.CLOSED);

			runStatements(jdbc, 5);
			client.flush().join();
			assertThat(this.listener.exported()).isEqualTo(6);
		});
		List<LoggedRequest> requests = this.workspace.telemetryRequests();
		assertThat(requests).as("the failure, the trial, the batch after it and, at the close, the session's end")
			.hasSize(4);
		assertThat(checkedEvents(requests.get(1))).hasSize(1);
		assertThat(statementIds(checkedEvents(requests.get(2)))).hasSize(5).doesNotHaveDuplicates();
		assertThat(checkedEvents(requests.get(3))).singleElement()
			.satisfies((event) -> assertThat(StandInWorkspace.operationType(event)).isEqualTo("DELETE_SESSION"));
		this.listener.assertNoDropsExcept(DropReason.RETRIES_EXHAUSTED, DropReason.CIRCUIT_OPEN);
	}

	private void assertSameBatchSent(int times) {
		List<LoggedRequest> requests = this.workspace.telemetryRequests();
		assertThat(requests).hasSize(times);
		List<String> first = eventIds(checkedEvents(requests.get(0)));
		assertThat(first).hasSize(EVENTS).doesNotHaveDuplicates();
		assertThat(statementIds(checkedEvents(requests.get(0)))).hasSize(STATEMENTS);
		assertThat(requests).allSatisfy((request) -> assertThat(eventIds(checkedEvents(request))).isEqualTo(first));
	}

	private void assertDroppedAsUnknown(String failureKind, int httpStatus) {
		assertThat(this.listener.dropped(DropReason.OUTCOME_UNKNOWN)).isEqualTo(EVENTS);
		this.listener.assertNoDropsExcept(DropReason.OUTCOME_UNKNOWN);
		assertThat(this.listener.exported()).isZero();
		assertThat(this.listener.results()).singleElement()
			.isEqualTo(ExportResult.outcomeUnknown(EVENTS, httpStatus, failureKind));
	}

	private void assertDroppedAfterRetries(String failureKind, int httpStatus) {
		assertThat(this.listener.dropped(DropReason.RETRIES_EXHAUSTED)).isEqualTo(EVENTS);
		this.listener.assertNoDropsExcept(DropReason.RETRIES_EXHAUSTED);
		assertThat(this.listener.exported()).isZero();
		assertThat(this.listener.results()).singleElement()
			.isEqualTo(new ExportResult(ExportOutcome.RETRIES_EXHAUSTED, EVENTS, 0, httpStatus, failureKind));
	}

	/** Runs the statements, waits for the workspace to enable telemetry, and closes the context. */
	// The rows are about export, not the feature flag: with force-enable nothing is held for the
	// workspace's answer, so all events leave in the one batch the closing context flushes.
	private static void runStatementsAndClose(ApplicationContextRunner application, int statements) {
		application.withPropertyValues("databricks.telemetry.force-enable=true").run((context) -> {
			runStatements(context.getBean(JdbcTemplate.class), statements);
			awaitEnabled(context);
		});
	}

	private static void awaitEnabled(ApplicationContext context) {
		ExportTestApplication.enabledTelemetry(context);
	}

	private static void runStatements(JdbcTemplate jdbc, int count) {
		for (int i = 0; i < count; i++) {
			assertThat(jdbc.queryForObject("SELECT 1", Integer.class)).isEqualTo(1);
		}
	}

	private ApplicationContextRunner application() {
		return ExportTestApplication.exportingTo(this.workspace, this.listener);
	}

}
