package io.synapse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;

/**
 * Issue 9, item 5, proved: the Java client that openapi-generator made from our OpenAPI document
 * during the build (pom.xml, target/generated-client) compiles, and its API classes carry the
 * operationIds as method names. A document that generators misread fails here, not in a
 * frontend team's build.
 */
class GeneratedClientIT {

    private static final Path CLIENT = Path.of("target/generated-client/src/main/java");

    @Test
    void theGeneratedJavaClientCompiles() throws IOException {
        assertTrue(Files.isDirectory(CLIENT), "no generated client: the openapi-generator execution of the package phase did not run");
        List<String> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(CLIENT)) {
            files.filter(f -> f.toString().endsWith(".java")).forEach(f -> sources.add(f.toString()));
        }
        assertTrue(sources.size() > 50, "generated sources: " + sources.size());
        Path out = Files.createTempDirectory("synapse-client-classes");
        List<String> args = new ArrayList<>(List.of("-d", out.toString(), "-classpath", System.getProperty("java.class.path"), "-proc:none",
                "-nowarn", "-Xlint:none", "-encoding", "UTF-8"));
        args.addAll(sources);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        int status = javac.run(null, errors, errors, args.toArray(String[]::new));
        assertEquals(0, status, errors.toString(StandardCharsets.UTF_8));
        // The operationIds became the client's method names.
        String users = Files.readString(CLIENT.resolve("io/synapse/client/api/UsersApi.java".replace('/', File.separatorChar)));
        assertTrue(users.contains("createUser(") && users.contains("listUsers("), "UsersApi without createUser/listUsers");
        String conversations = Files.readString(CLIENT.resolve("io/synapse/client/api/ChatApi.java"));
        assertTrue(conversations.contains("appendMessage("), "ChatApi without appendMessage");
    }
}
