/**
 * The Micrometer observations the JDBC wrappers emit (the "activities" of the design), their
 * documented keys, conventions, and the registry that decides which keys may leave the process.
 */
package io.github.dbtelemetry.observation;
