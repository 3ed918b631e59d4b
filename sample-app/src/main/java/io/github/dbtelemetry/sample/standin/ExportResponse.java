package io.github.dbtelemetry.sample.standin;

import java.util.List;

/** The workspace's answer to an export: {@code numProtoSuccess < protoLogs.length} is a partial failure. */
public record ExportResponse(List<String> errors, long numSuccess, long numProtoSuccess) {

	public ExportResponse {
		errors = List.copyOf(errors);
	}

}
