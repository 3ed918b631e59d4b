package io.github.dbtelemetry.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * How a result arrived in chunks ({@code chunk_details}); not filled by the starter: the Databricks
 * driver's public API does not tell a result's chunks.
 *
 * @since 0.1.0
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ChunkDetails(
		@JsonProperty("initial_chunk_latency_millis") Long initialChunkLatencyMillis,
		@JsonProperty("slowest_chunk_latency_millis") Long slowestChunkLatencyMillis,
		@JsonProperty("total_chunks_present") Long totalChunksPresent,
		@JsonProperty("total_chunks_iterated") Long totalChunksIterated,
		@JsonProperty("sum_chunks_download_time_millis") Long sumChunksDownloadTimeMillis) {
}
