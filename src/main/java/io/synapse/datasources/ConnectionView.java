package io.synapse.datasources;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A connection as clients see it: never the password, its ciphertext or its key id. */
public record ConnectionView(UUID id, UUID userId, String name, String description, Engine engine, String host, int port, String database,
        String username, String sslMode, List<String> schemaFilter, String sharedWithRole, boolean allowWritableLogin, String status,
        String serverVersion, List<String> writePrivileges, Instant lastCheckedAt, String lastError, Instant schemaRefreshedAt, Instant createdAt,
        Instant updatedAt) {

    public static ConnectionView of(DatabaseConnection c) {
        return new ConnectionView(c.id, c.userId, c.name, c.description, c.engine, c.host, c.port, c.databaseName, c.username, c.sslMode,
                List.copyOf(c.schemaFilter), c.sharedWithRole, c.allowWritableLogin, c.status, c.serverVersion, List.copyOf(c.writePrivileges),
                c.lastCheckedAt, c.lastError, c.schemaRefreshedAt, c.createdAt, c.updatedAt);
    }
}
