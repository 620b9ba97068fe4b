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
}
