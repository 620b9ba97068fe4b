package io.synapse.chat;

import static io.restassured.RestAssured.given;
import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.synapse.support.Api;
import io.synapse.support.Db;
import io.synapse.telemetry.AuditLog;

@QuarkusTest
class FeedbackTest {

    private static Response rate(Api.Login user, UUID message, Map<String, ?> body) {
        return Api.json(user.as()).body(body).put("/api/messages/" + message + "/feedback");
    }

    @Test
    void oneRatingPerUserAndMessageReplacedAndWithdrawn() {
        Api.Login owner = Api.user("viewer");
        UUID id = Chat.conversation(owner, "rated");
        UUID message = Chat.assistantMessage(owner, id, "answer", "model-a");
        String first = rate(owner, message, Map.of("rating", "thumbs_up")).then().statusCode(200).body("rating", equalTo("thumbs_up"))
                .body("user_id", equalTo(owner.id().toString())).extract().path("id");
        rate(owner, message, Map.of("rating", "thumbs_down", "comment", "changed my mind")).then().statusCode(200)
                .body("id", equalTo(first)).body("rating", equalTo("thumbs_down")).body("comment", equalTo("changed my mind"));
        assertEquals(1L, (long) Db.tx(() -> Feedback.count("messageId", message)));
        owner.as().delete("/api/messages/" + message + "/feedback").then().statusCode(204);
        assertProblem(owner.as().delete("/api/messages/" + message + "/feedback"), 404);
        assertEquals(0L, (long) Db.tx(() -> Feedback.count("messageId", message)));
        List<String> actions = Db.tx(() -> AuditLog.<AuditLog>list("resourceId = ?1 order by id", first).stream().map(a -> a.action).toList());
        assertEquals(List.of("feedback.create", "feedback.update", "feedback.delete"), actions);
    }

    /** Issue 9: admins read every conversation but, as for messages, write only into their own. */
    @Test
    void adminsCannotRateOrWithdrawOnAnotherUsersMessages() {
        Api.Login owner = Api.user("viewer");
        Api.Login admin = Api.user("admin");
        UUID conversation = Chat.conversation(owner, "rated by its owner only");
        UUID answer = Chat.assistantMessage(owner, conversation, "an answer", "m");
        rate(owner, answer, Map.of("rating", "thumbs_up")).then().statusCode(200);
        assertProblem(rate(admin, answer, Map.of("rating", "thumbs_down")), 403);
        assertProblem(admin.as().delete("/api/messages/" + answer + "/feedback"), 403);
        admin.as().get("/api/messages/" + answer).then().statusCode(200);
        owner.as().get("/api/messages/" + answer).then().body("feedback.rating", equalTo("thumbs_up"));
        assertEquals(1L, (long) Db.tx(() -> Feedback.count("messageId", answer)));
    }

    @Test
    void onlyAssistantMessagesAreRatedAndBadInputIsRefused() {
        Api.Login owner = Api.user("rep");
        UUID id = Chat.conversation(owner, "rules");
        UUID question = Chat.userMessage(owner, id, "question");
        UUID answer = Chat.assistantMessage(owner, id, "answer", "m");
        assertProblem(rate(owner, question, Map.of("rating", "thumbs_up")), 422);
        assertProblem(rate(owner, answer, Map.of("rating", "five_stars")), 400).body("errors[0].field", equalTo("rating"));
        assertProblem(rate(owner, answer, Map.of("comment", "no rating")), 400);
        assertProblem(rate(owner, answer, Map.of("rating", "thumbs_up", "comment", "c".repeat(5001))), 400);
        assertProblem(rate(owner, answer, Map.of("rating", "thumbs_up", "user_id", UUID.randomUUID().toString())), 400);
        assertProblem(owner.as().contentType("application/json").body("{\"rating\":").put("/api/messages/" + answer + "/feedback"), 400);
        assertProblem(rate(owner, UUID.randomUUID(), Map.of("rating", "thumbs_up")), 404);
        assertEquals(0L, (long) Db.tx(() -> Feedback.count("messageId in ?1", List.of(question, answer))));
    }

    @Test
    void managersListEveryonesFeedbackWithFiltersAndCounts() {
        String model = "model-" + UUID.randomUUID();
        Api.Login alice = Api.user("viewer");
        Api.Login bob = Api.user("rep");
        Instant start = Instant.now().minusSeconds(1);
        UUID a = Chat.conversation(alice, "a");
        UUID b = Chat.conversation(bob, "b");
        for (int i = 0; i < 3; i++) {
            rate(alice, Chat.assistantMessage(alice, a, "a" + i, model), Map.of("rating", i == 0 ? "thumbs_down" : "thumbs_up")).then().statusCode(200);
        }
        for (int i = 0; i < 2; i++) {
            rate(bob, Chat.assistantMessage(bob, b, "b" + i, model), Map.of("rating", "thumbs_down")).then().statusCode(200);
        }
        rate(bob, Chat.assistantMessage(bob, b, "other model", "another-" + model), Map.of("rating", "thumbs_up")).then().statusCode(200);

        Api.Login manager = Api.user("manager");
        manager.as().queryParam("model", model).get("/api/feedback").then().statusCode(200).body("items", hasSize(5))
                .body("counts.thumbs_up", equalTo(2)).body("counts.thumbs_down", equalTo(3)).body("counts.total", equalTo(5));
        manager.as().queryParam("model", model).queryParam("rating", "thumbs_down").get("/api/feedback").then().body("items", hasSize(3))
                .body("counts.total", equalTo(3)).body("counts.thumbs_up", equalTo(0));
        manager.as().queryParam("model", model).queryParam("user_id", bob.id().toString()).get("/api/feedback").then().body("items", hasSize(2));
        Api.asAdmin().queryParam("user_id", alice.id().toString()).queryParam("from", start.toString()).get("/api/feedback").then()
                .statusCode(200).body("items", hasSize(3));
        manager.as().queryParam("user_id", alice.id().toString()).queryParam("to", start.toString()).get("/api/feedback").then()
                .body("items", hasSize(0)).body("counts.total", equalTo(0));
        // Paging keeps the counts of the whole selection.
        Set<String> seen = new HashSet<>();
        String cursor = null;
        do {
            Response page = manager.as().queryParam("model", model).queryParam("limit", 2).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/api/feedback");
            page.then().statusCode(200).body("counts.total", equalTo(5));
            seen.addAll(page.path("items.id"));
            cursor = page.path("next_cursor");
        } while (cursor != null);
        assertEquals(5, seen.size());

        for (String role : List.of("viewer", "rep")) {
            assertProblem(Api.user(role).as().get("/api/feedback"), 403);
        }
        assertProblem(given().get("/api/feedback"), 401);
        assertProblem(manager.as().get("/api/feedback?rating=meh"), 400);
        assertProblem(manager.as().get("/api/feedback?from=yesterday"), 400);
        assertProblem(manager.as().get("/api/feedback?user_id=1"), 400);
        assertProblem(manager.as().queryParam("model", "m".repeat(101)).get("/api/feedback"), 400);
    }
}
