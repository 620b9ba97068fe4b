package io.synapse.budgets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.synapse.support.Api;
import io.synapse.support.Db;
import io.synapse.telemetry.AuditLog;

/** The default profile configures no prices: a cost limit is accepted, and the audit row says it binds nothing yet. */
@QuarkusTest
class UnpricedCostLimitTest {

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
}
