/**
 * The Micrometer observations the JDBC wrappers make: their documentation, their conventions, and
 * their read-only contexts, plus the registry that decides which keys may leave the process.
 */
@NullMarked
package io.github.dbtelemetry.observation;

import org.jspecify.annotations.NullMarked;
