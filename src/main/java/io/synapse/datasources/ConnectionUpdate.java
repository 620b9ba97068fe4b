package io.synapse.datasources;

import java.util.List;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;


import io.synapse.common.security.Role;

/**
 * Fields to change; absent ones stay. A new host, port, database, user or password sends the
 * connection back to "untested". unshare=true makes a shared connection private again.
 */
public record ConnectionUpdate(@Size(min = 1, max = 100) String name, @Size(max = 1000) String description, @Size(min = 1, max = 255) String host,
        @Min(1) @Max(65535) Integer port, @Size(min = 1, max = 128) String database, @Size(min = 1, max = 128) String username,
        @Size(max = 1024) String password, @Pattern(regexp = SslModes.PATTERN, message = SslModes.MESSAGE) String sslMode,
        @Size(max = 50) List<@NotBlank @Size(max = 128) String> schemaFilter, Role sharedWithRole, Boolean unshare,
        Boolean allowWritableLogin) {
}
