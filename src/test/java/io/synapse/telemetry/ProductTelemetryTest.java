package io.synapse.telemetry;

import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.synapse.support.Api;
import io.synapse.telemetry.rollup.RollupJob;
import io.synapse.telemetry.timings.RequestTimings;

@QuarkusTest
class ProductTelemetryTest {

    @Inject
    RollupJob rollup;

    @Inject
    RequestTimings timings;

    private static Map<String, Object> productEvent(String type, long durationMs) {
        return Map.of("id", UUID.randomUUID().toString(), "event_type", type, "timestamp", Instant.now().minusSeconds(2).toString(),
                "session_id", "s-1", "event_data", Map.of("duration_ms", durationMs, "page", "/reports"));
    }

    @Test
    void productEventsAreStoredOnceAndRolledIntoDailyActivityVisibleToTheirOwner() {
        Api.Login viewer = Api.user("viewer");
        Api.Login other = Api.user("viewer");
        Api.Login manager = Api.user("manager");
        String action = "page_view_" + UUID.randomUUID().toString().substring(0, 6);
        List<Map<String, Object>> batch = List.of(productEvent(action, 100), productEvent(action, 200), productEvent(action, 300));
        viewer.as().contentType(ContentType.JSON).body(batch).post("/api/telemetry/events").then().statusCode(202).body("inserted", equalTo(3));
        viewer.as().contentType(ContentType.JSON).body(batch).post("/api/telemetry/events").then().statusCode(202).body("duplicates", equalTo(3));
        assertEquals(3, Telemetry.count("SELECT count(*) FROM events WHERE event_type = ?1 AND user_id = ?2 AND ip_address IS NOT NULL", action,
                viewer.id()));

        rollup.runOnce();
        viewer.as().queryParam("action", action).get("/api/analytics/user-activity").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].count", equalTo(3)).body("items[0].total_duration_ms", equalTo(600))
                .body("items[0].user_id", equalTo(viewer.id().toString()));
        // Another viewer sees only their own activity, even when naming the owner.
        other.as().queryParam("action", action).queryParam("user_id", viewer.id().toString()).get("/api/analytics/user-activity").then()
                .statusCode(200).body("items.size()", equalTo(0));
        manager.as().queryParam("action", action).queryParam("user_id", viewer.id().toString()).get("/api/analytics/user-activity").then()
                .statusCode(200).body("items.size()", equalTo(1));
    }

    @Test
    void badProductEventsAndMetricsAreRefusedWholeWithTheirIndex() {
        Api.Login viewer = Api.user("viewer");
        String action = "bad_" + UUID.randomUUID().toString().substring(0, 6);
        assertProblem(viewer.as().contentType(ContentType.JSON).body(List.of(productEvent(action, 1),
                Map.of("event_type", action, "timestamp", Instant.now().toString()),
                Map.of("id", UUID.randomUUID().toString(), "event_type", 5, "timestamp", Instant.now().toString()),
                Map.of("id", UUID.randomUUID().toString(), "event_type", action, "timestamp", "2020-01-01T00:00:00Z")))
                .post("/api/telemetry/events"), 400).body("errors.field", hasItems("[1].id", "[2].event_type", "[3].timestamp"));
        assertEquals(0, Telemetry.count("SELECT count(*) FROM events WHERE event_type = ?1", action));

        String metric = "client.render_" + UUID.randomUUID().toString().substring(0, 6);
        viewer.as().contentType(ContentType.JSON).body(List.of(
                Map.of("metric_name", metric, "metric_value", 12.5, "metric_unit", "ms", "timestamp", Instant.now().toString()),
                Map.of("metric_name", metric, "metric_value", 7, "timestamp", Instant.now().toString(), "additional_data", Map.of("screen", "home"))))
                .post("/api/telemetry/metrics").then().statusCode(202).body("inserted", equalTo(2));
        assertEquals(2, Telemetry.count("SELECT count(*) FROM performance_metrics WHERE metric_name = ?1 AND source = 'client' AND user_id = ?2",
                metric, viewer.id()));
        assertProblem(viewer.as().contentType(ContentType.JSON).body(List.of(
                Map.of("metric_name", metric, "metric_value", "fast", "timestamp", Instant.now().toString()),
                Map.of("metric_value", 1, "timestamp", Instant.now().toString())))
                .post("/api/telemetry/metrics"), 400).body("errors.field", hasItems("[0].metric_value", "[1].metric_name"));
        assertEquals(2, Telemetry.count("SELECT count(*) FROM performance_metrics WHERE metric_name = ?1", metric));
    }

    @Test
    void recentWorkloadsArePagedAndPrivate() {
        Api.Login viewer = Api.user("viewer");
        Api.Login other = Api.user("viewer");
        String type = "recent-" + UUID.randomUUID().toString().substring(0, 6);
        List<Map<String, Object>> events = List.of(Telemetry.event(type, Instant.now().minusSeconds(30), "m", "ok", 5, 1, 1, null),
                Telemetry.event(type, Instant.now().minusSeconds(20), "m", "ok", 5, 1, 1, null),
                Telemetry.event(type, Instant.now().minusSeconds(10), "m", "ok", 5, 1, 1, null));
        Telemetry.post(viewer.as(), events).then().statusCode(202);
        String cursor = viewer.as().queryParam("limit", 2).get("/api/analytics/recent-workloads").then().statusCode(200)
                .body("items.size()", equalTo(2)).body("items[0].workload_id", equalTo(events.get(2).get("workload_id")))
                .body("next_cursor", notNullValue()).extract().path("next_cursor");
        viewer.as().queryParam("limit", 2).queryParam("cursor", cursor).get("/api/analytics/recent-workloads").then().statusCode(200)
                .body("items.workload_id", hasItem(events.get(0).get("workload_id")));
        other.as().get("/api/analytics/recent-workloads").then().statusCode(200)
                .body("items.workload_id", not(hasItem(events.get(0).get("workload_id"))));
    }

    @Test
    void theApisOwnRequestTimingsBecomePerformanceMetrics() {
        Api.Login viewer = Api.user("viewer");
        timings.flush();
        for (int i = 0; i < 3; i++) {
            viewer.as().get("/api/me").then().statusCode(200);
        }
        timings.flush();
        long rows = Telemetry.count("""
                SELECT count(*) FROM performance_metrics WHERE source = 'api' AND metric_name = 'http.server.requests'
                AND additional_data ->> 'operation' = 'MeResource.me' AND additional_data ->> 'status_class' = '2xx'
                AND (additional_data ->> 'count')::int >= 3 AND recorded_at > now() - interval '1 minute'""");
        assertTrue(rows >= 1);
    }
}
