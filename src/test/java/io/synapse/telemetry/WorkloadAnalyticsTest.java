package io.synapse.telemetry;

import static io.synapse.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.synapse.support.Api;
import io.synapse.support.Db;
import io.synapse.telemetry.rollup.RollupJob;

/** Every analytics figure, from rollups, raw rows or both, equals plain SQL over the raw events. */
@QuarkusTest
class WorkloadAnalyticsTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** The same figures, straight from workload_events. */
    private static final String EXPECTED = """
            SELECT key, count(*), count(*) FILTER (WHERE status = 'error'), coalesce(sum(prompt_tokens), 0), coalesce(sum(completion_tokens), 0),
                   coalesce(sum(total_tokens), 0), coalesce(sum(cost), 0), count(latency_ms), avg(latency_ms), min(latency_ms), max(latency_ms),
                   least(telemetry_bucket_upper_ms(telemetry_latency_bucket(percentile_disc(0.5) WITHIN GROUP (ORDER BY latency_ms))), max(latency_ms)),
                   least(telemetry_bucket_upper_ms(telemetry_latency_bucket(percentile_disc(0.95) WITHIN GROUP (ORDER BY latency_ms))), max(latency_ms)),
                   least(telemetry_bucket_upper_ms(telemetry_latency_bucket(percentile_disc(0.99) WITHIN GROUP (ORDER BY latency_ms))), max(latency_ms))
            FROM (SELECT e.*, %s AS key FROM workload_events e
                  WHERE workload_type = ?1 AND occurred_at >= cast(?2 as timestamptz) AND occurred_at < cast(?3 as timestamptz) %s) e
            GROUP BY ROLLUP (key) ORDER BY key NULLS LAST""";

    private static final Map<String, String> KEYS = Map.of(
            "hour", "to_char(date_trunc('hour', occurred_at, 'UTC') AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:00:00\"Z\"')",
            "day", "to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
            "model", "coalesce(model, '')",
            "workload_type", "workload_type",
            "user", "coalesce(user_id::text, '')");

    @Inject
    RollupJob rollup;

    @Test
    void figuresEqualPlainSqlBeforeAndAfterRollupsIncludingLateEvents() throws Exception {
        Api.Login manager = Api.user("manager");
        Api.Login alice = Api.user("viewer");
        Api.Login bob = Api.user("viewer");
        String type = "analytics-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        Instant start = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(5));
        Random random = new Random(42);
        List<Map<String, Object>> events = new ArrayList<>();
        String[] models = { "gpt-4o", "llama-3", null };
        long span = Duration.between(start, now).toSeconds();
        for (int i = 0; i < 400; i++) {
            Instant at = start.plusSeconds((long) (random.nextDouble() * span));
            Integer latency = random.nextInt(10) == 0 ? null : (int) Math.round(Math.exp(random.nextGaussian() * 1.2 + 5));
            Map<String, Object> e = Telemetry.event(type, at, models[random.nextInt(3)], random.nextInt(8) == 0 ? "error" : "ok", latency,
                    random.nextInt(500), random.nextInt(800), random.nextBoolean() ? "0.%08d".formatted(random.nextInt(100_000_000)) : null);
            e.put("user_id", (random.nextBoolean() ? alice : bob).id().toString());
            events.add(e);
        }
        Telemetry.post(manager.as(), events).then().statusCode(202);

        // Half an hour into the first hour to a minute from now: partial hours at both ends.
        Instant from = start.plus(Duration.ofMinutes(30));
        Instant to = now.plusSeconds(60);
        for (String groupBy : KEYS.keySet()) {
            assertMatches(manager.as(), groupBy, type, from, to, "");
        }
        assertTrue(rollup.runOnce() >= 5, "the five closed hours were rolled up");
        for (String groupBy : KEYS.keySet()) {
            JsonNode report = assertMatches(manager.as(), groupBy, type, from, to, "");
            assertTrue(report.at("/sources/rollup_hours").asInt() >= 4, report.toString());
        }

        // A late event in an hour already rolled up counts at once (the hour is read raw until rolled again).
        Map<String, Object> late = Telemetry.event(type, start.plus(Duration.ofMinutes(90)), "gpt-4o", "error", 99_999, 1000, 1000, "1.5");
        late.put("user_id", alice.id().toString());
        Telemetry.post(manager.as(), List.of(late)).then().statusCode(202);
        JsonNode withLate = assertMatches(manager.as(), "day", type, from, to, "");
        rollup.runOnce();
        JsonNode rolled = assertMatches(manager.as(), "day", type, from, to, "");
        assertEquals(withLate.get("totals"), rolled.get("totals"));
        assertEquals(withLate.at("/sources/raw_hours").asInt() - 1, rolled.at("/sources/raw_hours").asInt(), rolled.toString());

        // A viewer sees their own events only, whatever user_id they ask for; a manager may narrow to one user.
        assertMatches(alice.as(), "model", type, from, to, " AND user_id = '" + alice.id() + "'");
        assertMatches(alice.as().queryParam("user_id", bob.id().toString()), "model", type, from, to, " AND user_id = '" + alice.id() + "'");
        assertMatches(manager.as().queryParam("user_id", bob.id().toString()), "hour", type, from, to, " AND user_id = '" + bob.id() + "'");
    }

    private JsonNode assertMatches(RequestSpecification as, String groupBy, String type, Instant from, Instant to, String extraSql) throws Exception {
        String body = as.queryParam("group_by", groupBy).queryParam("workload_type", type).queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/api/analytics/workloads").then().statusCode(200).extract().asString();
        JsonNode report = JSON.readTree(body);
        List<?> rows = Db.tx(() -> {
            var query = io.synapse.telemetry.settings.SystemConfigEntry.getEntityManager()
                    .createNativeQuery(EXPECTED.formatted(KEYS.get(groupBy), extraSql));
            query.setParameter(1, type).setParameter(2, from.toString()).setParameter(3, to.toString());
            return query.getResultList();
        });
        Map<String, JsonNode> groups = new HashMap<>();
        report.get("groups").forEach(g -> groups.put(g.get("key").asText(), g));
        assertEquals(rows.size() - 1, groups.size(), groupBy + ": " + body);
        for (Object row : rows) {
            Object[] c = (Object[]) row;
            JsonNode actual = c[0] == null ? report.get("totals") : groups.get((String) c[0]);
            String where = groupBy + " " + c[0];
            assertEquals(((Number) c[1]).longValue(), actual.get("events").asLong(), where);
            assertEquals(((Number) c[2]).longValue(), actual.get("errors").asLong(), where);
            assertEquals(((Number) c[3]).longValue(), actual.get("prompt_tokens").asLong(), where);
            assertEquals(((Number) c[4]).longValue(), actual.get("completion_tokens").asLong(), where);
            assertEquals(((Number) c[5]).longValue(), actual.get("total_tokens").asLong(), where);
            assertEquals(0, new BigDecimal(c[6].toString()).compareTo(actual.get("cost").decimalValue()), where);
            JsonNode latency = actual.get("latency");
            assertEquals(((Number) c[7]).longValue(), latency.get("count").asLong(), where);
            if (c[8] != null) {
                assertEquals(((Number) c[8]).doubleValue(), latency.get("avg_ms").asDouble(), 0.01, where);
            }
            assertEquals(c[9] == null ? null : ((Number) c[9]).intValue(), latency.get("min_ms").isNull() ? null : latency.get("min_ms").asInt(), where);
            assertEquals(c[10] == null ? null : ((Number) c[10]).intValue(), latency.get("max_ms").isNull() ? null : latency.get("max_ms").asInt(), where);
            for (int p = 0; p < 3; p++) {
                String name = new String[] { "p50_ms", "p95_ms", "p99_ms" }[p];
                assertEquals(c[11 + p] == null ? null : ((Number) c[11 + p]).intValue(), latency.get(name).isNull() ? null : latency.get(name).asInt(),
                        where + " " + name);
            }
            double rate = ((Number) c[1]).longValue() == 0 ? 0 : ((Number) c[2]).doubleValue() / ((Number) c[1]).doubleValue();
            assertEquals(rate, actual.get("error_rate").asDouble(), 0.0001, where);
        }
        return report;
    }

    @Test
    void javaLatencyBucketsEqualTheSqlFunctions() {
        // The ClickHouse store buckets in Java; PostgreSQL in SQL: they must agree on every edge.
        List<?> rows = Db.tx(() -> io.synapse.telemetry.settings.SystemConfigEntry.getEntityManager().createNativeQuery("""
                SELECT x, telemetry_latency_bucket(x::int), telemetry_bucket_upper_ms(telemetry_latency_bucket(x::int))
                FROM (SELECT generate_series(0, 20000) AS x
                      UNION SELECT (2 ^ (b / 8.0))::bigint + d FROM generate_series(100, 247) b, generate_series(-1, 1) d) v
                WHERE x BETWEEN 0 AND 2147483647""").getResultList());
        assertTrue(rows.size() > 20_000);
        for (Object row : rows) {
            Object[] c = (Object[]) row;
            int ms = ((Number) c[0]).intValue();
            assertEquals(((Number) c[1]).intValue(), io.synapse.telemetry.analytics.LatencyBuckets.bucket(ms), "bucket of " + ms);
            assertEquals(((Number) c[2]).intValue(), io.synapse.telemetry.analytics.LatencyBuckets.upper(((Number) c[1]).intValue()), "upper of " + ms);
        }
    }

    @Test
    void badQueriesAreRefused() {
        Api.Login viewer = Api.user("viewer");
        assertProblem(viewer.as().queryParam("group_by", "week").get("/api/analytics/workloads"), 400);
        assertProblem(viewer.as().queryParam("from", "2026-02-01T00:00:00Z").queryParam("to", "2026-01-01T00:00:00Z").get("/api/analytics/workloads"), 400);
        assertProblem(viewer.as().queryParam("group_by", "hour").queryParam("from", "2026-01-01T00:00:00Z").queryParam("to", "2026-03-01T00:00:00Z")
                .get("/api/analytics/workloads"), 400);
        assertProblem(viewer.as().queryParam("from", "yesterday").get("/api/analytics/workloads"), 400);
        assertProblem(viewer.as().queryParam("user_id", "nobody").get("/api/analytics/workloads"), 400);
        assertProblem(viewer.as().queryParam("model", "m".repeat(300)).get("/api/analytics/workloads"), 400);
        assertProblem(viewer.as().queryParam("cursor", "bm9wZQ").get("/api/analytics/recent-workloads"), 400);
        assertProblem(viewer.as().queryParam("from", "2026-13-01").get("/api/analytics/user-activity"), 400);
        assertProblem(viewer.as().queryParam("to", "0001-01-01").get("/api/analytics/user-activity"), 400);
        assertProblem(io.restassured.RestAssured.given().get("/api/analytics/workloads"), 401);
    }
}
