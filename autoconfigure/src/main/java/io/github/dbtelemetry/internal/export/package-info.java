/**
 * Not API. The HTTP exporter on the starter's own JDK HTTP client, its retry policy and failure
 * classification, the per-host circuit breakers, and the wire serialization.
 */
@NullMarked
package io.github.dbtelemetry.internal.export;

import org.jspecify.annotations.NullMarked;
