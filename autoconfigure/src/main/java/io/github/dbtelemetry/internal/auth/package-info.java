/**
 * Not API. The bearer token of a data source: from its URL, its pool, the application's bean,
 * or an OAuth machine-to-machine flow.
 */
@NullMarked
package io.github.dbtelemetry.internal.auth;

import org.jspecify.annotations.NullMarked;
