package io.synapse.datasources.templates;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One :name of a template's SQL: its type, whether a run must give it, and the value used when it does not. */
public record TemplateParameter(@NotBlank @Pattern(regexp = "[A-Za-z_][A-Za-z0-9_]{0,62}", message = "must be a SQL identifier") @Schema(example = "uf") String name,
        @NotNull @Schema(example = "string") ParameterType type, Boolean required, @Schema(example = "PR") Object defaultValue,
        @Size(max = 500) String description) {

    public boolean isRequired() {
        return required == null || required;
    }
}
