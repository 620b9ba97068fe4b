package io.synapse.support;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import redis.embedded.RedisServer;

/**
 * A PostgreSQL and a Redis of the test's own, so that the outage tests can stop and start them
 * without touching the servers the rest of the suite uses. PostgreSQL comes from the machine's
 * own binaries (initdb + pg_ctl, run as the postgres user when the tests run as root, which
 * PostgreSQL refuses to be); Redis from the embedded-redis library the dev profile uses.
 */
public class OutageServers implements QuarkusTestResourceLifecycleManager {

    /** What an outage test can do to the servers. */
    public static final class Control {
        private final OutageServers servers;

        Control(OutageServers servers) {
            this.servers = servers;
        }

        public void stopPostgres() {
            servers.pgCtl("stop", "-m", "fast");
        }

        public void startPostgres() {
            servers.pgCtl("start");
        }

        public void stopRedis() {
            try {
                servers.redis.stop();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }

        public void startRedis() {
            try {
                servers.redis.start();
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private Path dataDir;
    private int pgPort;
    private RedisServer redis;

    @Override
    public Map<String, String> start() {
        try {
            pgPort = freePort();
            int redisPort = freePort();
            dataDir = Files.createTempDirectory("synapse-outage-pg");
            asPostgresUser(dataDir);
            run(bin("initdb"), "-D", dataDir.toString(), "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-sync");
            pgCtl("start");
            redis = RedisServer.newRedisServer().port(redisPort).setting("bind 127.0.0.1").setting("save \"\"").build();
            redis.start();
            return Map.of(
                    "quarkus.datasource.jdbc.url", "jdbc:postgresql://127.0.0.1:" + pgPort + "/postgres",
                    "quarkus.datasource.username", "postgres",
                    "quarkus.datasource.password", "",
                    "quarkus.redis.hosts", "redis://127.0.0.1:" + redisPort);
        } catch (IOException e) {
            throw new IllegalStateException("could not start the outage test's own PostgreSQL and Redis", e);
        }
    }

    @Override
    public void inject(TestInjector injector) {
        injector.injectIntoFields(new Control(this), new TestInjector.MatchesType(Control.class));
    }

    @Override
    public void stop() {
        try {
            if (redis != null) {
                redis.stop();
            }
        } catch (IOException ignored) {
            // already stopped
        }
        if (dataDir != null) {
            pgCtl("stop", "-m", "immediate");
            try (Stream<Path> files = Files.walk(dataDir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            } catch (IOException ignored) {
                // a temp folder left behind
            }
        }
    }

    private void pgCtl(String action, String... extra) {
        List<String> command = new ArrayList<>(List.of(bin("pg_ctl"), action, "-D", dataDir.toString(), "-w", "-t", "30"));
        command.addAll(List.of(extra));
        if (action.equals("start")) {
            command.addAll(List.of("-o", "-p " + pgPort + " -k " + dataDir + " -c listen_addresses=127.0.0.1 -c fsync=off",
                    "-l", dataDir.resolve("server.log").toString()));
        }
        run(command.toArray(String[]::new));
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    private static void asPostgresUser(Path dir) throws IOException {
        if (root()) {
            run("chown", "postgres:postgres", dir.toString());
        }
    }

    private static void run(String... command) {
        List<String> full = new ArrayList<>();
        if (root() && !command[0].equals("chown")) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(List.of(command));
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).start();
            String output = new String(process.getInputStream().readAllBytes());
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", full) + " failed: " + output);
            }
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", full), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String bin(String name) {
        try (Stream<Path> versions = Files.list(Path.of("/usr/lib/postgresql"))) {
            return versions.map(v -> v.resolve("bin").resolve(name)).filter(Files::isExecutable).max(Comparator.naturalOrder())
                    .map(Path::toString).orElse(name);
        } catch (IOException e) {
            return name; // from PATH
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
