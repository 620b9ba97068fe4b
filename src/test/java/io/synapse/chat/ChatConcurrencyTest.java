package io.synapse.chat;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.synapse.identity.User;
import io.synapse.support.Api;
import io.synapse.support.Db;
import io.synapse.support.Parallel;

@QuarkusTest
class ChatConcurrencyTest {

    @Test
    void concurrentAppendsGetDistinctSequenceNumbersAndExactCounters() throws Exception {
        Api.Login owner = Api.user("viewer");
        UUID id = Chat.conversation(owner, "busy");
        int n = 24;
        List<Integer> statuses = Parallel.times(n, () -> Chat.append(owner, id, Map.of("role", "user", "content", "parallel")).statusCode());
        assertEquals(n, statuses.stream().filter(s -> s == 201).count(), statuses.toString());
        List<Integer> sequences = Db.tx(() -> Message.<Message>list("conversationId = ?1 order by sequenceNumber", id).stream()
                .map(m -> m.sequenceNumber).toList());
        List<Integer> expected = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            expected.add(i);
        }
        assertEquals(expected, sequences);
        Conversation row = Chat.row(id);
        assertEquals(n, row.messageCount);
        Message last = Db.tx(() -> Message.<Message>find("conversationId = ?1 order by sequenceNumber desc", id).firstResult());
        assertEquals(last.createdAt, row.lastMessageAt);
    }

    @Test
    void runsCompletingTogetherAddEveryToken() throws Exception {
        Api.Login owner = Api.user("viewer");
        int n = 12;
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = Api.json(owner.as()).body(Map.of("agent_type", "parallel")).post("/api/runs").then().statusCode(201).extract().path("id");
            Api.json(owner.as()).body(Map.of("status", "processing")).patch("/api/runs/" + id).then().statusCode(200);
            ids.add(id);
        }
        List<String> queue = new ArrayList<>(ids);
        List<Integer> statuses = Parallel.times(n, () -> {
            String id;
            synchronized (queue) {
                id = queue.remove(0);
            }
            return Api.json(owner.as()).body(Map.of("status", "completed", "total_tokens", 7)).patch("/api/runs/" + id).statusCode();
        });
        assertEquals(n, statuses.stream().filter(s -> s == 200).count());
        assertEquals(7L * n, (long) Db.tx(() -> User.<User>findById(owner.id()).tokenUsage));
        // The same run completed twice at once: exactly one wins, tokens are added once.
        String contested = Api.json(owner.as()).body(Map.of("agent_type", "contested")).post("/api/runs").then().extract().path("id");
        Api.json(owner.as()).body(Map.of("status", "processing")).patch("/api/runs/" + contested).then().statusCode(200);
        List<Integer> race = Parallel.times(6, () -> Api.json(owner.as()).body(Map.of("status", "completed", "total_tokens", 1000))
                .patch("/api/runs/" + contested).statusCode());
        assertEquals(1, race.stream().filter(s -> s == 200).count(), race.toString());
        assertEquals(5, race.stream().filter(s -> s == 409).count(), race.toString());
        assertEquals(7L * n + 1000, (long) Db.tx(() -> User.<User>findById(owner.id()).tokenUsage));
    }
}
