package io.github.dbtelemetry.model;

/** {@code execution_result}: how the server delivered the result.
 *
 * @since 0.1.0
 */
public enum ExecutionResultFormat {

	FORMAT_UNSPECIFIED, INLINE_ARROW, INLINE_JSON, EXTERNAL_LINKS, COLUMNAR_INLINE

}
