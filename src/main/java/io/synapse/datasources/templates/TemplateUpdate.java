package io.synapse.datasources.templates;

import java.util.List;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;

import io.synapse.common.security.Role;

/** Fields to change; sql_template and parameters are checked together, as on create. unshare=true makes it private. */
public record TemplateUpdate(@Size(min = 1, max = 100) String name, @Size(max = 1000) String description, @Size(max = 1000) String questionTemplate,
        @Size(min = 1, max = 20_000) String sqlTemplate, @Size(max = 50) List<@Valid @NotNull TemplateParameter> parameters, @Size(max = 50) String category,
        Role sharedWithRole, Boolean unshare, Boolean isVerified) {
}
