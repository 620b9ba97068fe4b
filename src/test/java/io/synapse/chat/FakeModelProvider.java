package io.synapse.chat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * An OpenAI-compatible chat-completions server on 127.0.0.1, started by the test JVM. It echoes
 * the last user message; markers in that message pick a failure: [500], [slow] (headers after
 * the timeout), [garbage] (not JSON), [stall] (a stream that stops mid-way), [long] (a slow
 * 60-token stream, for clients that leave).
 */
public final class FakeModelProvider {

    record Received(String authorization, JsonNode body) {
    }

    // The test profile (app class loader) and the test (Quarkus' class loader) each see their own
    // statics: the one server's URL is a system property and its request log is read over HTTP.
    private static final String URL_PROPERTY = "fake-model-provider.url";
    // Non-ASCII as \\uXXXX escapes, so that a lone surrogate goes over the wire as the provider sent it.
    private static final ObjectMapper JSON = JsonMapper.builder().enable(JsonWriteFeature.ESCAPE_NON_ASCII).build();
    private static final HttpClient CLIENT = HttpClient.newHttpClient();

    private final ConcurrentLinkedQueue<String> log = new ConcurrentLinkedQueue<>();
    private final HttpServer server;

    private FakeModelProvider() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-model-provider");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/v1/chat/completions", this::handle);
        server.createContext("/v1/embeddings", this::handleEmbeddings);
        server.createContext("/log", this::handleLog);
        server.start();
    }

    /** The base URL of the JVM's one fake provider, started on first use. */
    public static String baseUrl() {
        synchronized (System.getProperties()) {
            String url = System.getProperty(URL_PROPERTY);
            if (url == null) {
                try {
                    FakeModelProvider started = new FakeModelProvider();
                    url = "http://127.0.0.1:" + started.server.getAddress().getPort() + "/v1";
                    System.setProperty(URL_PROPERTY, url);
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            }
            return url;
        }
    }

    /** The requests received so far, oldest first. */
    static List<Received> received() {
        try {
            String body = CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl().replace("/v1", "/log"))).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            List<Received> all = new ArrayList<>();
            for (JsonNode entry : JSON.readTree(body)) {
                all.add(new Received(entry.path("authorization").asText(null), JSON.readTree(entry.path("body").asText())));
            }
            return all;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static void clear() {
        try {
            CLIENT.send(HttpRequest.newBuilder(URI.create(baseUrl().replace("/v1", "/log"))).DELETE().build(), HttpResponse.BodyHandlers.discarding());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void handleLog(HttpExchange exchange) throws IOException {
        try (exchange) {
            if ("DELETE".equals(exchange.getRequestMethod())) {
                log.clear();
                exchange.sendResponseHeaders(204, -1);
                return;
            }
            List<Map<String, String>> entries = new ArrayList<>();
            for (String entry : log) {
                int newline = entry.indexOf('\n');
                entries.add(Map.of("authorization", entry.substring(0, newline), "body", entry.substring(newline + 1)));
            }
            send(exchange, 200, "application/json", JSON.writeValueAsString(entries));
        }
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            log.add(exchange.getRequestHeaders().getFirst("Authorization") + "\n" + body);
            JsonNode messages = body.path("messages");
            String last = messages.path(messages.size() - 1).path("content").asText();
            boolean stream = body.path("stream").asBoolean();
            if (last.contains("[500]")) {
                send(exchange, 500, "application/json", "{\"error\":{\"message\":\"upstream exploded\"}}");
                return;
            }
            if (last.contains("[slow]")) {
                sleep(3500);
            }
            if (last.contains("[garbage]")) {
                send(exchange, 200, "application/json", "<html>not json</html>");
                return;
            }
            String system = "system".equals(messages.path(0).path("role").asText()) ? messages.path(0).path("content").asText() : "";
            String reply = "Echo: " + last;
            if (system.startsWith("You translate questions")) {
                reply = sql(messages, last);
            } else if (system.startsWith("You answer a question from the result")) {
                if (last.contains("[summary500]")) {
                    send(exchange, 500, "application/json", "{\"error\":{\"message\":\"summary exploded\"}}");
                    return;
                }
                reply = "In short: " + last.substring(last.indexOf("Rows"));
            }
            String sources = null;
            for (JsonNode m : messages) {
                if ("system".equals(m.path("role").asText()) && m.path("content").asText().contains("\n\nSources:\n")) {
                    sources = m.path("content").asText();
                }
            }
            if (sources != null) {
                // As a grounded assistant: cite the first two sources by number, and one that was never sent.
                java.util.regex.Matcher numbered = java.util.regex.Pattern.compile("(?m)^\\[(\\d+)] (.+)$").matcher(sources);
                StringBuilder grounded = new StringBuilder("From the knowledge base.");
                for (int n = 0; n < 2 && numbered.find(); n++) {
                    grounded.append(' ').append(numbered.group(2)).append(" is relevant [").append(numbered.group(1)).append("].");
                }
                reply = grounded.append(" Nothing in [99] exists.").toString();
            }
            if (last.contains("[unstorable]")) {
                // What PostgreSQL cannot store: NUL, a lone surrogate; and an emoji whose pair a stream splits in two.
                reply = "Echo:\u0000 " + last + " \ud800 \ud83d\ude00";
            }
            int promptTokens = 0;
            for (JsonNode m : messages) {
                promptTokens += words(m.path("content").asText());
            }
            int completionTokens = words(reply);
            if (!stream) {
                send(exchange, 200, "application/json", JSON.writeValueAsString(Map.of("id", "cmpl-1", "model", "fake-1-2026",
                        "choices", List.of(Map.of("index", 0, "message", Map.of("role", "assistant", "content", reply), "finish_reason", "stop")),
                        "usage", Map.of("prompt_tokens", promptTokens, "completion_tokens", completionTokens, "total_tokens",
                                promptTokens + completionTokens))));
                return;
            }
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            List<String> tokens = last.contains("[unstorable]") ? List.of("Echo:\u0000", " " + last, " \ud800 \ud83d", "\ude00")
                    : tokens(last.contains("[long]") ? "Echo:" + " tick".repeat(60) : reply);
            for (int i = 0; i < tokens.size(); i++) {
                chunk(out, Map.of("model", "fake-1-2026", "choices", List.of(Map.of("index", 0, "delta", Map.of("content", tokens.get(i))))));
                if (last.contains("[long]")) {
                    sleep(100);
                }
                if (last.contains("[stall]") && i == 1) {
                    sleep(3500);
                }
            }
            chunk(out, Map.of("model", "fake-1-2026", "choices", List.of(Map.of("index", 0, "delta", Map.of(), "finish_reason", "stop"))));
            chunk(out, Map.of("model", "fake-1-2026", "choices", List.of(), "usage",
                    Map.of("prompt_tokens", promptTokens, "completion_tokens", completionTokens, "total_tokens", promptTokens + completionTokens)));
            out.write("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
        } catch (IOException e) {
            // the client (Synapse) went away: nothing to do
        }
    }

    /**
     * An OpenAI-compatible /embeddings: a deterministic 1536-dimension bag of hashed words, so that
     * texts sharing words are similar. An input containing [emb500] fails the call.
     */
    private void handleEmbeddings(HttpExchange exchange) throws IOException {
        try (exchange) {
            JsonNode body = JSON.readTree(exchange.getRequestBody());
            log.add(exchange.getRequestHeaders().getFirst("Authorization") + "\n" + body);
            List<Map<String, Object>> data = new java.util.ArrayList<>();
            int tokens = 0;
            JsonNode input = body.path("input");
            for (int i = 0; i < input.size(); i++) {
                String text = input.get(i).asText();
                if (text.contains("[emb500]")) {
                    send(exchange, 500, "application/json", "{\"error\":{\"message\":\"embeddings exploded\"}}");
                    return;
                }
                double[] v = new double[1536];
                for (String word : text.toLowerCase(java.util.Locale.ROOT).split("[^\\p{L}\\p{N}]+")) {
                    if (word.length() > 2) {
                        v[Math.floorMod(word.hashCode(), 1536)] += 1;
                        tokens++;
                    }
                }
                data.add(Map.of("object", "embedding", "index", i, "embedding", v));
            }
            send(exchange, 200, "application/json", JSON.writeValueAsString(Map.of("object", "list", "model", body.path("model").asText(), "data", data,
                    "usage", Map.of("prompt_tokens", tokens, "total_tokens", tokens))));
        }
    }

    /**
     * As the SQL writer of datasources' questions: the statement between SQL<< and >> in the
     * question; after a database error, the one between RETRY<< and >> (else the same again).
     */
    private static String sql(JsonNode messages, String last) {
        String source = last;
        String marker = "SQL<<";
        if (last.startsWith("The database answered with an error")) {
            marker = "RETRY<<";
            for (JsonNode m : messages) {
                if ("user".equals(m.path("role").asText()) && m.path("content").asText().contains("SQL<<")) {
                    source = m.path("content").asText();
                }
            }
            if (!source.contains(marker)) {
                marker = "SQL<<";
            }
        }
        int start = source.indexOf(marker);
        int end = source.indexOf(">>", start);
        String statement = start < 0 || end < 0 ? "SELECT 'cannot answer' AS reason" : source.substring(start + marker.length(), end);
        return "Here is the query:\n```sql\n" + statement + "\n```";
    }

    private static void chunk(OutputStream out, Object data) throws IOException {
        out.write(("data: " + JSON.writeValueAsString(data) + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length);
        exchange.getResponseBody().write(bytes);
    }

    /** "Echo: a b" -> ["Echo:", " a", " b"]: concatenated they give the text back. */
    static List<String> tokens(String text) {
        List<String> tokens = new ArrayList<>();
        String[] parts = text.split(" ", -1);
        for (int i = 0; i < parts.length; i++) {
            tokens.add(i == 0 ? parts[i] : " " + parts[i]);
        }
        return tokens;
    }

    private static int words(String text) {
        return text.isBlank() ? 0 : text.trim().split("\\s+").length;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
