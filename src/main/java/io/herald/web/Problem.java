package io.herald.web;

import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;

/** An RFC 9457 problem: what went wrong, and for bad input which fields and why. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    /** One field at fault. */
    public record FieldError(String field, String reason) {}

    public static Problem of(int status, String title, String field, String reason) {
        return new Problem(
                "about:blank", title, status, reason, field == null ? null : List.of(new FieldError(field, reason)));
    }
}
