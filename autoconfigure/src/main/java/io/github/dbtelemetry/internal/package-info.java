/**
 * Not API. The telemetry engine's parts, each in a package named for what it does, and what
 * they share: which optional libraries are present.
 */
@NullMarked
package io.github.dbtelemetry.internal;

import org.jspecify.annotations.NullMarked;
