package io.synapse.knowledge;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import io.restassured.response.Response;
import io.synapse.support.Api;

/** Uploads and waits for the indexer, for the knowledge tests. */
final class Knowledge {

    private Knowledge() {
    }

    static Response upload(Api.Login owner, String contentType, byte[] body, Map<String, ?> params) {
        return owner.as().contentType(contentType).queryParams(params).body(body).post("/api/knowledge/documents");
    }

    static UUID uploadText(Api.Login owner, String text, Map<String, ?> params) {
        Response r = upload(owner, "text/markdown", text.getBytes(StandardCharsets.UTF_8), params);
        r.then().statusCode(202);
        return UUID.fromString(r.path("id"));
    }

    /** Polls the document until it is no longer pending or processing; returns its final view. */
    static Response awaitIndexed(Api.Login owner, UUID id) {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            Response r = owner.as().get("/api/knowledge/documents/" + id);
            r.then().statusCode(200);
            String status = r.path("status");
            if (status.equals("ready") || status.equals("failed")) {
                return r;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        fail("document " + id + " was not indexed within 90 s");
        return null;
    }

    static UUID indexed(Api.Login owner, String text, Map<String, ?> params) {
        UUID id = uploadText(owner, text, params);
        awaitIndexed(owner, id).then().statusCode(200).body("status", org.hamcrest.Matchers.equalTo("ready"));
        return id;
    }
}
