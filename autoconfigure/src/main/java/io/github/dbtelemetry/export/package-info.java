/**
 * Sending batches of telemetry logs to a workspace: the exporter contract, the HTTP exporter
 * built on WebClient, and the wire serialization. Nothing here blocks a JDBC thread.
 */
package io.github.dbtelemetry.export;
