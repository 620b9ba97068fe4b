package io.synapse.datasources.templates;

import java.util.List;
import java.util.UUID;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.synapse.common.security.Role;

/** A template: SQL with :name placeholders, each declared with its type in parameters. */
public record TemplateCreate(@NotNull UUID connectionId, @NotBlank @Size(max = 100) @Schema(example = "Clients per state") String name,
        @Size(max = 1000) String description, @Size(max = 1000) @Schema(example = "How many clients are in {uf}?") String questionTemplate,
        @NotBlank @Size(max = 20_000) @Schema(example = "SELECT count(*) AS clients FROM clientes WHERE uf = :uf") String sqlTemplate,
        @Size(max = 50) List<@Valid @NotNull TemplateParameter> parameters, @Size(max = 50) String category, Role sharedWithRole, Boolean isVerified) {
}
