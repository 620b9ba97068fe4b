package io.synapse.common.error;

/** One rejected input field of a validation problem. */
public record FieldError(String field, String message) {
}
