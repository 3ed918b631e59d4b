/**
 * Sending batches of telemetry logs to a workspace: the exporter contract, the HTTP exporter
 * built on WebClient with its retry policy and failure classification, the per-host circuit
 * breakers in front of it, and the wire serialization. Nothing here blocks a JDBC thread, and
 * nothing here depends on a Spring application context.
 */
package io.github.dbtelemetry.export;
