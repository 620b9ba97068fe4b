package io.synapse.chat.provider;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.synapse.chat.ChatConfig;
import io.synapse.common.input.StorableText;

/**
 * Calls an OpenAI-compatible {@code POST {base-url}/chat/completions}, plain or streamed
 * (server-sent "data:" lines ending with "[DONE]"). The JDK's HTTP client does the work: no
 * extension is needed for one endpoint, and its line subscriber lets us stream with a deadline.
 */
@ApplicationScoped
public class ModelProvider {

    private static final int MAX_ERROR_BODY = 500;

    @Inject
    ChatConfig config;

    @Inject
    ObjectMapper mapper;

    private volatile HttpClient client;

    public boolean configured() {
        return config.provider().baseUrl().filter(url -> !url.isBlank()).isPresent();
    }

    public String model() {
        return config.provider().model();
    }

    /** runs.cost_estimate from the configured prices per 1,000 tokens; null when no price or no count is known. */
    public java.math.BigDecimal cost(Integer promptTokens, Integer completionTokens) {
        java.math.BigDecimal promptPrice = config.provider().promptCostPer1k().orElse(null);
        java.math.BigDecimal completionPrice = config.provider().completionCostPer1k().orElse(null);
        if (promptPrice == null && completionPrice == null || promptTokens == null && completionTokens == null) {
            return null;
        }
        java.math.BigDecimal cost = java.math.BigDecimal.ZERO;
        if (promptPrice != null && promptTokens != null) {
            cost = cost.add(promptPrice.multiply(java.math.BigDecimal.valueOf(promptTokens)));
        }
        if (completionPrice != null && completionTokens != null) {
            cost = cost.add(completionPrice.multiply(java.math.BigDecimal.valueOf(completionTokens)));
        }
        return cost.divide(java.math.BigDecimal.valueOf(1000), 6, java.math.RoundingMode.HALF_UP);
    }

    /** Asks for a reply and waits for all of it (no streaming). */
    public ProviderReply complete(List<ChatTurn> turns) throws ProviderFailure {
        try (ProviderResponse response = open(turns, false)) {
            return response.read(null);
        }
    }

    /**
     * Sends the request and waits for the status line: a provider that refuses, errs or times out
     * fails here, before the caller has answered its own client. The body is read afterwards.
     */
    public ProviderResponse open(List<ChatTurn> turns, boolean stream) throws ProviderFailure {
        Duration timeout = config.provider().timeout();
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint()).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("Accept", stream ? "text/event-stream" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(requestBody(turns, stream), StandardCharsets.UTF_8));
        config.provider().apiKey().filter(key -> !key.isBlank()).ifPresent(key -> request.header("Authorization", "Bearer " + key));

        LineQueue lines = new LineQueue(System.nanoTime() + timeout.toNanos());
        CompletableFuture<HttpResponse<Void>> exchange = client().sendAsync(request.build(), info -> {
            lines.status(info.statusCode());
            return HttpResponse.BodySubscribers.fromLineSubscriber(lines, s -> null, StandardCharsets.UTF_8, null);
        });
        exchange.whenComplete((response, error) -> {
            if (error != null) {
                lines.fail(error);
            }
        });
        ProviderResponse response = new ProviderResponse(lines, exchange, stream);
        try {
            int status = lines.awaitStatus();
            if (status / 100 != 2) {
                throw new ProviderFailure(ProviderFailure.ERROR, "The model provider answered HTTP " + status + ": " + errorBody(lines));
            }
            return response;
        } catch (ProviderFailure | RuntimeException e) {
            response.close();
            throw e;
        }
    }

    /** An answered request whose body is still to be read; close it in every case. */
    public final class ProviderResponse implements AutoCloseable {

        private final LineQueue lines;
        private final CompletableFuture<HttpResponse<Void>> exchange;
        private final boolean stream;

        ProviderResponse(LineQueue lines, CompletableFuture<HttpResponse<Void>> exchange, boolean stream) {
            this.lines = lines;
            this.exchange = exchange;
            this.stream = stream;
        }

        /** The whole reply; a streamed one is handed to the listener token by token as it arrives. */
        public ProviderReply read(TokenListener listener) throws ProviderFailure {
            return stream ? readStream(lines, listener) : readWhole(lines);
        }

        @Override
        public void close() {
            lines.cancel();
            exchange.cancel(true);
        }
    }

    private ProviderReply readWhole(LineQueue lines) throws ProviderFailure {
        StringBuilder body = new StringBuilder();
        for (String line = lines.next(); line != null; line = lines.next()) {
            body.append(line).append('\n');
        }
        JsonNode json = parse(body.toString());
        JsonNode choice = json.path("choices").path(0);
        JsonNode content = choice.path("message").path("content");
        if (!content.isTextual()) {
            throw new ProviderFailure(ProviderFailure.BAD_RESPONSE, "The model provider's reply has no choices[0].message.content");
        }
        JsonNode usage = json.path("usage");
        // The provider's text is not the user's: what PostgreSQL cannot store is dropped, not refused.
        return new ProviderReply(StorableText.clean(content.asText()), text(json.path("model")), integer(usage.path("prompt_tokens")),
                integer(usage.path("completion_tokens")), integer(usage.path("total_tokens")), text(choice.path("finish_reason")), false);
    }

    private ProviderReply readStream(LineQueue lines, TokenListener listener) throws ProviderFailure {
        StringBuilder content = new StringBuilder();
        String model = null;
        String finishReason = null;
        JsonNode usage = null;
        // A surrogate pair may be split across two chunks: a trailing high surrogate waits for the next one.
        String pending = "";
        for (String line = lines.next(); line != null; line = lines.next()) {
            if (!line.startsWith("data:")) {
                continue; // blank separators, comments (":"), "event:" and "id:" lines
            }
            String data = line.substring(5).trim();
            if (data.equals("[DONE]")) {
                break;
            }
            JsonNode chunk = parse(data);
            model = model != null ? model : text(chunk.path("model"));
            if (chunk.path("usage").isObject()) {
                usage = chunk.path("usage");
            }
            JsonNode choice = chunk.path("choices").path(0);
            finishReason = choice.path("finish_reason").isTextual() ? text(choice.path("finish_reason")) : finishReason;
            JsonNode delta = choice.path("delta").path("content");
            if (delta.isTextual() && !delta.asText().isEmpty()) {
                String text = pending + delta.asText();
                pending = "";
                if (Character.isHighSurrogate(text.charAt(text.length() - 1))) {
                    pending = text.substring(text.length() - 1);
                    text = text.substring(0, text.length() - 1);
                }
                String token = StorableText.clean(text);
                if (token.isEmpty()) {
                    continue;
                }
                content.append(token);
                if (!listener.onToken(token)) {
                    return new ProviderReply(content.toString(), model, null, null, null, null, true);
                }
            }
        }
        if (!pending.isEmpty()) {
            content.append('\uFFFD');
            listener.onToken("\uFFFD");
        }
        JsonNode u = usage == null ? mapper.createObjectNode() : usage;
        return new ProviderReply(content.toString(), model, integer(u.path("prompt_tokens")), integer(u.path("completion_tokens")),
                integer(u.path("total_tokens")), finishReason, false);
    }

    private String requestBody(List<ChatTurn> turns, boolean stream) {
        ObjectNode body = mapper.createObjectNode();
        body.put("model", model());
        ArrayNode messages = body.putArray("messages");
        for (ChatTurn turn : turns) {
            messages.addObject().put("role", turn.role()).put("content", turn.content());
        }
        body.put("stream", stream);
        if (stream) {
            body.putObject("stream_options").put("include_usage", true);
        }
        return body.toString();
    }

    private URI endpoint() throws ProviderFailure {
        String base = config.provider().baseUrl().orElseThrow().trim();
        try {
            return URI.create(base.endsWith("/") ? base + "chat/completions" : base + "/chat/completions");
        } catch (IllegalArgumentException e) {
            throw new ProviderFailure(ProviderFailure.UNREACHABLE, "synapse.chat.provider.base-url is not a URL");
        }
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    Duration timeout = config.provider().timeout();
                    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10)).build();
                }
                c = client;
            }
        }
        return c;
    }

    private JsonNode parse(String json) throws ProviderFailure {
        try {
            return mapper.readTree(json);
        } catch (JsonProcessingException e) {
            throw new ProviderFailure(ProviderFailure.BAD_RESPONSE, "The model provider's reply is not JSON");
        }
    }

    private static String errorBody(LineQueue lines) {
        StringBuilder body = new StringBuilder();
        try {
            for (String line = lines.next(); line != null && body.length() < MAX_ERROR_BODY; line = lines.next()) {
                body.append(line).append(' ');
            }
        } catch (ProviderFailure e) {
            // what arrived is enough to explain the failure
        }
        // Stored in runs.error_message: an error page's bytes must be storable text, cut between code points.
        String text = StorableText.clean(body.toString().trim());
        return StorableText.shorten(text, MAX_ERROR_BODY + 3);
    }

    private static String text(JsonNode node) {
        return node.isTextual() ? StorableText.clean(node.asText()) : null;
    }

    private static Integer integer(JsonNode node) {
        return node.canConvertToInt() && node.isNumber() ? node.asInt() : null;
    }
}
