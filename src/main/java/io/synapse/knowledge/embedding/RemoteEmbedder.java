package io.synapse.knowledge.embedding;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import io.synapse.common.input.StorableText;
import io.synapse.knowledge.KnowledgeConfig;

/**
 * An OpenAI-compatible {@code POST {base-url}/embeddings}: the same rules as chat's provider (one
 * timeout for the whole call, an error's body quoted, short). Vectors of any other length than
 * the configured dimension are refused, never stored.
 */
@ApplicationScoped
public class RemoteEmbedder implements Embedder {

    private static final int MAX_ERROR_BODY = 300;

    @Inject
    KnowledgeConfig config;

    @Inject
    ObjectMapper mapper;

    private volatile HttpClient client;

    @Override
    public String model() {
        return config.embeddings().model();
    }

    @Override
    public int dimension() {
        return config.embeddings().dimension();
    }

    @Override
    public boolean paid() {
        return true;
    }

    @Override
    public List<float[]> embed(List<String> texts) throws EmbeddingFailure {
        return embedCounted(texts).vectors();
    }

    @Override
    public Batch embedCounted(List<String> texts) throws EmbeddingFailure {
        ObjectNode body = mapper.createObjectNode();
        body.put("model", model());
        body.putArray("input").addAll(texts.stream().map(t -> mapper.getNodeFactory().textNode(t.isBlank() ? "-" : t)).toList());
        HttpRequest.Builder request = HttpRequest.newBuilder(endpoint()).timeout(config.embeddings().timeout())
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8));
        config.embeddings().apiKey().filter(k -> !k.isBlank()).ifPresent(k -> request.header("Authorization", "Bearer " + k));
        HttpResponse<String> response;
        try {
            response = client().send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (java.net.ConnectException | java.net.http.HttpConnectTimeoutException e) {
            // Never connected: nothing was sent, nothing can have been charged.
            throw new EmbeddingFailure("The embedding endpoint is unreachable: " + e.getClass().getSimpleName(), "provider_unreachable");
        } catch (HttpTimeoutException e) {
            throw new EmbeddingFailure("The embedding endpoint did not answer within " + config.embeddings().timeout(), "provider_timeout");
        } catch (IOException e) {
            // The request may have reached the endpoint before the connection broke.
            throw new EmbeddingFailure("The connection to the embedding endpoint broke: " + e.getClass().getSimpleName(), "provider_connection_lost");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EmbeddingFailure("Interrupted while waiting for the embedding endpoint");
        }
        if (response.statusCode() / 100 != 2) {
            String error = StorableText.shorten(StorableText.clean(response.body().strip()), MAX_ERROR_BODY);
            throw new EmbeddingFailure("The embedding endpoint answered HTTP " + response.statusCode() + ": " + error, "provider_error");
        }
        JsonNode reply;
        try {
            reply = mapper.readTree(response.body());
        } catch (IOException e) {
            throw new EmbeddingFailure("The embedding endpoint's reply is not JSON");
        }
        JsonNode usage = reply.path("usage").has("total_tokens") ? reply.path("usage").path("total_tokens") : reply.path("usage").path("prompt_tokens");
        // No count, or 0 for text that cannot have cost nothing: the estimate stands in.
        Integer tokens = usage.isInt() && usage.intValue() > 0 ? usage.intValue() : null;
        return new Batch(vectors(reply.path("data"), texts.size()), tokens);
    }

    private List<float[]> vectors(JsonNode data, int expected) throws EmbeddingFailure {
        if (!data.isArray() || data.size() != expected) {
            throw new EmbeddingFailure("The embedding endpoint returned " + (data.isArray() ? data.size() : 0) + " vectors for " + expected + " texts");
        }
        float[][] ordered = new float[expected][];
        for (int i = 0; i < expected; i++) {
            JsonNode item = data.get(i);
            int index = item.path("index").isInt() ? item.path("index").asInt() : i;
            JsonNode values = item.path("embedding");
            if (index < 0 || index >= expected || ordered[index] != null || !values.isArray()) {
                throw new EmbeddingFailure("The embedding endpoint's reply has a malformed data[" + i + "]");
            }
            if (values.size() != dimension()) {
                throw new EmbeddingFailure("The embedding endpoint returned " + values.size() + " dimensions; synapse.knowledge.embeddings.dimension is "
                        + dimension());
            }
            float[] v = new float[values.size()];
            for (int j = 0; j < v.length; j++) {
                JsonNode x = values.get(j);
                if (!x.isNumber() || !Double.isFinite(x.asDouble())) {
                    throw new EmbeddingFailure("The embedding endpoint returned a value that is not a finite number");
                }
                v[j] = (float) x.asDouble();
            }
            ordered[index] = Embedder.normalised(v);
        }
        return new ArrayList<>(Arrays.asList(ordered));
    }

    private URI endpoint() throws EmbeddingFailure {
        String base = config.embeddings().baseUrl().filter(b -> !b.isBlank())
                .orElseThrow(() -> new EmbeddingFailure("synapse.knowledge.embeddings.base-url is not set")).trim();
        try {
            return URI.create(base.endsWith("/") ? base + "embeddings" : base + "/embeddings");
        } catch (IllegalArgumentException e) {
            throw new EmbeddingFailure("synapse.knowledge.embeddings.base-url is not a URL");
        }
    }

    private HttpClient client() {
        HttpClient c = client;
        if (c == null) {
            synchronized (this) {
                if (client == null) {
                    Duration timeout = config.embeddings().timeout();
                    client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                            .connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout : Duration.ofSeconds(10)).build();
                }
                c = client;
            }
        }
        return c;
    }
}
