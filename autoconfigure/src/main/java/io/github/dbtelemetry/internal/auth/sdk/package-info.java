/**
 * Not API. Bearer tokens from the Databricks SDK's unified authentication. Only the
 * SDK's auto-configuration refers to this package, and only when the SDK is on the class path, so
 * that an application without the SDK never loads a class that needs it.
 */
@NullMarked
package io.github.dbtelemetry.internal.auth.sdk;

import org.jspecify.annotations.NullMarked;
