/**
 * From finished observations to telemetry events: the observation handler (the "activity
 * listener" of the design), the per-host aggregator and the event factory.
 */
package io.github.dbtelemetry.aggregation;
