package io.synapse.common.config;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Typed view of every {@code synapse.*} property; defaults live in application.properties. */
@ConfigMapping(prefix = "synapse")
public interface SynapseConfig {

    Jwt jwt();

    Auth auth();

    Admin admin();

    Local local();

    Api api();

    Redis redis();

    /** Loads demo users, a demo conversation and the sample business data into an empty database. */
    @WithDefault("false")
    boolean demoData();

    interface Jwt {
        String issuer();

        String audience();

        Duration accessTokenTtl();

        Duration refreshTokenTtl();

        /** Upper bound for admin-issued role-scoped tokens. */
        Duration issuedTokenMaxTtl();
    }

    interface Auth {
        boolean registrationEnabled();

        /** Login attempts allowed per IP and e-mail within {@link #loginRateWindow()}. */
        int loginRateLimit();

        Duration loginRateWindow();

        int bcryptCost();

        /** Authenticated requests one principal (user or service) may make per {@link #principalRateWindow()}. */
        @WithDefault("1200")
        int principalRateLimit();

        @WithDefault("PT1M")
        Duration principalRateWindow();

        /** JWTs whose signature has been verified, remembered until they expire (see CachingJwtParser). */
        @WithDefault("10000")
        int verifiedTokenCacheSize();

        /** How often counted API-key use (usage_count, last_used_at) is written to the database. */
        @WithDefault("5s")
        Duration apiKeyUsageFlush();
    }

    interface Redis {
        /** After a failed Redis call, how long Redis is skipped (callers use their fallback at once). */
        @WithDefault("5s")
        Duration cooldown();
    }

    interface Api {
        /** Largest declared body outside CSV imports (which quarkus.http.limits.max-body-size bounds). */
        @WithDefault("2M")
        MemorySize maxBodySize();

        /** Largest declared body of a document upload (POST /api/knowledge/documents): the file plus its multipart framing. */
        @WithDefault("21M")
        MemorySize maxUploadSize();
    }

    interface Local {
        /** Where dev and test keep generated JWT keys and embedded PostgreSQL data. */
        String dataDir();

        /** Port on 127.0.0.1 where dev and test look for a running PostgreSQL before embedding one. */
        @WithDefault("5432")
        int postgresPort();
    }

    interface Admin {
        /** Bootstrap admin created on an empty database. */
        Optional<String> email();

        /** When absent a random password is generated and printed once. */
        Optional<String> password();
    }
}
