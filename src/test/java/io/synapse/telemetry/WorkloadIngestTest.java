package io.synapse.telemetry;

import static io.synapse.support.Problems.assertProblem;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.synapse.support.Api;

@QuarkusTest
class WorkloadIngestTest {

    private static String type() {
        return "ingest-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static long stored(String workloadType) {
        return Telemetry.count("SELECT count(*) FROM workload_events WHERE workload_type = ?1", workloadType);
    }

    @Test
    void aBatchIsStoredOnceHoweverOftenItIsRetriedAndAttributedToTheCaller() {
        Api.Login viewer = Api.user("viewer");
        String type = type();
        Instant now = Instant.now().minusSeconds(5);
        List<Map<String, Object>> batch = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            batch.add(Telemetry.event(type, now.minusSeconds(i * 60L), "gpt-4o", i % 10 == 0 ? "error" : "ok", 100 + i, 10, 20, "0.00012345"));
        }
        Telemetry.post(viewer.as(), batch).then().statusCode(202).body("received", equalTo(50)).body("inserted", equalTo(50))
                .body("duplicates", equalTo(0));
        Telemetry.post(viewer.as(), batch).then().statusCode(202).body("received", equalTo(50)).body("inserted", equalTo(0))
                .body("duplicates", equalTo(50));
        assertEquals(50, stored(type));
        assertEquals(50, Telemetry.count("SELECT count(*) FROM workload_events WHERE workload_type = ?1 AND user_id = ?2", type, viewer.id()));
        // total_tokens is derived when only its parts are sent; cost is kept to the last decimal.
        assertEquals(50, Telemetry.count("SELECT count(*) FROM workload_events WHERE workload_type = ?1 AND total_tokens = 30 AND cost = 0.00012345", type));
        // The hours written are queued for the rollup in the same transaction.
        assertEquals(1, Telemetry.count("""
                SELECT count(*) FROM telemetry_rollup_queue WHERE stream = 'workload' AND bucket = date_trunc('hour', cast(?1 as timestamptz), 'UTC')""",
                now.toString()) > 0 ? 1 : 0);
    }

    @Test
    void ndjsonIsAcceptedLineByLine() {
        Api.Login rep = Api.user("rep");
        String type = type();
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 3; i++) {
            body.append("{\"event_id\":\"").append(UUID.randomUUID()).append("\",\"timestamp\":\"").append(Instant.now().minusSeconds(i))
                    .append("\",\"workload_id\":\"w1\",\"workload_type\":\"").append(type).append("\",\"event_type\":\"metric\",")
                    .append("\"metrics\":[{\"name\":\"gpu\",\"value\":0.5,\"unit\":\"ratio\"}],\"dimensions\":{\"region\":\"eu\"},\"metadata\":{\"k\":[1,2]}}\n");
        }
        rep.as().contentType("application/x-ndjson").body(body.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/telemetry/workload-events").then().statusCode(202)
                .body("inserted", equalTo(3));
        assertEquals(3, Telemetry.count("SELECT count(*) FROM workload_events WHERE workload_type = ?1 AND dimensions ->> 'region' = 'eu'"
                + " AND metrics -> 0 ->> 'unit' = 'ratio' AND status = 'ok'", type));
    }

    @Test
    void everyBadEventIsNamedByIndexAndNothingOfTheBatchIsStored() {
        Api.Login viewer = Api.user("viewer");
        String type = type();
        Instant now = Instant.now();
        List<Object> batch = new ArrayList<>();
        batch.add(Telemetry.event(type, now, "m", "ok", 5, 1, 1, "0.1"));
        Map<String, Object> noId = Telemetry.event(type, now, "m", "ok", 5, 1, 1, null);
        noId.remove("event_id");
        batch.add(noId);
        batch.add(Telemetry.event(type, now.minus(Duration.ofDays(8)), "m", "ok", 5, 1, 1, null));
        batch.add(Telemetry.event(type, now.plus(Duration.ofHours(1)), "m", "ok", 5, 1, 1, null));
        Map<String, Object> wrongTypes = Telemetry.event(type, now, "m", "ok", null, null, null, null);
        wrongTypes.put("latency_ms", "fast");
        batch.add(wrongTypes);
        Map<String, Object> unknown = Telemetry.event(type, now, "m", "ok", 5, 1, 1, null);
        unknown.put("latency", 5);
        batch.add(unknown);
        Map<String, Object> bad = Telemetry.event(type, now, "m", "maybe", -1, 1, 1, "0.123456789");
        bad.put("workload_id", "x".repeat(256));
        batch.add(bad);
        batch.add("not an object");
        Map<String, Object> huge = Telemetry.event(type, now, "m", "ok", null, null, null, null);
        huge.put("prompt_tokens", 3_000_000_000L);
        huge.put("cost", -1);
        batch.add(huge);
        Map<String, Object> otherUser = Telemetry.event(type, now, "m", "ok", 5, 1, 1, null);
        otherUser.put("user_id", UUID.randomUUID().toString());
        batch.add(otherUser);

        assertProblem(Telemetry.post(viewer.as(), batch), 400)
                .body("detail", containsString("nothing was stored"))
                .body("errors.field", hasItems("[1].event_id", "[2].timestamp", "[3].timestamp", "[4].latency_ms", "[5].latency",
                        "[6].status", "[6].workload_id", "[6].latency_ms", "[6].cost", "[7]", "[8].prompt_tokens", "[9].user_id"))
                .body("errors.find { it.field == '[2].timestamp' }.message", containsString("lateness window"))
                .body("errors.find { it.field == '[6].cost' }.message", containsString("8 decimal places"));
        // A NUL inside a free-form map is refused while binding: the event is named.
        Map<String, Object> nul = Telemetry.event(type, now, "m", "ok", 5, 1, 1, null);
        nul.put("dimensions", Map.of("region", "eu\u0000"));
        assertProblem(Telemetry.post(viewer.as(), List.of(nul)), 400).body("errors.field", hasItem("[0].dimensions.region"));
        assertEquals(0, stored(type));
    }

    @Test
    void managersMayAttributeEventsToExistingUsersOnly() {
        Api.Login manager = Api.user("manager");
        Api.Login viewer = Api.user("viewer");
        String type = type();
        Map<String, Object> forViewer = Telemetry.event(type, Instant.now(), "m", "ok", 5, 1, 1, null);
        forViewer.put("user_id", viewer.id().toString());
        Telemetry.post(manager.as(), List.of(forViewer)).then().statusCode(202).body("inserted", equalTo(1));
        assertEquals(1, Telemetry.count("SELECT count(*) FROM workload_events WHERE workload_type = ?1 AND user_id = ?2", type, viewer.id()));

        Map<String, Object> forNobody = Telemetry.event(type, Instant.now(), "m", "ok", 5, 1, 1, null);
        forNobody.put("user_id", UUID.randomUUID().toString());
        assertProblem(Telemetry.post(manager.as(), List.of(forNobody)), 400).body("errors[0].field", equalTo("[0].user_id"))
                .body("errors[0].message", equalTo("is not a known user"));
        // A viewer may name themselves.
        Map<String, Object> self = Telemetry.event(type, Instant.now(), "m", "ok", 5, 1, 1, null);
        self.put("user_id", viewer.id().toString());
        Telemetry.post(viewer.as(), List.of(self)).then().statusCode(202);
        assertEquals(2, stored(type));
    }

    @Test
    void malformedEmptyOversizedAndUnauthenticatedBatchesAreRefused() {
        Api.Login viewer = Api.user("viewer");
        assertProblem(viewer.as().contentType(ContentType.JSON).body("[{\"event_id\": ").post("/api/telemetry/workload-events"), 400)
                .body("title", equalTo("Malformed JSON"));
        assertProblem(viewer.as().contentType(ContentType.JSON).body("{\"event_id\": 1}").post("/api/telemetry/workload-events"), 400)
                .body("detail", containsString("JSON array"));
        assertProblem(viewer.as().contentType(ContentType.JSON).body("[] []").post("/api/telemetry/workload-events"), 400);
        assertProblem(viewer.as().contentType(ContentType.JSON).body("[]").post("/api/telemetry/workload-events"), 400)
                .body("errors[0].field", equalTo("body"));
        assertProblem(viewer.as().contentType("text/plain").body("[]").post("/api/telemetry/workload-events"), 415);
        StringBuilder tooMany = new StringBuilder("[");
        for (int i = 0; i <= 10_000; i++) {
            tooMany.append(i == 0 ? "{}" : ",{}");
        }
        assertProblem(viewer.as().contentType(ContentType.JSON).body(tooMany.append("]").toString()).post("/api/telemetry/workload-events"), 413)
                .body("detail", containsString("10000"));
        assertProblem(given().contentType(ContentType.JSON).body("[]").post("/api/telemetry/workload-events"), 401);
        assertProblem(viewer.as().body("[]".getBytes(java.nio.charset.StandardCharsets.UTF_8)).post("/api/telemetry/workload-events"), 415);
        Map<String, Object> farFuture = Telemetry.event(type(), Instant.now(), "m", "ok", 1, 1, 1, null);
        farFuture.put("timestamp", "+294277-01-01T00:00:00Z");
        assertProblem(Telemetry.post(viewer.as(), List.of(farFuture)), 400).body("errors[0].field", equalTo("[0].timestamp"));
        Map<String, Object> wrongBoolean = Telemetry.event(type(), Instant.now(), "m", "ok", 1, 1, 1, null);
        wrongBoolean.put("status", true);
        assertProblem(Telemetry.post(viewer.as(), List.of(wrongBoolean)), 400).body("errors[0].field", equalTo("[0].status"));
        assertProblem(viewer.as().contentType(ContentType.JSON).body("[" + "{\"event_id\":\"x\"}," .repeat(1) + "1]")
                .post("/api/telemetry/workload-events"), 400).body("errors.field", hasItems("[0].event_id", "[1]"));
    }

    @Test
    void costsAreKeptExactlyAndTimesBeyondMicrosecondsStayInTheirHour() {
        Api.Login viewer = Api.user("viewer");
        String type = type();
        Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        Map<String, Object> e = Telemetry.event(type, hour, "m", "ok", 5, 1, 1, null);
        // 400 ns before the hour: PostgreSQL would round it into the next hour; it is cut to the microsecond first.
        e.put("timestamp", hour.minusNanos(400).toString());
        String body = "[" + new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(e).toString().replaceFirst("\\}$", ",\"cost\":1234567890.12345678}") + "]";
        viewer.as().contentType(ContentType.JSON).body(body).post("/api/telemetry/workload-events").then().statusCode(202);
        assertEquals(1, Telemetry.count("SELECT count(*) FROM workload_events WHERE workload_type = ?1 AND cost = 1234567890.12345678"
                + " AND occurred_at = cast(?2 as timestamptz)", type, hour.minusNanos(1000).toString()));
        assertEquals(1, Telemetry.count("SELECT count(*) FROM telemetry_rollup_queue WHERE stream = 'workload' AND bucket = cast(?1 as timestamptz)",
                hour.minus(Duration.ofHours(1)).toString()) > 0 ? 1 : 0);
        // A user-activity cursor holding a date PostgreSQL cannot store is refused, not passed on.
        String cursor = io.synapse.common.paging.Cursor.ofParts("+6000000-01-01", "", "x");
        assertProblem(viewer.as().queryParam("cursor", cursor).get("/api/analytics/user-activity"), 400);
    }

    @Test
    void tabsNewlinesAndBackslashesSurviveTheCopyPath() {
        Api.Login viewer = Api.user("viewer");
        String type = type();
        String tricky = "a\tb\\c\nd\re \\N é 🚀";
        Map<String, Object> e = Telemetry.event(type, Instant.now(), "m", "ok", 5, 1, 1, null);
        e.put("workload_id", tricky);
        e.put("metadata", Map.of("path", "C:\\temp\\new", "note", "line1\nline2\t\"quoted\""));
        e.put("dimensions", Map.of("k\tey", "v\\al"));
        Telemetry.post(viewer.as(), List.of(e)).then().statusCode(202).body("inserted", equalTo(1));
        assertEquals(tricky, Telemetry.sql("SELECT workload_id FROM workload_events WHERE workload_type = ?1", type));
        assertEquals("C:\\temp\\new", Telemetry.sql("SELECT metadata ->> 'path' FROM workload_events WHERE workload_type = ?1", type));
        assertEquals("line1\nline2\t\"quoted\"", Telemetry.sql("SELECT metadata ->> 'note' FROM workload_events WHERE workload_type = ?1", type));
        assertEquals("v\\al", Telemetry.sql("SELECT dimensions ->> 'k\tey' FROM workload_events WHERE workload_type = ?1", type));
    }

    @Test
    void aFullBatchOfTenThousandEventsIsAcceptedAboveTheGeneralBodyLimit() {
        Api.Login viewer = Api.user("viewer");
        String type = type();
        StringBuilder body = new StringBuilder("[");
        Instant now = Instant.now().minusSeconds(1);
        for (int i = 0; i < 10_000; i++) {
            body.append(i == 0 ? "" : ",").append("{\"event_id\":\"").append(UUID.randomUUID()).append("\",\"timestamp\":\"").append(now.minusMillis(i))
                    .append("\",\"workload_id\":\"workload-").append(i).append("\",\"workload_type\":\"").append(type)
                    .append("\",\"event_type\":\"completion\",\"model\":\"gpt-4o-mini\",\"latency_ms\":").append(i % 997)
                    .append(",\"prompt_tokens\":").append(i % 500).append(",\"metadata\":{\"note\":\"").append("x".repeat(60)).append("\"}}");
        }
        String json = body.append("]").toString();
        assertEquals(true, json.length() > 2 * 1024 * 1024, "larger than synapse.api.max-body-size");
        viewer.as().contentType(ContentType.JSON).body(json).post("/api/telemetry/workload-events").then().statusCode(202)
                .body("inserted", equalTo(10_000));
        assertEquals(10_000, stored(type));
    }

    @Test
    void anOldDayGetsItsPartitionOnDemand() {
        Api.Login viewer = Api.user("viewer");
        String type = type();
        Instant sixDaysAgo = Instant.now().minus(Duration.ofDays(6)).truncatedTo(ChronoUnit.HOURS);
        Telemetry.post(viewer.as(), List.of(Telemetry.event(type, sixDaysAgo, "m", "ok", 1, 1, 1, null))).then().statusCode(202);
        assertEquals(1, stored(type));
    }
}
