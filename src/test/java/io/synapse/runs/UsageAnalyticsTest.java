package io.synapse.runs;

import static io.restassured.RestAssured.given;
import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.synapse.support.Api;
import io.synapse.support.Db;

/** The endpoint's figures against the same figures computed here, in plain SQL, on the same rows. */
@QuarkusTest
class UsageAnalyticsTest {

    // A window of its own, far from other tests' runs (which are created "now").
    private static final Instant DAY1 = Instant.parse("2031-03-01T00:00:00Z");
    private static final Instant FROM = DAY1;
    private static final Instant TO = DAY1.plus(3, ChronoUnit.DAYS);

    private static void run(UUID user, String model, RunStatus status, Integer tokens, Integer latency, String cost, Instant at) {
        Db.run(() -> Run.getEntityManager().createNativeQuery("""
                INSERT INTO runs (id, user_id, model, status, total_tokens, latency_ms, cost_estimate, created_at)
                VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)""")
                .setParameter(1, UUID.randomUUID()).setParameter(2, user).setParameter(3, model).setParameter(4, status.value())
                .setParameter(5, tokens).setParameter(6, latency).setParameter(7, cost == null ? null : new BigDecimal(cost))
                .setParameter(8, java.sql.Timestamp.from(at)).executeUpdate());
    }

    private static Object[] plainSql(String where) {
        return Db.tx(() -> (Object[]) Run.getEntityManager().createNativeQuery("""
                SELECT count(*), coalesce(sum(total_tokens), 0), sum(CASE WHEN status = 'failed' THEN 1 ELSE 0 END),
                       avg(latency_ms), percentile_disc(0.95) WITHIN GROUP (ORDER BY latency_ms), coalesce(sum(cost_estimate), 0)
                FROM runs WHERE created_at >= ?1 AND created_at < ?2""" + " AND " + where)
                .setParameter(1, java.sql.Timestamp.from(FROM)).setParameter(2, java.sql.Timestamp.from(TO)).getSingleResult());
    }

    @Test
    void usageByDayModelAndUserMatchesPlainSql() {
        Api.Login alice = Api.user("viewer");
        Api.Login bob = Api.user("rep");
        String m1 = "usage-a-" + UUID.randomUUID();
        String m2 = "usage-b-" + UUID.randomUUID();
        for (int i = 0; i < 20; i++) {
            run(alice.id(), m1, i % 5 == 0 ? RunStatus.FAILED : RunStatus.COMPLETED, 100 + i, 100 * (i + 1), "0.01", DAY1.plus(i, ChronoUnit.HOURS));
        }
        for (int i = 0; i < 10; i++) {
            run(bob.id(), m2, RunStatus.COMPLETED, 50, 1000, "0.002", DAY1.plus(1, ChronoUnit.DAYS).plus(i, ChronoUnit.HOURS));
        }
        run(bob.id(), null, RunStatus.PENDING, null, null, null, DAY1.plus(2, ChronoUnit.DAYS));
        String users = "user_id IN ('" + alice.id() + "', '" + bob.id() + "')";

        JsonPath byModel = Api.user("manager").as().queryParam("from", FROM.toString()).queryParam("to", TO.toString())
                .queryParam("group_by", "model").get("/api/analytics/usage").then().statusCode(200).extract().jsonPath();
        for (String model : List.of(m1, m2)) {
            Map<String, Object> group = byModel.getMap("groups.find { it.key == '" + model + "' }");
            Object[] expected = plainSql("model = '" + model + "'");
            assertEquals(((Number) expected[0]).longValue(), ((Number) group.get("runs")).longValue());
            assertEquals(((Number) expected[1]).longValue(), ((Number) group.get("tokens")).longValue());
            assertEquals(((Number) expected[2]).longValue(), ((Number) group.get("errors")).longValue());
            assertEquals(((Number) expected[3]).doubleValue(), ((Number) group.get("avg_latency_ms")).doubleValue(), 0.01);
            assertEquals(new BigDecimal(expected[5].toString()).doubleValue(), ((Number) group.get("cost")).doubleValue(), 1e-6);
        }
        // p95 of 100..2000 ms (20 runs) interpolated: 1905.
        assertEquals(1905.0, ((Number) byModel.getMap("groups.find { it.key == '" + m1 + "' }").get("p95_latency_ms")).doubleValue(), 0.01);

        JsonPath byUser = Api.asAdmin().queryParam("from", FROM.toString()).queryParam("to", TO.toString()).queryParam("group_by", "user")
                .get("/api/analytics/usage").then().statusCode(200).extract().jsonPath();
        Map<String, Object> aliceRow = byUser.getMap("groups.find { it.key == '" + alice.id() + "' }");
        assertEquals(alice.email(), aliceRow.get("label"));
        assertEquals(20, ((Number) aliceRow.get("runs")).intValue());
        assertEquals(4, ((Number) aliceRow.get("errors")).intValue());
        Object[] all = plainSql(users);
        Map<String, Object> bobRow = byUser.getMap("groups.find { it.key == '" + bob.id() + "' }");
        assertEquals(((Number) all[0]).longValue(), ((Number) aliceRow.get("runs")).longValue() + ((Number) bobRow.get("runs")).longValue());

        // A plain user sees only their own usage, whatever user_id says; grouped by day by default.
        JsonPath own = bob.as().queryParam("from", FROM.toString()).queryParam("to", TO.toString()).queryParam("user_id", alice.id().toString())
                .get("/api/analytics/usage").then().statusCode(200).body("group_by", equalTo("day")).body("user_id", equalTo(bob.id().toString()))
                .body("groups", hasSize(2)).extract().jsonPath();
        assertEquals("2031-03-02", own.getString("groups[0].key"));
        assertEquals(10, own.getInt("groups[0].runs"));
        assertEquals("2031-03-03", own.getString("groups[1].key"));
        Object[] bobs = plainSql("user_id = '" + bob.id() + "'");
        assertEquals(((Number) bobs[0]).intValue(), own.getInt("totals.runs"));
        assertEquals(((Number) bobs[1]).intValue(), own.getInt("totals.tokens"));
        assertEquals(1000.0, own.getDouble("totals.p95_latency_ms"), 0.01);
        assertNotNull(own.get("totals.cost"));
    }

    @Test
    void anEmptyWindowHasZeroTotals() {
        Api.user("viewer").as().queryParam("from", "2040-01-01T00:00:00Z").queryParam("to", "2040-01-02T00:00:00Z").get("/api/analytics/usage")
                .then().statusCode(200).body("groups", hasSize(0)).body("totals.runs", equalTo(0)).body("totals.p95_latency_ms", equalTo(null));
    }

    @Test
    void badParametersAreProblems() {
        Api.Login user = Api.user("viewer");
        assertProblem(user.as().get("/api/analytics/usage?group_by=week"), 400).body("errors[0].field", equalTo("group_by"));
        assertProblem(user.as().get("/api/analytics/usage?from=yesterday"), 400);
        assertProblem(user.as().get("/api/analytics/usage?from=2030-01-02T00:00:00Z&to=2030-01-01T00:00:00Z"), 400);
        assertProblem(user.as().get("/api/analytics/usage?from=2020-01-01T00:00:00Z&to=2030-01-01T00:00:00Z"), 400);
        assertProblem(user.as().get("/api/analytics/usage?user_id=me"), 400);
        assertProblem(given().get("/api/analytics/usage"), 401);
    }
}
