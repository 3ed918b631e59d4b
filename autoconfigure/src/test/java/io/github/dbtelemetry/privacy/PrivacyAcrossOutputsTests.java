package io.github.dbtelemetry.privacy;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.AppenderBase;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

import io.github.dbtelemetry.autoconfigure.DatabricksTelemetryHealthAutoConfiguration;
import io.github.dbtelemetry.health.DatabricksTelemetryHealthIndicator;
import io.github.dbtelemetry.support.StandInWorkspace;
import io.github.dbtelemetry.support.TelemetryContextRunner;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The privacy property across every output of a running application: SQL text, parameters,
 * literals, error messages the driver echoes, the database URL and the user name carry unique
 * markers; none may appear in a request body, in a header (the token only in the Authorization
 * header of {@code /telemetry-ext}), in a log line at INFO or above (nor the token at any level),
 * in a metric tag, or in the health contributor's details.
 */
class PrivacyAcrossOutputsTests {

	private static final int APPLICATIONS = 4;

	private static final int STATEMENTS_PER_APPLICATION = 25;

	private final Random random = new Random(0xC0FFEE);

	private final List<ILoggingEvent> logEvents = new CopyOnWriteArrayList<>();

	private final AppenderBase<ILoggingEvent> appender = new AppenderBase<>() {
		@Override
		protected void append(ILoggingEvent event) {
			PrivacyAcrossOutputsTests.this.logEvents.add(event);
		}
	};

	private StandInWorkspace workspace;

	private Level previousLevel;

	@BeforeEach
	void start() {
		this.workspace = new StandInWorkspace();
		LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
		Logger ours = logging.getLogger("io.github.dbtelemetry");
		this.previousLevel = ours.getLevel();
		ours.setLevel(Level.TRACE);
		this.appender.setContext(logging);
		this.appender.start();
		logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(this.appender);
	}

	@AfterEach
	void stop() {
		LoggerContext logging = (LoggerContext) LoggerFactory.getILoggerFactory();
		logging.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).detachAppender(this.appender);
		logging.getLogger("io.github.dbtelemetry").setLevel(this.previousLevel);
		this.workspace.close();
	}

	private String marker() {
		return String.format(Locale.ROOT, "MRK%012X", this.random.nextLong() & 0xFFFFFFFFFFFFL);
	}

	@Test
	void noMarkerLeavesThroughBodiesHeadersLogsOrMetricTags() {
		List<String> markers = new ArrayList<>();
		List<String> tokens = new ArrayList<>();
		for (int app = 0; app < APPLICATIONS; app++) {
			String database = marker();
			// Every other application logs in with a user name: its password is no token and may
			// appear nowhere, not even in an Authorization header.
			boolean personalAccessToken = app % 2 == 0;
			String user = personalAccessToken ? "token" : marker();
			String token = "dapi" + marker();
			markers.add(database);
			if (!personalAccessToken) {
				markers.add(user);
				markers.add(token);
			}
			tokens.add(token);
			List<String> tagValues = new ArrayList<>();
			List<String> healthDetails = new ArrayList<>();
			runner(database, user, token).run((context) -> {
				JdbcTemplate jdbc = context.getBean(JdbcTemplate.class);
				String table = "T" + marker();
				String column = "C" + marker();
				markers.add(table);
				markers.add(column);
				jdbc.execute("CREATE TABLE " + table + " (id INT, " + column + " VARCHAR(64))");
				for (int i = 0; i < STATEMENTS_PER_APPLICATION; i++) {
					String value = marker();
					markers.add(value);
					switch (this.random.nextInt(4)) {
						case 0 -> jdbc.update("INSERT INTO " + table + " VALUES (?, ?)", i, value);
						case 1 -> jdbc.queryForList("SELECT * FROM " + table + " WHERE " + column + " <> '" + value + "'");
						case 2 -> expectFailure(() -> jdbc.queryForList("SELECT " + value + " FROM " + table));
						default -> expectFailure(() -> jdbc.update("INSERT INTO " + table + " VALUES (?, ?)",
								"not-a-number-" + value, value));
					}
				}
				healthDetails.add(String.valueOf(context.getBean(DatabricksTelemetryHealthIndicator.class).health()));
				for (Meter meter : context.getBean(MeterRegistry.class).getMeters()) {
					for (Tag tag : meter.getId().getTags()) {
						tagValues.add(meter.getId().getName() + "{" + tag.getKey() + "=" + tag.getValue() + "}");
					}
				}
			});
			assertThat(tagValues).as("the statement timers exist, so tags were really checked")
				.anyMatch((tag) -> tag.startsWith("databricks.statement{"));
			for (String tag : tagValues) {
				assertNoneIn(tag, markers, "metric tag");
				assertNoneIn(tag, tokens, "metric tag");
			}
			assertThat(healthDetails).as("the contributor reported its hosts").anyMatch((health) -> health.contains("exported"));
			for (String health : healthDetails) {
				assertNoneIn(health, markers, "health details");
				assertNoneIn(health, tokens, "health details");
			}
		}
		List<LoggedRequest> requests = this.workspace.requests();
		assertThat(requests).anyMatch((request) -> request.getUrl().equals("/telemetry-ext"));
		for (LoggedRequest request : requests) {
			assertNoneIn(request.getBodyAsString(), markers, "request body");
			assertNoneIn(request.getBodyAsString(), tokens, "request body");
			assertNoneIn(request.getUrl(), markers, "request URL");
			for (String name : request.getHeaders().keys()) {
				String value = request.getHeader(name);
				assertNoneIn(value, markers, "header " + name);
				if (!(name.equalsIgnoreCase("Authorization") && request.getUrl().startsWith("/telemetry-ext")
						|| name.equalsIgnoreCase("Authorization")
								&& request.getUrl().startsWith("/api/2.0/connector-service/feature-flags/"))) {
					assertNoneIn(value, tokens, "header " + name);
				}
			}
		}
		assertThat(this.logEvents).isNotEmpty();
		for (ILoggingEvent event : this.logEvents) {
			String line = event.getFormattedMessage() + " " + throwableText(event);
			if (event.getLevel().isGreaterOrEqual(Level.INFO)) {
				assertNoneIn(line, markers, "log line at " + event.getLevel() + " from " + event.getLoggerName());
			}
			if (event.getLoggerName().startsWith("io.github.dbtelemetry")) {
				assertNoneIn(line, tokens, "log line at " + event.getLevel() + " from " + event.getLoggerName());
			}
		}
	}

	private ApplicationContextRunner runner(String database, String user, String token) {
		return TelemetryContextRunner.application()
			.withConfiguration(TelemetryContextRunner.metrics())
			.withConfiguration(AutoConfigurations.of(DatabricksTelemetryHealthAutoConfiguration.class))
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:" + database + ";DB_CLOSE_DELAY=-1",
					"spring.datasource.username=" + user, "spring.datasource.password=" + token,
					"databricks.telemetry.datasource.url-prefixes=jdbc:h2:",
					"databricks.telemetry.endpoint=" + this.workspace.baseUrl(),
					"databricks.telemetry.allow-insecure-endpoint=true",
					"databricks.telemetry.observation.record-sql-text=true", "databricks.telemetry.batch-size=7");
	}

	private static void expectFailure(Runnable statement) {
		try {
			statement.run();
			throw new AssertionError("statement was expected to fail");
		}
		catch (DataAccessException expected) {
			// the application handles it; telemetry must not repeat its message anywhere
		}
	}

	private static String throwableText(ILoggingEvent event) {
		StringBuilder text = new StringBuilder();
		for (var proxy = event.getThrowableProxy(); proxy != null; proxy = proxy.getCause()) {
			text.append(proxy.getClassName()).append(": ").append(proxy.getMessage()).append(' ');
		}
		return text.toString();
	}

	private static void assertNoneIn(String text, List<String> secrets, String where) {
		if (text == null) {
			return;
		}
		String upper = text.toUpperCase(Locale.ROOT);
		for (String secret : secrets) {
			assertThat(upper).as("%s must not contain %s", where, secret).doesNotContain(secret.toUpperCase(Locale.ROOT));
		}
	}

}
