package io.github.dbtelemetry.autoconfigure;

import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

import org.springframework.beans.BeansException;
import org.springframework.beans.factory.BeanFactory;
import org.springframework.beans.factory.BeanFactoryAware;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.config.DestructionAwareBeanPostProcessor;
import org.springframework.core.Ordered;
import org.springframework.jdbc.datasource.AbstractDriverBasedDataSource;
import org.springframework.jdbc.datasource.LazyConnectionDataSourceProxy;
import org.springframework.jdbc.datasource.lookup.AbstractRoutingDataSource;

import io.github.dbtelemetry.DatabricksTelemetry;
import io.github.dbtelemetry.internal.OptionalLibraries;
import io.github.dbtelemetry.internal.databricks.JdbcUrlMatcher;
import io.github.dbtelemetry.internal.jdbc.DataSourcePlan;
import io.github.dbtelemetry.internal.jdbc.TelemetryDataSource;

/**
 * Wraps each Databricks {@link DataSource} bean with {@link DatabricksTelemetry#instrument}. The URL is
 * read from the pool's configuration where it has one; no connection is opened at start-up. A
 * data source whose URL is known not to match is returned as it is; one whose URL is unknown is
 * wrapped and decides on its first connection.
 *
 * <p>A {@link LazyConnectionDataSourceProxy} bean (Boot's {@code spring.datasource.connection-fetch=lazy}
 * makes one of the auto-configured data source, in a post-processor that runs before this one) keeps
 * its place: the data source behind it is instrumented instead. Instrumented from outside, each
 * connection the proxy hands out would be asked for its session, which makes the proxy take a pooled
 * connection at once, what it exists to avoid; behind it, telemetry sees a connection only when the
 * proxy takes one from the pool, and the pool's URL is known at start-up. A read-only data source set
 * on the proxy is not reached (the proxy does not tell it): declared as a bean, it is instrumented as
 * one.
 */
final class DatabricksDataSourcePostProcessor implements DestructionAwareBeanPostProcessor, BeanFactoryAware, Ordered {

	// The category users look for: what the starter does for each data source.
	private static final Log logger = LogFactory.getLog("io.github.dbtelemetry.datasource");

	private final Supplier<DatabricksTelemetryProperties> properties;

	private final Supplier<DatabricksTelemetry> telemetry;

	private ConfigurableListableBeanFactory beanFactory;

	// The pools wrapped, by identity, with their wrappers: the context closes the pool bean it
	// made (its destroy method is bound to that instance), not the wrapper, nor the lazy-connection
	// proxy another post-processor may have put in its place.
	private final Map<Object, TelemetryDataSource> wrapped = Collections.synchronizedMap(new IdentityHashMap<>());

	DatabricksDataSourcePostProcessor(Supplier<DatabricksTelemetryProperties> properties,
			Supplier<DatabricksTelemetry> telemetry) {
		this.properties = properties;
		this.telemetry = telemetry;
	}

	@Override
	public void setBeanFactory(BeanFactory beanFactory) throws BeansException {
		this.beanFactory = (beanFactory instanceof ConfigurableListableBeanFactory listable) ? listable : null;
	}

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		if (bean instanceof LazyConnectionDataSourceProxy lazy) {
			DataSource target = lazy.getTargetDataSource();
			if (target != null) {
				DataSource instrumented = instrumented(target, beanName);
				if (instrumented != target) {
					lazy.setTargetDataSource(instrumented);
				}
			}
			return bean;
		}
		return (bean instanceof DataSource dataSource) ? instrumented(dataSource, beanName) : bean;
	}

	private DataSource instrumented(DataSource dataSource, String beanName) {
		if (dataSource instanceof AbstractRoutingDataSource || DatabricksTelemetry.isInstrumented(dataSource)) {
			return dataSource;
		}
		DatabricksTelemetryProperties properties = this.properties.get();
		DatabricksTelemetryProperties.Datasource settings = properties.datasource();
		if (settings.excludedBeanNames().contains(beanName)) {
			logger.info("Databricks telemetry for data source '" + beanName
					+ "': not instrumented: excluded by databricks.telemetry.datasource.excluded-bean-names");
			return dataSource;
		}
		String url = configuredUrl(dataSource);
		if (url == null) {
			logger.info("Databricks telemetry for data source '" + beanName
					+ "': instrumented; what it exports is decided at its first connection, from its JDBC URL");
		}
		else {
			// One line per data source, at start-up: what the starter does for it and why.
			DataSourcePlan plan = DataSourcePlan.of(url, dataSource, null, new JdbcUrlMatcher(settings.urlPrefixes()),
					properties.exportMode(), properties.endpoint());
			plan.log(logger, beanName, properties.endpoint());
			if (plan.outcome() == DataSourcePlan.Outcome.NOT_MATCHED) {
				return dataSource;
			}
		}
		closeBeforeTheEngine(beanName);
		// The engine is made at the first connection, not while beans are post-processed.
		DataSource instrumented = DatabricksTelemetry.instrument(dataSource, beanName, url, this.telemetry);
		TelemetryDataSource telemetry = telemetryOf(instrumented);
		if (telemetry != null) {
			this.wrapped.put(dataSource, telemetry);
		}
		return instrumented;
	}

	@Override
	public boolean requiresDestruction(Object bean) {
		return this.wrapped.containsKey(bean);
	}

	/**
	 * The context is about to close a pool it made and the starter wrapped: the wrapper
	 * remembers the sessions open now, and those the closing ends are reported when the engine
	 * closes (after the data source, see {@link #closeBeforeTheEngine}).
	 */
	@Override
	public void postProcessBeforeDestruction(Object bean, String beanName) {
		TelemetryDataSource telemetry = this.wrapped.remove(bean);
		if (telemetry != null) {
			telemetry.poolClosing();
		}
	}

	private static TelemetryDataSource telemetryOf(DataSource instrumented) {
		try {
			return instrumented.unwrap(TelemetryDataSource.class);
		}
		catch (java.sql.SQLException | RuntimeException ex) {
			return null;
		}
	}

	/**
	 * The engine is looked up only at the first connection, so the context does not know that
	 * the data source uses it and would close the engine first (it was made later). Declared
	 * here, the data source closes first: the sessions its pool ends as it closes are reported,
	 * and the engine's final flush sends them.
	 */
	private void closeBeforeTheEngine(String dataSourceName) {
		ConfigurableListableBeanFactory factory = this.beanFactory;
		if (factory == null) {
			return;
		}
		try {
			for (String engine : factory.getBeanNamesForType(DatabricksTelemetry.class, true, false)) {
				factory.registerDependentBean(engine, dataSourceName);
			}
		}
		catch (RuntimeException ex) {
			logger.debug("Could not order the closing of data source '" + dataSourceName + "' before telemetry", ex);
		}
	}

	private static String configuredUrl(DataSource dataSource) {
		if (OptionalLibraries.HIKARI) {
			String url = HikariUrl.of(dataSource);
			if (url != null) {
				return url;
			}
		}
		if (dataSource instanceof AbstractDriverBasedDataSource driverBased) {
			return driverBased.getUrl();
		}
		return null;
	}

	@Override
	public int getOrder() {
		// after other post-processors, so that we wrap what they produced
		return Ordered.LOWEST_PRECEDENCE - 10;
	}

	/** Kept apart so that HikariCP is loaded only when present. */
	private static final class HikariUrl {

		static String of(DataSource dataSource) {
			return (dataSource instanceof com.zaxxer.hikari.HikariDataSource hikari) ? hikari.getJdbcUrl() : null;
		}

	}

}
