package io.synapse.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * Guards, in the ordinary suite, the two classes of native-image defect that the native build
 * (src/bench/native-check.sh, minutes and gigabytes) would otherwise be the first to find.
 *
 * Quarkus initialises application classes while building the image, so a static field's value is
 * frozen into the binary: a Random or SecureRandom would hand every binary the same seed, and a
 * thread, pool, connection or key would be dead or shared. And classes named in configuration are
 * loaded by name at run time, which needs a registration the code cannot see.
 */
class NativeImageSafetyTest {

    /** Types whose instances must never be created at build time and kept in a static field. */
    private static final List<Class<?>> BUILD_TIME_HAZARDS = List.of(java.util.Random.class, java.util.SplittableRandom.class,
            javax.crypto.Cipher.class, javax.crypto.Mac.class, java.security.KeyPair.class, java.security.Key.class,
            java.security.Signature.class, java.lang.Thread.class, java.util.concurrent.Executor.class, java.util.Timer.class,
            java.net.http.HttpClient.class, java.net.Socket.class, java.net.ServerSocket.class, java.sql.Connection.class,
            javax.sql.DataSource.class, java.time.Clock.class, java.lang.ThreadLocal.class, java.lang.Process.class,
            java.nio.channels.Channel.class, java.io.InputStream.class, java.io.OutputStream.class);

    @Test
    void noApplicationClassKeepsARandomAThreadAConnectionOrAKeyInAStaticField() throws Exception {
        List<String> offenders = new ArrayList<>();
        for (Class<?> type : applicationClasses()) {
            for (Field field : type.getDeclaredFields()) {
                if (!Modifier.isStatic(field.getModifiers())) {
                    continue;
                }
                for (Class<?> hazard : BUILD_TIME_HAZARDS) {
                    if (hazard.isAssignableFrom(field.getType())) {
                        offenders.add(type.getName() + "." + field.getName() + " (" + hazard.getSimpleName() + ")");
                    }
                }
            }
        }
        assertEquals(List.of(), offenders, "static state that native-image would freeze at build time: hold it in a bean instead");
    }

    @Test
    void theGuardSeesTheApplicationsClasses() throws Exception {
        // A scan that finds nothing would pass the test above for the wrong reason.
        assertTrue(applicationClasses().size() > 100);
        assertTrue(applicationClasses().contains(io.synapse.common.security.SecretGenerator.class));
    }

    @Test
    void noConfiguredClassIsResolvedByNameAtRunTime() throws IOException {
        // quarkus.jackson.property-naming-strategy is resolved with Class.forName at run time and not
        // registered for reflection (Quarkus 3.34): the native binary died at start-up. Set it in
        // an ObjectMapperCustomizer (SnakeCaseJson) instead.
        Properties properties = new Properties();
        try (var in = getClass().getClassLoader().getResourceAsStream("application.properties")) {
            properties.load(in);
        }
        List<String> byName = properties.stringPropertyNames().stream()
                .filter(key -> key.endsWith("quarkus.jackson.property-naming-strategy")).toList();
        assertEquals(List.of(), byName);
    }

    private static List<Class<?>> applicationClasses() throws IOException, URISyntaxException, ClassNotFoundException {
        Path root = Path.of(io.synapse.common.security.Secrets.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> classes = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root.resolve("io/synapse"))) {
            for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                String name = root.relativize(file).toString().replace('/', '.').replaceAll("\\.class$", "");
                // Loaded without running static initialisers: the check reads declarations only.
                classes.add(Class.forName(name, false, NativeImageSafetyTest.class.getClassLoader()));
            }
        }
        return classes;
    }
}
