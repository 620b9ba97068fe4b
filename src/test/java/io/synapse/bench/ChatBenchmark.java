package io.synapse.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.synapse.chat.Conversation;
import io.synapse.support.Api;
import io.synapse.support.Db;

/**
 * Issue 3's figures, printed, never asserted: paging a 10,000-message conversation by keyset,
 * and GET /api/analytics/usage over 100,000 runs. Not part of ./mvnw verify; run with
 * {@code ./mvnw test -Dgroups=benchmark -DexcludedGroups=none -Dtest='*Benchmark'}.
 */
@QuarkusTest
@Tag("benchmark")
class ChatBenchmark {

    private static final int MESSAGES = 10_000;
    private static final int RUNS = 100_000;

    @Test
    void pageThroughTenThousandMessages() {
        Api.Login owner = Api.user("viewer");
        UUID id = UUID.fromString(Api.json(owner.as()).body(Map.of("title", "bench")).post("/api/conversations").then().statusCode(201)
                .extract().path("id"));
        Db.run(() -> {
            var em = Conversation.getEntityManager();
            em.createNativeQuery("""
                    INSERT INTO messages (id, conversation_id, sequence_number, role, content, model, tokens_used, created_at)
                    SELECT gen_random_uuid(), ?1, g, CASE WHEN g % 2 = 1 THEN 'user' ELSE 'assistant' END,
                           repeat('Sales in SP grew by 12 percent in the quarter. ', 8), CASE WHEN g % 2 = 0 THEN 'gpt-4o-mini' END,
                           CASE WHEN g % 2 = 0 THEN 150 END, now() - make_interval(secs => ?2 - g)
                    FROM generate_series(1, ?2) g""").setParameter(1, id).setParameter(2, MESSAGES).executeUpdate();
            em.createNativeQuery("""
                    INSERT INTO citations (id, message_id, source_index, inline_number, source_name, page_number, snippet, confidence,
                                           text_start_index, text_end_index)
                    SELECT gen_random_uuid(), m.id, 1, 1, 'faturamento.csv', 3, 'SP 12%', 0.9, 0, 10
                    FROM messages m WHERE m.conversation_id = ?1 AND m.role = 'assistant'""").setParameter(1, id).executeUpdate();
            em.createNativeQuery("UPDATE conversations SET message_count = ?2, last_message_at = now() WHERE id = ?1")
                    .setParameter(1, id).setParameter(2, MESSAGES).executeUpdate();
            em.createNativeQuery("ANALYZE messages; ANALYZE citations").executeUpdate();
        });
        // What every authenticated request costs anyway (token checks, session and user lookups, rate limit).
        List<Long> baseline = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            long start = System.nanoTime();
            owner.as().get("/api/me").then().statusCode(200);
            baseline.add((System.nanoTime() - start) / 1000);
        }
        System.out.printf("BENCH baseline: GET /api/me median %.1f ms over 200 calls%n", median(baseline.subList(50, 200)) / 1000.0);
        for (int limit : new int[] { 50, 500 }) {
            walk(owner, id, limit); // warm-up
            List<Long> totals = new ArrayList<>();
            List<Long> pageTimes = new ArrayList<>();
            List<Long> firstPages = new ArrayList<>();
            List<Long> lastPages = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                long start = System.nanoTime();
                List<Long> walked = walk(owner, id, limit);
                totals.add((System.nanoTime() - start) / 1_000_000);
                pageTimes.addAll(walked);
                int tenth = Math.max(1, walked.size() / 10);
                firstPages.addAll(walked.subList(0, tenth));
                lastPages.addAll(walked.subList(walked.size() - tenth, walked.size()));
            }
            // Keyset paging: the last pages cost what the first ones do (OFFSET would grow with depth).
            System.out.printf("BENCH messages: limit=%d, median of the first tenth of pages %.1f ms, of the last tenth %.1f ms%n", limit,
                    median(firstPages) / 1000.0, median(lastPages) / 1000.0);
            Collections.sort(totals);
            Collections.sort(pageTimes);
            System.out.printf("BENCH messages: %d messages (%d with a citation), limit=%d: %d pages, whole walk median %d ms (runs %s), "
                    + "per page median %.1f ms, p95 %.1f ms%n", MESSAGES, MESSAGES / 2, limit, MESSAGES / limit, totals.get(1), totals,
                    pageTimes.get(pageTimes.size() / 2) / 1000.0, pageTimes.get((int) (pageTimes.size() * 0.95)) / 1000.0);
        }
    }

    private static long median(List<Long> values) {
        List<Long> sorted = new ArrayList<>(values);
        Collections.sort(sorted);
        return sorted.get(sorted.size() / 2);
    }

    /** Microseconds per page; asserts only that every message came back once, in order. */
    private static List<Long> walk(Api.Login owner, UUID id, int limit) {
        List<Long> times = new ArrayList<>();
        String cursor = null;
        int expected = 1;
        do {
            long start = System.nanoTime();
            Response page = owner.as().queryParam("limit", limit).queryParam("cursor", cursor == null ? "" : cursor)
                    .get("/api/conversations/" + id + "/messages");
            page.then().statusCode(200);
            List<Integer> sequence = page.path("items.sequence_number");
            times.add((System.nanoTime() - start) / 1000);
            for (int s : sequence) {
                if (s != expected++) {
                    throw new AssertionError("out of order at " + s);
                }
            }
            cursor = page.path("next_cursor");
        } while (cursor != null);
        if (expected != MESSAGES + 1) {
            throw new AssertionError("walked " + (expected - 1) + " messages");
        }
        return times;
    }

    @Test
    void usageOverOneHundredThousandRuns() {
        List<Api.Login> users = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            users.add(Api.user(i == 0 ? "manager" : "viewer"));
        }
        UUID[] ids = users.stream().map(Api.Login::id).toArray(UUID[]::new);
        Db.run(() -> Conversation.getEntityManager().createNativeQuery("""
                INSERT INTO runs (id, user_id, agent_type, model, status, total_tokens, prompt_tokens, completion_tokens, latency_ms,
                                  cost_estimate, started_at, completed_at, created_at)
                SELECT gen_random_uuid(), (?1)[1 + g % 20], 'chat_reply', (ARRAY['gpt-4o-mini','gpt-4o','claude','llama','mistral'])[1 + g % 5],
                       CASE WHEN g % 17 = 0 THEN 'failed' ELSE 'completed' END, 200 + g % 800, 150 + g % 600, 50 + g % 200,
                       100 + (g * 7919) % 4000, (g % 1000) / 100000.0, ts, ts, ts
                FROM generate_series(1, ?2) g, LATERAL (SELECT now() - make_interval(secs => (g * 25.0)::int % (29 * 86400)) AS ts) t""")
                .setParameter(1, ids).setParameter(2, RUNS).executeUpdate());
        Db.run(() -> Conversation.getEntityManager().createNativeQuery("ANALYZE runs").executeUpdate());
        for (String groupBy : List.of("day", "model", "user")) {
            time("admin, all users, group_by=" + groupBy, () -> Api.asAdmin().queryParam("group_by", groupBy).get("/api/analytics/usage"));
        }
        time("one user's own runs (5,000), group_by=day", () -> users.get(1).as().get("/api/analytics/usage"));
    }

    private static void time(String label, java.util.function.Supplier<Response> call) {
        Response first = call.get();
        first.then().statusCode(200);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 7; i++) {
            long start = System.nanoTime();
            call.get().then().statusCode(200);
            times.add((System.nanoTime() - start) / 1_000_000);
        }
        Collections.sort(times);
        int runs = first.path("totals.runs");
        System.out.printf("BENCH usage over %d runs in the window (%d rows in the table), %s: median %d ms, min %d, max %d (%d groups)%n", runs,
                RUNS, label, times.get(times.size() / 2), times.get(0), times.get(times.size() - 1), ((List<?>) first.path("groups")).size());
    }
}
