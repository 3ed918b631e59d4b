/**
 * JMH benchmarks: the starter's cost per statement against raw JDBC and the instrumentation
 * people use today, the event pipeline's throughput, and the memory a pending event holds.
 */
package io.github.dbtelemetry.benchmarks;
