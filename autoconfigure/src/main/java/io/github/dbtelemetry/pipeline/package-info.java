/**
 * What applications see of the pipeline: the listener that hears exports, drops and hosts, the
 * per-host snapshot that health and metrics show, and the export mode.
 */
@NullMarked
package io.github.dbtelemetry.pipeline;

import org.jspecify.annotations.NullMarked;
