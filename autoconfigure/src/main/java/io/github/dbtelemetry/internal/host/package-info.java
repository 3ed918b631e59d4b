/**
 * Not API. One object per workspace host: its feature flag, breaker, bounded buffer, batching,
 * accounting and snapshot; the one registry of hosts; the telemetry threads.
 */
@NullMarked
package io.github.dbtelemetry.internal.host;

import org.jspecify.annotations.NullMarked;
