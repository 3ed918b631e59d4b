/**
 * Credentials for telemetry requests: the application's {@link
 * io.github.dbtelemetry.auth.DatabricksCredentialsProvider} bean, and the per-data-source
 * {@link io.github.dbtelemetry.auth.TokenSource} an exporter receives with each batch.
 */
@NullMarked
package io.github.dbtelemetry.auth;

import org.jspecify.annotations.NullMarked;
