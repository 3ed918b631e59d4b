package io.github.dbtelemetry.model;

/** {@code execution_result}: how the server delivered the result. */
public enum ExecutionResultFormat {

	FORMAT_UNSPECIFIED, INLINE_ARROW, INLINE_JSON, EXTERNAL_LINKS, COLUMNAR_INLINE

}
