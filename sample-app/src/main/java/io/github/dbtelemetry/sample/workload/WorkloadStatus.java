package io.github.dbtelemetry.sample.workload;

/**
 * What the workload has done so far.
 *
 * @param rounds completed rounds
 * @param statements statements attempted
 * @param expectedFailures failures of steps meant to fail
 * @param unexpectedFailures failures of steps meant to succeed
 */
public record WorkloadStatus(long rounds, long statements, long expectedFailures, long unexpectedFailures) {
}
