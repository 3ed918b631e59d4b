/**
 * Not API. The JDBC wrappers: pass-through delegation in {@code Delegating*} classes, telemetry
 * in the subclasses beside them, and one execute template.
 */
@NullMarked
package io.github.dbtelemetry.internal.jdbc;

import org.jspecify.annotations.NullMarked;
