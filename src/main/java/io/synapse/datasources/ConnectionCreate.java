package io.synapse.datasources;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

import io.synapse.common.security.Role;

/**
 * A database to register. The password is sealed at once and never returned. shared_with_role
 * lets every user at or above that role use it; allow_writable_login is for admins only.
 */
public record ConnectionCreate(@NotBlank @Size(max = 100) @Schema(example = "Sales warehouse") String name, @Size(max = 1000) String description,
        @NotNull @Schema(example = "postgresql") Engine engine, @NotBlank @Size(max = 255) @Schema(example = "db.internal.example.com") String host,
        @Min(1) @Max(65535) @Schema(example = "5432") Integer port, @NotBlank @Size(max = 128) @Schema(example = "sales") String database,
        @NotBlank @Size(max = 128) @Schema(example = "synapse_reader") String username, @NotNull @Size(max = 1024) String password,
        @Pattern(regexp = SslModes.PATTERN, message = SslModes.MESSAGE) @Schema(example = "require") String sslMode,
        @Size(max = 50) List<@NotBlank @Size(max = 128) String> schemaFilter, Role sharedWithRole, Boolean allowWritableLogin) {
}
