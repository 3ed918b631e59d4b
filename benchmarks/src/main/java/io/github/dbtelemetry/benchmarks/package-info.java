/**
 * JMH benchmarks: the starter's cost per statement against raw JDBC and the instrumentation
 * people use today, the event pipeline's throughput, the memory a pending event holds, and the
 * whole cost of a statement with its export over HTTP.
 */
package io.github.dbtelemetry.benchmarks;
