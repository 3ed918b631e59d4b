package io.github.dbtelemetry.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations this starter emits and their keys. Low-cardinality keys are few and bounded
 * (they become metric tags); high-cardinality keys go to tracing only. Which of them may be
 * exported to Databricks is declared in {@link TelemetryTag} and answered by
 * {@link TelemetryTagRegistry}, not here.
 *
 * @since 0.1.0
 */
public enum DatabricksObservationDocumentation implements ObservationDocumentation {

	/**
	 * A new Databricks session: a physical connection opened, or an attempt to open one that
	 * failed. A pool's checkout of a session it already holds is not observed unless every
	 * checkout is asked for ({@code databricks.telemetry.observation.checkouts}).
	 */
	CONNECTION {
		@Override
		public String getName() {
			return "databricks.connection";
		}

		@Override
		public String getContextualName() {
			return "databricks connect";
		}

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultConnectionObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return new KeyName[] { LowCardinalityKeys.OUTCOME, LowCardinalityKeys.HOST, LowCardinalityKeys.DATASOURCE };
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return new KeyName[] { HighCardinalityKeys.SESSION_ID, ConnectionKeys.DRIVER_NAME,
					ConnectionKeys.DRIVER_VERSION, ConnectionKeys.FEATURE_CLOUDFETCH, ConnectionKeys.FEATURE_ARROW };
		}
	},

	/** One statement execution, from execute to the end of its result. */
	STATEMENT {
		@Override
		public String getName() {
			return "databricks.statement";
		}

		@Override
		public String getContextualName() {
			return "databricks statement";
		}

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultStatementObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return LowCardinalityKeys.values();
		}

		@Override
		public KeyName[] getHighCardinalityKeyNames() {
			return HighCardinalityKeys.values();
		}
	};

	/** Metric tags: each takes a small, bounded set of values. */
	public enum LowCardinalityKeys implements KeyName {

		/** {@code QUERY}, {@code UPDATE}, {@code SQL} or {@code METADATA}. */
		STATEMENT_TYPE {
			@Override
			public String asString() {
				return "statement.type";
			}
		},

		/** {@code success} or {@code error}. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		},

		/** The workspace host. */
		HOST {
			@Override
			public String asString() {
				return "host";
			}
		},

		/** The data source bean name. */
		DATASOURCE {
			@Override
			public String asString() {
				return "datasource";
			}
		}

	}

	/** Tracing attributes. */
	public enum HighCardinalityKeys implements KeyName {

		/** The session id; absent only when the session could not be identified. */
		SESSION_ID {
			@Override
			public String asString() {
				return "session.id";
			}

			@Override
			public boolean isRequired() {
				return false;
			}
		},

		/**
		 * The server's statement id, where the driver tells it without another server call (the
		 * Databricks driver does, for queries); absent otherwise.
		 */
		STATEMENT_ID {
			@Override
			public String asString() {
				return "statement.id";
			}

			@Override
			public boolean isRequired() {
				return false;
			}
		},

		/**
		 * The SQL text: only when {@code databricks.telemetry.observation.record-sql-text} is set,
		 * and never exported to Databricks.
		 */
		DB_STATEMENT {
			@Override
			public String asString() {
				return "db.statement";
			}

			@Override
			public boolean isRequired() {
				return false;
			}
		},

		/** The class name of the error, on failed statements. */
		ERROR_TYPE {
			@Override
			public String asString() {
				return "error.type";
			}

			@Override
			public boolean isRequired() {
				return false;
			}
		}

	}

	/** Tracing attributes of a new session: the driver and its features, where known. */
	public enum ConnectionKeys implements KeyName {

		/** The JDBC driver's name. */
		DRIVER_NAME {
			@Override
			public String asString() {
				return "driver.name";
			}

			@Override
			public boolean isRequired() {
				return false;
			}
		},

		/** The JDBC driver's version. */
		DRIVER_VERSION {
			@Override
			public String asString() {
				return "driver.version";
			}

			@Override
			public boolean isRequired() {
				return false;
			}
		},

		/** Whether results may be downloaded from cloud storage (CloudFetch). */
		FEATURE_CLOUDFETCH {
			@Override
			public String asString() {
				return "feature.cloudfetch";
			}

			@Override
			public boolean isRequired() {
				return false;
			}
		},

		/** Whether results may come as Arrow. */
		FEATURE_ARROW {
			@Override
			public String asString() {
				return "feature.arrow";
			}

			@Override
			public boolean isRequired() {
				return false;
			}
		}

	}

}
