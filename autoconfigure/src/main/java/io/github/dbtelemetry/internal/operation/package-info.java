/**
 * Not API. The carriers of one finished operation from the JDBC wrappers to the event builder.
 */
@NullMarked
package io.github.dbtelemetry.internal.operation;

import org.jspecify.annotations.NullMarked;
