package io.synapse.chat;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.restassured.response.Response;
import io.synapse.support.Api;
import io.synapse.support.Db;

/** Chat test helpers going through the public API. */
final class Chat {

    private Chat() {
    }

    static UUID conversation(Api.Login owner, String title) {
        return UUID.fromString(Api.json(owner.as()).body(Map.of("title", title)).post("/api/conversations").then().statusCode(201)
                .extract().path("id"));
    }

    static Response append(Api.Login owner, UUID conversation, Map<String, ?> body) {
        return Api.json(owner.as()).body(body).post("/api/conversations/" + conversation + "/messages");
    }

    static UUID userMessage(Api.Login owner, UUID conversation, String content) {
        return UUID.fromString(append(owner, conversation, Map.of("role", "user", "content", content)).then().statusCode(201).extract().path("id"));
    }

    static UUID assistantMessage(Api.Login owner, UUID conversation, String content, String model) {
        Map<String, Object> body = new HashMap<>();
        body.put("role", "assistant");
        body.put("content", content);
        body.put("model", model);
        body.put("tokens_used", 42);
        return UUID.fromString(append(owner, conversation, body).then().statusCode(201).extract().path("id"));
    }

    static long messageRows(UUID conversation) {
        return Db.tx(() -> Message.count("conversationId", conversation));
    }

    static Conversation row(UUID id) {
        return Db.tx(() -> Conversation.findById(id));
    }
}
