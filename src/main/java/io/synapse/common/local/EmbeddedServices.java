package io.synapse.common.local;

import java.nio.file.Files;
import java.nio.file.Path;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import redis.embedded.RedisServer;

/**
 * Loaded by name only from {@link LocalDefaultsConfigSourceFactory} in the dev profile, so a
 * native image never pulls these libraries in. The processes stop with the JVM; PostgreSQL's
 * data directory is kept so a restart finds yesterday's data.
 */
public class EmbeddedServices implements LocalServices {

    @Override
    public void startPostgres(Path dataDir, int port) throws Exception {
        Files.createDirectories(dataDir);
        EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                .setPort(port)
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setRegisterShutdownHook(true)
                .start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                postgres.close();
            } catch (Exception ignored) {
                // the JVM is going away anyway
            }
        }, "embedded-postgres-stop"));
    }

    @Override
    public void startRedis(int port) throws Exception {
        RedisServer redis = RedisServer.newRedisServer().port(port).setting("bind 127.0.0.1").setting("save \"\"").build();
        redis.start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                redis.stop();
            } catch (Exception ignored) {
                // the JVM is going away anyway
            }
        }, "embedded-redis-stop"));
    }
}
