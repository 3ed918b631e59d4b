package io.github.dbtelemetry.sample;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * A small application whose only DataSource is wrapped by the Databricks telemetry starter. By
 * default it talks to in-memory H2 and exports to a stand-in workspace served by itself; with the
 * {@code databricks} profile it uses the real driver against a real workspace.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class SampleApplication {

	public static void main(String[] args) {
		SpringApplication.run(SampleApplication.class, args);
	}

}
