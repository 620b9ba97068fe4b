package io.synapse.business;

import static org.hamcrest.Matchers.equalTo;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.synapse.support.Api;

/** With Redis unreachable, analytics are computed directly: never cached, never an error. */
@QuarkusTest
@TestProfile(AnalyticsWithoutRedisTest.NoRedis.class)
class AnalyticsWithoutRedisTest {

    public static class NoRedis implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.redis.hosts", "redis://127.0.0.1:1", "quarkus.redis.health.enabled", "false", "quarkus.redis.timeout", "1s");
        }
    }

    @Test
    void analyticsAreComputedDirectly() {
        Api.Login manager = Api.user("manager");
        Csv.upload(manager, "faturamento", Csv.FATURAMENTO_HEADER + "\n" + Csv.sale("2041-01-01", "9500001", "SP", "3") + "\n", null)
                .then().statusCode(201);
        for (int i = 0; i < 2; i++) {
            manager.as().get("/api/analytics/business/sales-by-uf?from=2041-01-01&to=2041-02-01").then().statusCode(200)
                    .body("cached", equalTo(false)).body("rows[0].uf", equalTo("SP")).body("rows[0].tons", equalTo(3.0f));
        }
    }
}
