package io.synapse.common.web;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import org.eclipse.microprofile.config.inject.ConfigProperty;

import io.quarkus.runtime.configuration.MemorySize;
import io.synapse.common.config.SynapseConfig;
import io.synapse.common.error.Problem;
import io.vertx.ext.web.Router;

/**
 * First route of every request, /q endpoints included: gives the response an X-Request-Id (the
 * caller's if it is sane, otherwise a new one) and refuses a declared over-limit body as
 * problem+json. Registered on the Vert.x router so it runs before REST and security.
 */
@ApplicationScoped
public class RequestIdFilter {

    /** The server-wide limit: the size of the largest CSV import. */
    @ConfigProperty(name = "quarkus.http.limits.max-body-size")
    MemorySize maxBodySize;

    /** Everything but imports: JSON bodies are read into memory, so they get a small limit of their own. */
    @Inject
    SynapseConfig config;

    static final String IMPORTS = "/api/imports/";
    /** Document uploads: a file up to synapse.knowledge.upload.max-size, in a body up to synapse.api.max-upload-size. */
    static final String DOCUMENTS = "/api/knowledge/documents";

    /** Telemetry batches: up to 10,000 events, synapse.telemetry.ingest.max-body-size. */
    static final String TELEMETRY = "/api/telemetry/";

    @ConfigProperty(name = "synapse.telemetry.ingest.max-body-size", defaultValue = "16M")
    MemorySize maxTelemetrySize;

    public static final String HEADER = "X-Request-Id";
    public static final String CONTEXT_KEY = "synapse.request-id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String id = ctx.request().getHeader(HEADER);
            if (id == null || !SAFE.matcher(id).matches()) {
                id = UUID.randomUUID().toString();
            }
            ctx.put(CONTEXT_KEY, id);
            ctx.response().putHeader(HEADER, id);
            MDC.put("request_id", id);
            boolean importing = ctx.request().path().startsWith(IMPORTS);
            boolean uploading = ctx.request().path().equals(DOCUMENTS) || ctx.request().path().equals(DOCUMENTS + "/");
            String encoding = ctx.request().getHeader("Transfer-Encoding");
            // Files may come chunked (multipart clients often send them so): imports stream them, uploads read at most their limit.
            if (!importing && !uploading && encoding != null && encoding.toLowerCase(java.util.Locale.ROOT).contains("chunked")) {
                // JSON bodies are read whole: without a declared length, only the 2 GB import limit would stop one.
                ctx.response().setStatusCode(411).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close").end(LENGTH_REQUIRED);
                return;
            }
            long limit = importing ? maxBodySize.asLongValue()
                    : uploading ? config.api().maxUploadSize().asLongValue()
                    : ctx.request().path().startsWith(TELEMETRY) ? maxTelemetrySize.asLongValue() : config.api().maxBodySize().asLongValue();
            if (declaredTooLarge(ctx.request().getHeader("Content-Length"), limit)) {
                // Vert.x would answer an empty 413 once it had read too much; refuse up front, as problem+json.
                ctx.response().setStatusCode(413).putHeader("Content-Type", Problem.MEDIA_TYPE).putHeader("Connection", "close").end(TOO_LARGE);
                return;
            }
            ctx.next();
        });
    }

    private static boolean declaredTooLarge(String contentLength, long limit) {
        if (contentLength == null) {
            return false;
        }
        try {
            return Long.parseLong(contentLength.trim()) > limit;
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private static final String LENGTH_REQUIRED = "{\"type\":\"https://synapse.dev/problems/length-required\",\"title\":\"Length required\","
            + "\"status\":411,\"detail\":\"Send the body with a Content-Length (chunked bodies are accepted by /api/imports and document uploads only)\"}";

    private static final String TOO_LARGE = "{\"type\":\"https://synapse.dev/problems/too-large\",\"title\":\"Payload too large\","
            + "\"status\":413,\"detail\":\"The body is larger than this server accepts (synapse.api.max-body-size; CSV imports: quarkus.http.limits.max-body-size; document uploads: synapse.api.max-upload-size; telemetry batches: synapse.telemetry.ingest.max-body-size)\"}";
}
