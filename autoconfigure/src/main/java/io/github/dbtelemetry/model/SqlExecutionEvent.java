package io.github.dbtelemetry.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({ "statement_type", "is_compressed", "execution_result", "chunk_id", "retry_count",
		"chunk_details", "result_latency", "operation_detail" })
/**
 * The statement part of an event ({@code sql_operation}): its type, result, latency and operation.
 *
 * @since 0.1.0
 */
public record SqlExecutionEvent(
		@JsonProperty("statement_type") StatementType statementType,
		@JsonProperty("is_compressed") Boolean isCompressed,
		@JsonProperty("execution_result") ExecutionResultFormat executionResult,
		@JsonProperty("chunk_id") Long chunkId,
		@JsonProperty("retry_count") Integer retryCount,
		@JsonProperty("chunk_details") ChunkDetails chunkDetails,
		@JsonProperty("result_latency") ResultLatency resultLatency,
		@JsonProperty("operation_detail") OperationDetail operationDetail) {
}
