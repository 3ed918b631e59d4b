/**
 * Not API. From finished operations to wire events: the event builder and its ids.
 */
@NullMarked
package io.github.dbtelemetry.internal.event;

import org.jspecify.annotations.NullMarked;
