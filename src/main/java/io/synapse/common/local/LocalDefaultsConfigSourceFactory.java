package io.synapse.common.local;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

import org.eclipse.microprofile.config.spi.ConfigSource;
import org.jboss.logging.Logger;

import io.smallrye.config.ConfigSourceContext;
import io.smallrye.config.ConfigSourceFactory;
import io.smallrye.config.ConfigValue;
import io.smallrye.config.common.MapBackedConfigSource;

/**
 * "Runs with nothing configured", for the dev and test profiles only (prod gets nothing from here
 * and must be configured). Runs while configuration is built, i.e. before the datasource, Flyway
 * and SmallRye JWT read theirs, in every launch mode:
 * <ul>
 * <li>JWT keys: generated once into the local data folder unless a key location is configured;</li>
 * <li>PostgreSQL (unless a JDBC URL is configured): 127.0.0.1:5432 if it answers, else, in dev, an
 * embedded server on 54329 with its data under the local folder; the database is created if missing;</li>
 * <li>Redis (dev): the configured server if it answers, else an embedded one on 6390.</li>
 * </ul>
 * Its values sit above application.properties and below environment variables.
 */
public class LocalDefaultsConfigSourceFactory implements ConfigSourceFactory {

    private static final Logger LOG = Logger.getLogger(LocalDefaultsConfigSourceFactory.class);
    static final int ORDINAL = 275;
    static final int EMBEDDED_POSTGRES_PORT = 54329;
    static final int EMBEDDED_REDIS_PORT = 6390;

    @Override
    public Iterable<ConfigSource> getConfigSources(ConfigSourceContext context) {
        List<String> profiles = context.getProfiles();
        boolean dev = profiles.contains("dev");
        boolean test = profiles.contains("test");
        if (!dev && !test) {
            return List.of();
        }
        Map<String, String> values = new HashMap<>();
        Path dataDir = Path.of(valueOr(context, "synapse.local.data-dir", dev ? ".synapse" : "target/synapse-test")).toAbsolutePath();
        configureJwtKeys(context, dev ? "dev" : "test", dataDir, values);
        configureDatabase(context, dev, dataDir, values);
        configureDatasourceKey(context, dataDir, values);
        if (dev) {
            configureRedis(context, values);
        }
        return List.of(new MapBackedConfigSource("synapse-local-defaults", values, ORDINAL) {
        });
    }

    /**
     * dev and test name their key files in application.properties (so SmallRye JWT's own dev
     * service stays out of the way); here the pair is created on first use. With no location at
     * all, a pair under the data folder is used.
     */
    private static void configureJwtKeys(ConfigSourceContext context, String profile, Path dataDir, Map<String, String> values) {
        String publicKey = profiled(context, profile, "mp.jwt.verify.publickey.location");
        String privateKey = profiled(context, profile, "smallrye.jwt.sign.key.location");
        try {
            if (publicKey == null && privateKey == null) {
                LocalJwtKeys keys = LocalJwtKeys.ensure(dataDir.resolve("jwt").resolve("privateKey.pem"), dataDir.resolve("jwt").resolve("publicKey.pem"));
                values.put("mp.jwt.verify.publickey.location", keys.publicKey().toString());
                values.put("smallrye.jwt.sign.key.location", keys.privateKey().toString());
            } else if (isLocalFile(publicKey) && isLocalFile(privateKey)) {
                LocalJwtKeys.ensure(Path.of(privateKey), Path.of(publicKey));
            }
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create local JWT keys under " + dataDir, e);
        }
    }

    /**
     * Registered databases' passwords are sealed with AES-256: dev and test get a key generated
     * once into the data folder, unless one is configured.
     */
    private static void configureDatasourceKey(ConfigSourceContext context, Path dataDir, Map<String, String> values) {
        if (isSet(context, "synapse.datasources.encryption.active-key-id")) {
            return;
        }
        Path file = dataDir.resolve("datasource-keys").resolve("local-1.key");
        try {
            if (!Files.exists(file)) {
                Files.createDirectories(file.getParent());
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.writeString(file, Base64.getEncoder().encodeToString(key));
            }
            values.put("synapse.datasources.encryption.active-key-id", "local-1");
            values.put("synapse.datasources.encryption.keys.local-1", Files.readString(file).trim());
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the local datasource key under " + dataDir, e);
        }
    }

    private static boolean isLocalFile(String location) {
        return location != null && !location.contains(":");
    }

    private static void configureDatabase(ConfigSourceContext context, boolean dev, Path dataDir, Map<String, String> values) {
        if (isSet(context, "quarkus.datasource.jdbc.url")) {
            return;
        }
        String database = dev ? "synapse" : "synapse_test";
        int port = Integer.parseInt(valueOr(context, "synapse.local.postgres-port", "5432"));
        if (!reachable("127.0.0.1", port)) {
            if (!dev) {
                throw new IllegalStateException("Tests need PostgreSQL on 127.0.0.1:" + port + " (README: run the tests)");
            }
            port = EMBEDDED_POSTGRES_PORT;
            if (!reachable("127.0.0.1", port)) {
                LOG.warnf("No PostgreSQL on 127.0.0.1:%s: starting an embedded PostgreSQL on %d with its data in %s",
                        valueOr(context, "synapse.local.postgres-port", "5432"), port, dataDir.resolve("postgres"));
                try {
                    embedded().startPostgres(dataDir.resolve("postgres"), port);
                } catch (Exception e) {
                    throw new IllegalStateException("Could not start embedded PostgreSQL; start one on 127.0.0.1:5432 or set QUARKUS_DATASOURCE_JDBC_URL", e);
                }
            }
        }
        String user = valueOr(context, "quarkus.datasource.username", "postgres");
        String password = valueOr(context, "quarkus.datasource.password", "");
        ensureDatabase(port, database, user, password);
        values.put("quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + port + "/" + database);
        values.putIfAbsent("quarkus.datasource.username", user);
        values.putIfAbsent("quarkus.datasource.password", password);
    }

    private static void configureRedis(ConfigSourceContext context, Map<String, String> values) {
        String hosts = valueOr(context, "quarkus.redis.hosts", "redis://127.0.0.1:6379");
        URI uri = URI.create(hosts.split(",")[0].trim());
        if (reachable(uri.getHost(), uri.getPort() < 0 ? 6379 : uri.getPort())) {
            return;
        }
        ConfigValue configured = context.getValue("quarkus.redis.hosts");
        if (configured != null && configured.getConfigSourceOrdinal() > ORDINAL) {
            // Set explicitly (environment, system property): respect it, even if it is down.
            LOG.warnf("Redis at %s does not answer; rate limits count per process until it does", hosts);
            return;
        }
        if (!reachable("127.0.0.1", EMBEDDED_REDIS_PORT)) {
            LOG.warnf("No Redis at %s: starting an embedded Redis on 127.0.0.1:%d", hosts, EMBEDDED_REDIS_PORT);
            try {
                embedded().startRedis(EMBEDDED_REDIS_PORT);
            } catch (Exception e) {
                LOG.warnf("Could not start embedded Redis (%s): rate limits count per process", e.getMessage());
                values.put("quarkus.redis.health.enabled", "false");
                return;
            }
        }
        values.put("quarkus.redis.hosts", "redis://127.0.0.1:" + EMBEDDED_REDIS_PORT);
    }

    private static LocalServices embedded() throws ReflectiveOperationException {
        // Looked up by a name the native-image analysis cannot fold, so prod images never contain
        // the embedded servers' classes.
        String name = System.getProperty("synapse.local.services", LocalDefaultsConfigSourceFactory.class.getPackageName() + ".EmbeddedServices");
        return Class.forName(name).asSubclass(LocalServices.class).getDeclaredConstructor().newInstance();
    }

    private static void ensureDatabase(int port, String database, String user, String password) {
        Properties props = new Properties();
        props.setProperty("user", user);
        props.setProperty("password", password);
        try (Connection connection = new org.postgresql.Driver().connect("jdbc:postgresql://127.0.0.1:" + port + "/postgres", props);
                PreparedStatement exists = connection.prepareStatement("select 1 from pg_database where datname = ?")) {
            exists.setString(1, database);
            try (ResultSet rs = exists.executeQuery()) {
                if (rs.next()) {
                    return;
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("create database \"" + database + "\"");
                LOG.infof("Created database %s on 127.0.0.1:%d", database, port);
            }
        } catch (SQLException e) {
            if (!"42P04".equals(e.getSQLState())) { // created concurrently by another JVM: fine
                throw new IllegalStateException("Cannot reach or prepare database " + database + " on 127.0.0.1:" + port, e);
            }
        }
    }

    static boolean reachable(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 300);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** "NONE" is what SmallRye JWT's dev service writes for "not configured". */
    private static boolean isSet(ConfigSourceContext context, String name) {
        ConfigValue value = context.getValue(name);
        return value != null && value.getValue() != null && !value.getValue().isBlank() && !"NONE".equals(value.getValue());
    }

    /** The %profile. value if the sources have one, else the plain one. */
    private static String profiled(ConfigSourceContext context, String profile, String name) {
        if (isSet(context, "%" + profile + "." + name)) {
            return context.getValue("%" + profile + "." + name).getValue();
        }
        return isSet(context, name) ? context.getValue(name).getValue() : null;
    }

    private static String valueOr(ConfigSourceContext context, String name, String fallback) {
        return isSet(context, name) ? context.getValue(name).getValue() : fallback;
    }
}
