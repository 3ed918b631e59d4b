package io.github.dbtelemetry.support;

import java.util.List;

import io.github.dbtelemetry.model.AuthFlow;
import io.github.dbtelemetry.model.AuthMech;
import io.github.dbtelemetry.model.ChunkDetails;
import io.github.dbtelemetry.model.DatabricksClientType;
import io.github.dbtelemetry.model.DriverConnectionParameters;
import io.github.dbtelemetry.model.DriverErrorInfo;
import io.github.dbtelemetry.model.DriverSystemConfiguration;
import io.github.dbtelemetry.model.DriverVolumeOperation;
import io.github.dbtelemetry.model.ExecutionResultFormat;
import io.github.dbtelemetry.model.FrontendLogContext;
import io.github.dbtelemetry.model.FrontendLogEntry;
import io.github.dbtelemetry.model.HostDetails;
import io.github.dbtelemetry.model.OperationDetail;
import io.github.dbtelemetry.model.OperationType;
import io.github.dbtelemetry.model.ProxyAuthType;
import io.github.dbtelemetry.model.ResultLatency;
import io.github.dbtelemetry.model.SqlExecutionEvent;
import io.github.dbtelemetry.model.StatementType;
import io.github.dbtelemetry.model.TelemetryClientContext;
import io.github.dbtelemetry.model.TelemetryEvent;
import io.github.dbtelemetry.model.TelemetryFrontendLog;
import io.github.dbtelemetry.model.VolumeOperationType;

/**
 * Fixed payloads for golden-file and schema tests: ids and times are constants so that the
 * serialized form is byte-for-byte stable.
 */
public final class TelemetryPayloadSamples {

	/** The {@code uploadTime} of {@link #requestLogs()} in the golden request. */
	public static final long UPLOAD_TIME = 1767774000000L;

	private TelemetryPayloadSamples() {
	}

	/**
	 * A log with every field of the wire model set, including the ones the starter itself never
	 * fills ({@code vol_operation}, proxies, {@code stack_trace}): the golden file then pins how
	 * each of them is written.
	 */
	public static TelemetryFrontendLog full() {
		DriverSystemConfiguration system = new DriverSystemConfiguration("0.1.0", "Linux", "6.8.0", "amd64",
				"OpenJDK 64-Bit Server VM", "17.0.12", "Eclipse Adoptium", "orders-service", "en_US",
				"databricks-telemetry-spring-boot", "UTF-8", "orders-service.jar");
		DriverConnectionParameters connection = new DriverConnectionParameters("/sql/1.0/warehouses/abc123",
				DatabricksClientType.SEA, HostDetails.ofBaseUrl("https://adb-1234567890123456.7.azuredatabricks.net:443"),
				new HostDetails("proxy.internal", 3128, ProxyAuthType.BASIC, List.of("localhost", "*.internal")),
				new HostDetails("cf-proxy.internal", 8080, ProxyAuthType.NONE, List.of()), AuthMech.OAUTH,
				AuthFlow.CLIENT_CREDENTIALS, "all-apis", true, false, true, true, true, 900, 255, 100, 2000000, 200,
				"JKS", true, false, true, false, true, false, false, true, true, true, true, false);
		SqlExecutionEvent operation = new SqlExecutionEvent(StatementType.QUERY, true,
				ExecutionResultFormat.EXTERNAL_LINKS, 7L, 2, new ChunkDetails(120L, 480L, 12L, 11L, 2900L),
				new ResultLatency(35L, 1200L), new OperationDetail(3, 45L, OperationType.EXECUTE_STATEMENT, false));
		TelemetryEvent event = new TelemetryEvent("01f0c0de-0000-1000-8000-00000000000a",
				"01f0c0de-0000-1000-8000-00000000000b", system, connection, "oauth-client_credentials",
				new DriverVolumeOperation(VolumeOperationType.PUT, "/Volumes/main/default/landing/file.csv"),
				operation, new DriverErrorInfo("HY000", "java.sql.SQLException\n\tat Example.run(Example.java:1)"),
				1537L);
		return new TelemetryFrontendLog(1234567890123456L, "0b7e5c9a-1c2d-4e5f-8a9b-0c1d2e3f4a5b",
				new FrontendLogContext(new TelemetryClientContext(1767773999871L,
						"DatabricksTelemetrySpringBoot/0.1.0 DatabricksJDBCDriverOSS/3.4.5")),
				new FrontendLogEntry(event));
	}

	/** A log with only what is always written: its id, the client timestamp and an empty event. */
	public static TelemetryFrontendLog minimal() {
		return new TelemetryFrontendLog(null, "5f1d2c3b-4a59-4687-9a0b-1c2d3e4f5a6b",
				new FrontendLogContext(new TelemetryClientContext(1767773999000L, null)),
				new FrontendLogEntry(new TelemetryEvent(null, null, null, null, null, null, null, null, null)));
	}

	/** The logs of the golden request, in order. */
	public static List<TelemetryFrontendLog> requestLogs() {
		return List.of(full(), minimal());
	}

}
