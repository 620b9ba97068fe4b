package io.synapse.budgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.synapse.support.Api;
import io.synapse.support.Db;
import io.synapse.telemetry.AuditLog;

/** Audit rows of budgets beyond their own endpoints' (the default profile, which configures no prices). */
@QuarkusTest
class BudgetAuditTest {

    @Test
    void aCostLimitWithoutPricesIsKeptWithAWarning() {
        Api.Login user = Api.user("viewer");
        String id = Api.json(Api.asAdmin()).body(Map.of("scope", "user", "user_id", user.id(), "period", "month", "cost_limit", 5))
                .post("/api/admin/budgets").then().statusCode(201).extract().path("id");
        AuditLog row = Db.tx(() -> AuditLog.<AuditLog>find("action = 'budget.create' and resourceId = ?1", id).firstResult());
        assertTrue(String.valueOf(row.metadata.get("warning")).contains("binds nothing"), String.valueOf(row.metadata));
        // a token limit alone needs no price
        String tokens = Api.json(Api.asAdmin()).body(Map.of("scope", "user", "user_id", user.id(), "period", "day", "token_limit", 5))
                .post("/api/admin/budgets").then().statusCode(201).extract().path("id");
        AuditLog plain = Db.tx(() -> AuditLog.<AuditLog>find("action = 'budget.create' and resourceId = ?1", tokens).firstResult());
        assertEquals(null, plain.metadata.get("warning"));
    }

    @Test
    void budgetsThatGoWithADeletedUserEachLeaveAnAuditRow() {
        Api.Login user = Api.user("viewer");
        Api.apiKey(user, "viewer");
        String keyId = user.as().get("/api/api-keys").then().extract().path("items[0].id");
        String own = Api.json(Api.asAdmin()).body(Map.of("scope", "user", "user_id", user.id(), "period", "day", "token_limit", 10))
                .post("/api/admin/budgets").then().statusCode(201).extract().path("id");
        String key = Api.json(Api.asAdmin()).body(Map.of("scope", "api_key", "api_key_id", keyId, "period", "day", "token_limit", 5))
                .post("/api/admin/budgets").then().statusCode(201).extract().path("id");
        Api.asAdmin().delete("/api/users/{id}", user.id()).then().statusCode(204);
        for (String id : java.util.List.of(own, key)) {
            AuditLog row = Db.tx(() -> AuditLog.<AuditLog>find("action = 'budget.delete' and resourceId = ?1", id).firstResult());
            assertEquals("user.delete", row.metadata.get("cause"));
            assertEquals(0L, (long) Db.tx(() -> Budget.count("id", java.util.UUID.fromString(id))));
        }
    }

    /** The per-day sums budgets read, grouped again from runs with the same rule: what a budget counts. */
    private static final String FROM_RUNS = """
            SELECT kind, owner, day, sum(tokens), sum(cost) FROM (
              SELECT 'u' AS kind, user_id AS owner, (created_at AT TIME ZONE 'UTC')::date AS day,
                     run_spend_tokens(total_tokens, tokens_reserved, error_code) AS tokens, run_spend_cost(cost_estimate, cost_reserved, error_code) AS cost
              FROM runs WHERE user_id = ?1
              UNION ALL
              SELECT 'k', api_key_id, (created_at AT TIME ZONE 'UTC')::date,
                     run_spend_tokens(total_tokens, tokens_reserved, error_code), run_spend_cost(cost_estimate, cost_reserved, error_code)
              FROM runs WHERE user_id = ?1 AND api_key_id IS NOT NULL) s
            GROUP BY kind, owner, day HAVING sum(tokens) <> 0 OR sum(cost) <> 0 ORDER BY 1, 2, 3""";

    private static final String DAILY = """
            SELECT owner_kind, owner_id, day, tokens, cost FROM run_spend_daily
            WHERE (owner_id = ?1 OR owner_id IN (SELECT id FROM api_keys WHERE user_id = ?1)) AND (tokens <> 0 OR cost <> 0)
            ORDER BY 1, 2, 3""";

    private static java.util.List<String> rows(String sql, java.util.UUID user) {
        return Db.tx(() -> {
            @SuppressWarnings("unchecked")
            java.util.List<Object[]> found = io.synapse.runs.Run.getEntityManager().createNativeQuery(sql).setParameter(1, user).getResultList();
            return found.stream().map(r -> r[0] + " " + r[1] + " " + r[2] + " " + ((Number) r[3]).longValue() + " "
                    + ((java.math.BigDecimal) r[4]).stripTrailingZeros().toPlainString()).toList();
        });
    }

    @Test
    void theDailySumsBudgetsReadAlwaysEqualTheRuns() {
        Api.Login user = Api.user("viewer");
        Api.apiKey(user, "viewer");
        java.util.UUID key = java.util.UUID.fromString(user.as().get("/api/api-keys").then().extract().path("items[0].id"));
        java.util.List<java.util.UUID> ids = Db.tx(() -> {
            java.util.List<java.util.UUID> made = new java.util.ArrayList<>();
            for (int i = 0; i < 4; i++) {
                io.synapse.runs.Run run = new io.synapse.runs.Run();
                run.userId = user.id();
                run.apiKeyId = i % 2 == 0 ? key : null;
                run.agentType = "bench";
                run.status = io.synapse.runs.RunStatus.PROCESSING;
                run.tokensReserved = 100 + i;
                run.costReserved = new java.math.BigDecimal("0.001");
                run.persist();
                made.add(run.id);
            }
            return made;
        });
        assertEquals(rows(FROM_RUNS, user.id()), rows(DAILY, user.id()));
        // real figures replace a reservation; a provider error zeroes one; a run moves to another day; one goes
        Db.run(() -> io.synapse.runs.Run.update("totalTokens = 7, costEstimate = 0.5 where id = ?1", ids.get(0)));
        Db.run(() -> io.synapse.runs.Run.update("errorCode = 'provider_error' where id = ?1", ids.get(1)));
        Db.run(() -> io.synapse.runs.Run.update("createdAt = ?1 where id = ?2", java.time.Instant.now().minus(java.time.Duration.ofDays(40)), ids.get(2)));
        Db.run(() -> io.synapse.runs.Run.delete("id", ids.get(3)));
        assertEquals(rows(FROM_RUNS, user.id()), rows(DAILY, user.id()));
        // two runs left with figures, both made with the key, on two days: the user's and the key's rows of each day
        assertEquals(4, rows(DAILY, user.id()).size(), rows(DAILY, user.id()).toString());
        // the key goes (its runs keep counting for the user, no longer for the key)
        Db.run(() -> io.synapse.identity.ApiKey.delete("id", key));
        assertEquals(rows(FROM_RUNS, user.id()), rows(DAILY, user.id()));
        // and the user: their runs go, and so do the sums, with no empty rows left behind
        Api.asAdmin().delete("/api/users/{id}", user.id()).then().statusCode(204);
        assertEquals(0L, (long) Db.tx(() -> ((Number) io.synapse.runs.Run.getEntityManager()
                .createNativeQuery("SELECT count(*) FROM run_spend_daily WHERE owner_id IN (?1, ?2)").setParameter(1, user.id()).setParameter(2, key)
                .getSingleResult()).longValue()));
    }
}
