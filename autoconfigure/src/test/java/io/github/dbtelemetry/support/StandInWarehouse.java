package io.github.dbtelemetry.support;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.delete;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

/**
 * A Databricks SQL warehouse stood in by WireMock on loopback, enough for the real JDBC driver
 * in SEA mode ({@code useThriftClient=0}): sessions, statements (each answered with a fresh
 * server id through response templating), statement and session deletion. Statements are
 * answered by their text:
 * <ul>
 * <li>{@link #SELECT_ONE} one row, {@link #SELECT_ROWS} three rows of two columns;</li>
 * <li>{@link #UPDATE} an update count of {@link #UPDATED_ROWS};</li>
 * <li>{@link #FAILING} a {@code FAILED} statement;</li>
 * <li>anything else (for example the driver's metadata queries) an empty result.</li>
 * </ul>
 * The warehouse lives in a workspace, so it is a {@link StandInWorkspace} too: the feature flag
 * (answered with the workspace's id, as real workspaces do), the telemetry endpoints and the
 * token endpoint. Both the driver and the starter export to it, so its journal tells what each
 * sent.
 */
public final class StandInWarehouse extends StandInWorkspace {

	public static final String WAREHOUSE_ID = "abc123";

	public static final String HTTP_PATH = "/sql/1.0/warehouses/" + WAREHOUSE_ID;

	public static final String SELECT_ONE = "SELECT 1";

	public static final String SELECT_ROWS = "SELECT id, name FROM stand_in_rows";

	public static final String UPDATE = "UPDATE stand_in_rows SET name = 'x'";

	public static final String FAILING = "SELECT * FROM stand_in_missing_table";

	public static final int UPDATED_ROWS = 3;

	public static final String WORKSPACE_ID_HEADER_VALUE = "6051921418418893";

	private static final String SESSION_PREFIX = "01f0c0de-5e55-";

	private static final String STATEMENT_PREFIX = "01f0c0de-57a7-";

	private final JsonMapper json = JsonMapper.builder().build();

	public StandInWarehouse() {
		super(WireMockConfiguration.options().bindAddress("127.0.0.1").dynamicPort().globalTemplating(true),
				WORKSPACE_ID_HEADER_VALUE);
		stubWarehouse();
		answerTelemetry(aResponse().withStatus(200).withBody("{\"errors\":[],\"numSuccess\":1,\"numProtoSuccess\":1}"));
	}

	/** The address the JDBC URLs name, so that the host of an export override and of the URL agree. */
	@Override
	public String baseUrl() {
		return "http://127.0.0.1:" + port();
	}

	/** A PAT URL in SEA mode with the driver's own telemetry off, plus {@code extra} ({@code ;k=v}...). */
	public String jdbcUrl(String extra) {
		return jdbcUrl("AuthMech=3;UID=token;PWD=dapi-stand-in-token", extra);
	}

	/** A URL in SEA mode with the given authentication properties and the driver's own telemetry off. */
	public String jdbcUrl(String auth, String extra) {
		return "jdbc:databricks://127.0.0.1:" + port() + "/default;transportMode=http;ssl=0;httpPath=" + HTTP_PATH
				+ ";" + auth + ";useThriftClient=0;EnableTelemetry=0" + extra;
	}

	private void stubWarehouse() {
		server().stubFor(get(urlPathEqualTo("/.well-known/databricks-config")).willReturn(aResponse().withStatus(404)));
		server().stubFor(get(urlPathEqualTo("/oidc/.well-known/oauth-authorization-server"))
			.willReturn(aResponse().withStatus(404)));
		server().stubFor(post(urlPathEqualTo("/api/2.0/sql/warehouses/" + WAREHOUSE_ID + "/sessions"))
			.willReturn(aResponse().withStatus(200)
				.withHeader("Content-Type", "application/json")
				.withBody("{\"session_id\":\"" + SESSION_PREFIX + "{{randomValue length=4 type='NUMERIC'}}-"
						+ "{{randomValue length=4 type='NUMERIC'}}-{{randomValue length=12 type='NUMERIC'}}\"}")));
		server().stubFor(delete(urlPathMatching("/api/2.0/sql/sessions/.*")).willReturn(okJson("{}")));
		server().stubFor(delete(urlPathMatching("/api/2.0/sql/statements/.*")).willReturn(okJson("{}")));
		server().stubFor(post(urlPathMatching("/api/2.0/sql/statements/?")).atPriority(10)
			.willReturn(okJson(succeeded("[{\"name\":\"x\",\"type_text\":\"STRING\",\"type_name\":\"STRING\",\"position\":0}]", 0, "[]"))));
		statement(SELECT_ONE, succeeded("[{\"name\":\"1\",\"type_text\":\"INT\",\"type_name\":\"INT\",\"position\":0}]", 1,
				"[[\"1\"]]"));
		statement(SELECT_ROWS, succeeded("[{\"name\":\"id\",\"type_text\":\"BIGINT\",\"type_name\":\"LONG\",\"position\":0},"
				+ "{\"name\":\"name\",\"type_text\":\"STRING\",\"type_name\":\"STRING\",\"position\":1}]", 3,
				"[[\"1\",\"a\"],[\"2\",\"b\"],[\"3\",null]]"));
		statement(UPDATE, succeeded("[{\"name\":\"num_affected_rows\",\"type_text\":\"BIGINT\",\"type_name\":\"LONG\",\"position\":0}]",
				1, "[[\"" + UPDATED_ROWS + "\"]]"));
		statement(FAILING, "{\"statement_id\":\"" + STATEMENT_PREFIX + "{{randomValue length=4 type='NUMERIC'}}-"
				+ "{{randomValue length=4 type='NUMERIC'}}-{{randomValue length=12 type='NUMERIC'}}\","
				+ "\"status\":{\"state\":\"FAILED\",\"error\":{\"error_code\":\"BAD_REQUEST\","
				+ "\"message\":\"[TABLE_OR_VIEW_NOT_FOUND] The table or view cannot be found. SQLSTATE: 42P01\"},"
				+ "\"sql_state\":\"42P01\"}}");
	}

	private void statement(String sql, String answer) {
		server().stubFor(post(urlPathMatching("/api/2.0/sql/statements/?")).atPriority(1)
			.withRequestBody(matchingJsonPath("$.statement", containing(sql)))
			.willReturn(okJson(answer)));
	}

	private static String succeeded(String columns, int rows, String data) {
		int columnCount = columns.split("\"position\"").length - 1;
		return "{\"statement_id\":\"" + STATEMENT_PREFIX + "{{randomValue length=4 type='NUMERIC'}}-"
				+ "{{randomValue length=4 type='NUMERIC'}}-{{randomValue length=12 type='NUMERIC'}}\","
				+ "\"status\":{\"state\":\"SUCCEEDED\"},\"manifest\":{\"format\":\"JSON_ARRAY\",\"schema\":{\"column_count\":"
				+ columnCount + ",\"columns\":" + columns + "},\"total_chunk_count\":1,"
				+ "\"chunks\":[{\"chunk_index\":0,\"row_offset\":0,\"row_count\":" + rows + "}],\"total_row_count\":" + rows
				+ ",\"truncated\":false},\"result\":{\"chunk_index\":0,\"row_offset\":0,\"row_count\":" + rows
				+ ",\"data_array\":" + data + "}}";
	}

	private static com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder okJson(String body) {
		return aResponse().withStatus(200).withHeader("Content-Type", "application/json").withBody(body);
	}

	/** The session ids the stand-in handed out, in order. */
	public List<String> issuedSessionIds() {
		return issued("/api/2.0/sql/warehouses/" + WAREHOUSE_ID + "/sessions", "session_id");
	}

	/** The statement ids the stand-in handed out, in order. */
	public List<String> issuedStatementIds() {
		return issued("/api/2.0/sql/statements/", "statement_id");
	}

	/**
	 * The statement ids the stand-in handed out, in order, each with the text of the statement
	 * it answered: a test can then tell which of its calls an exported statement id belongs to.
	 */
	public Map<String, String> issuedStatementTexts() {
		Map<String, String> texts = new LinkedHashMap<>();
		for (ServeEvent event : servedInOrder()) {
			if (isPostTo(event, "/api/2.0/sql/statements/")) {
				JsonNode id = this.json.readTree(event.getResponse().getBodyAsString()).get("statement_id");
				JsonNode text = this.json.readTree(event.getRequest().getBodyAsString()).get("statement");
				if (id != null && text != null) {
					texts.put(id.asString(), text.asString());
				}
			}
		}
		return texts;
	}

	private List<ServeEvent> servedInOrder() {
		List<ServeEvent> events = new ArrayList<>(server().getAllServeEvents());
		java.util.Collections.reverse(events);
		return events;
	}

	private static boolean isPostTo(ServeEvent event, String path) {
		return event.getRequest().getMethod().getName().equals("POST")
				&& event.getRequest().getUrl().replaceAll("/$", "").equals(path.replaceAll("/$", ""));
	}

	private List<String> issued(String path, String field) {
		List<String> ids = new ArrayList<>();
		for (ServeEvent event : servedInOrder()) {
			if (isPostTo(event, path)) {
				JsonNode node = this.json.readTree(event.getResponse().getBodyAsString()).get(field);
				if (node != null) {
					ids.add(node.asString());
				}
			}
		}
		return ids;
	}

	/** Events the real driver sent itself: it names itself {@code oss-jdbc}. */
	public List<JsonNode> driverEvents() {
		return events().stream().filter((e) -> "oss-jdbc".equals(driverName(e))).toList();
	}

	/** Events the starter sent. */
	public List<JsonNode> starterEvents() {
		return events().stream().filter((e) -> !"oss-jdbc".equals(driverName(e))).toList();
	}

	private static String driverName(JsonNode event) {
		return event.at("/entry/sql_driver_log/system_configuration/driver_name").asString();
	}

}
