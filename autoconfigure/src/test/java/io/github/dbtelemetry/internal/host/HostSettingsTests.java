package io.github.dbtelemetry.internal.host;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import org.junit.jupiter.api.Test;

import io.github.dbtelemetry.export.ExportResult;
import io.github.dbtelemetry.export.TelemetryExporter;
import io.github.dbtelemetry.pipeline.TelemetryPipelineListener;
import io.github.dbtelemetry.support.ManualScheduler;
import io.github.dbtelemetry.support.TestTelemetry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/** Host settings are made by name, and a limit left unset is an error, not a zero. */
class HostSettingsTests {

	private final TelemetryExporter exporter = (endpoint, logs) -> CompletableFuture
		.completedFuture(ExportResult.success(logs.size(), 200));

	private final ManualScheduler scheduler = new ManualScheduler();

	private HostSettings.Builder builder() {
		return HostSettings.builder(this.exporter, this.scheduler).events(TestTelemetry.eventBuilder());
	}

	@Test
	void theSettingsAreTheOnesNamed() {
		HostSettings settings = builder().batchSize(100)
			.maxBatchSize(500)
			.flushInterval(Duration.ofSeconds(5))
			.maxPendingEvents(10_000)
			.shutdownTimeout(Duration.ofSeconds(2))
			.allowInsecure(true)
			.warnInterval(Duration.ofMinutes(15))
			.build();
		assertThat(settings.batchSize()).isEqualTo(100);
		assertThat(settings.maxBatchSize()).isEqualTo(500);
		assertThat(settings.flushInterval()).isEqualTo(Duration.ofSeconds(5));
		assertThat(settings.maxPendingEvents()).isEqualTo(10_000);
		assertThat(settings.shutdownTimeout()).isEqualTo(Duration.ofSeconds(2));
		assertThat(settings.allowInsecure()).isTrue();
		assertThat(settings.warnInterval()).isEqualTo(Duration.ofMinutes(15));
		assertThat(settings.exporter()).isSameAs(this.exporter);
		assertThat(settings.scheduler()).isSameAs(this.scheduler);
		assertThat(settings.breakers()).as("breakers off").isNull();
		assertThat(settings.featureFlags()).as("export forced").isNull();
		assertThat(settings.listener()).isSameAs(TelemetryPipelineListener.NONE);
	}

	@Test
	void limitsLeftUnsetAreNamedWhenBuilding() {
		assertThatIllegalStateException().isThrownBy(() -> builder().build()).withMessageContaining("Batch sizes");
		assertThatIllegalStateException()
			.isThrownBy(() -> builder().batchSize(100).maxBatchSize(50).maxPendingEvents(1).build())
			.withMessageContaining("100, 50 and 1");
		assertThatIllegalStateException()
			.isThrownBy(() -> builder().batchSize(100).maxBatchSize(500).maxPendingEvents(10).build())
			.withMessage("flushInterval must be set");
	}

}
