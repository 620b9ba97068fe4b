package io.synapse.datasources;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** synapse.datasources.*: users' own databases (README: Datasources). */
@ConfigMapping(prefix = "synapse.datasources")
public interface DatasourcesConfig {

    Encryption encryption();

    Targets targets();

    Pool pool();

    Query query();

    Ask ask();

    /** Introspected catalogue versions kept per connection (the current one included). */
    @WithDefault("2")
    int schemaVersionsKept();

    interface Encryption {
        /** The key new values are sealed with; a key id from {@link #keys()}. */
        Optional<String> activeKeyId();

        /**
         * Key id to base64 of 32 random bytes (AES-256). Old keys stay listed until
         * POST /api/admin/datasources/re-encrypt has moved every value to the active one.
         */
        Map<String, String> keys();
    }

    interface Targets {
        /** When set, only these hosts may be registered: names (exact, or *.suffix) or IP / CIDR blocks. */
        Optional<List<String>> allowedHosts();

        /** Never these hosts: names (exact, or *.suffix) or IP / CIDR blocks; checked after the built-in refusals. */
        Optional<List<String>> deniedHosts();

        /** The database Synapse itself runs on may be registered (the dev demo does, through a read-only role). */
        @WithDefault("false")
        boolean allowOwnDatabase();
    }

    interface Pool {
        /** Connections per registered database and replica. */
        @WithDefault("4")
        int maxSize();

        @WithDefault("5s")
        Duration acquisitionTimeout();

        @WithDefault("5s")
        Duration connectTimeout();

        /** A pool unused this long is closed; its next use opens a new one. */
        @WithDefault("5m")
        Duration idleClose();
    }

    interface Query {
        @WithDefault("30s")
        Duration statementTimeout();

        /** Rows one statement may return; the rest is cut and "truncated" is set. */
        @WithDefault("100000")
        int maxRows();

        /** Bytes of JSON or CSV one statement may return. */
        @WithDefault("64M")
        MemorySize maxBytes();

        /** Longest statement accepted, in characters. */
        @WithDefault("20000")
        int maxSqlLength();
    }

    interface Ask {
        /** Tables of the catalogue described to the model, best matches for the question first. */
        @WithDefault("12")
        int maxTables();

        /** Rows an answer carries and stores in the conversation. */
        @WithDefault("200")
        int maxRows();

        /** Bytes of rows stored with the answer's message. */
        @WithDefault("256K")
        MemorySize maxResultBytes();
    }
}
