package io.synapse.common.error;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * RFC 9457 problem details. The body carries no request id or timestamp on purpose: the
 * X-Request-Id header correlates, and identical failures (wrong e-mail vs wrong password)
 * must produce identical bodies.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors, List<?> problems) {

    /** problems: an extension member for refusals that list many items (a CSV file's bad lines). */
    public Problem(String type, String title, int status, String detail, List<FieldError> errors) {
        this(type, title, status, detail, errors, null);
    }

    public static final String MEDIA_TYPE = "application/problem+json";
    public static final String TYPE_BASE = "https://synapse.dev/problems/";

    public static Problem of(int status, String slug, String title, String detail) {
        return new Problem(TYPE_BASE + slug, title, status, detail, null);
    }

    public static Problem validation(String detail, List<FieldError> errors) {
        return new Problem(TYPE_BASE + "validation", "Invalid request", 400, detail, errors);
    }
}
