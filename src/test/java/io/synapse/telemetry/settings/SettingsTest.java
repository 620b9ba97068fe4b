package io.synapse.telemetry.settings;

import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.redis.datasource.RedisDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.synapse.support.Api;
import io.synapse.support.Db;
import io.synapse.telemetry.AuditLog;

@QuarkusTest
class SettingsTest {

    @Inject
    Settings settings;

    @Inject
    RedisDataSource redis;

    private static void exec(String sql) {
        Db.run(() -> SystemConfigEntry.getEntityManager().createNativeQuery(sql).executeUpdate());
    }

    @Test
    void adminsReadChangeAndResetSettingsWithAnAuditTrail() {
        Api.asAdmin().get("/api/admin/config").then().statusCode(200)
                .body("items.key", hasItems("retention.workload_events", "retention.audit_logs", "auth.principal_rate_limit", "telemetry.request_timings"))
                .body("next_cursor", nullValue());
        Api.asAdmin().get("/api/admin/config/retention.audit_logs").then().statusCode(200).body("value", nullValue())
                .body("default_value", nullValue()).body("type", equalTo("duration")).body("nullable", equalTo(true)).body("source", equalTo("default"));
        Api.asAdmin().get("/api/admin/config/retention.workload_events").then().statusCode(200).body("value", equalTo("P90D"));
        try {
            Api.json(Api.asAdmin()).body(Map.of("value", "P400D")).put("/api/admin/config/retention.audit_logs").then().statusCode(200)
                    .body("value", equalTo("P400D")).body("source", equalTo("stored")).body("updated_by", notNullValue());
            assertEquals(Duration.ofDays(400), settings.duration(SettingCatalog.RETENTION_AUDIT_LOGS).orElseThrow());
            AuditLog entry = Db.tx(() -> AuditLog.<AuditLog>find("action = ?1 AND resourceId = ?2 ORDER BY id DESC", "config.update",
                    "retention.audit_logs").firstResult());
            assertEquals("P400D", entry.newValues.get("value"));
            assertEquals("(default)", entry.oldValues.get("value"));
            Api.json(Api.asAdmin()).body("{\"value\": null}").put("/api/admin/config/retention.audit_logs").then().statusCode(200)
                    .body("value", nullValue()).body("source", equalTo("stored"));
        } finally {
            Api.asAdmin().delete("/api/admin/config/retention.audit_logs").then().statusCode(200).body("source", equalTo("default"));
        }
        assertTrue(settings.duration(SettingCatalog.RETENTION_AUDIT_LOGS).isEmpty());
        assertTrue(Db.tx(() -> AuditLog.count("action = ?1 AND resourceId = ?2", "config.reset", "retention.audit_logs")) >= 1);
    }

    @Test
    void badValuesAreRefusedAndNothingChanges() {
        String path = "/api/admin/config/retention.workload_events";
        for (String body : new String[] { "{\"value\": 90}", "{\"value\": \"90 days\"}", "{\"value\": \"PT1H\"}", "{\"value\": \"P100000D\"}", "{}",
                "{\"value\": \"P9D\", \"extra\": 1}" }) {
            assertProblem(Api.json(Api.asAdmin()).body(body).put(path), 400);
        }
        assertProblem(Api.json(Api.asAdmin()).body("{\"value\": null}").put("/api/admin/config/auth.principal_rate_limit"), 400)
                .body("errors[0].message", containsString("may not be null"));
        for (String body : new String[] { "{\"value\": \"5\"}", "{\"value\": 1.5}", "{\"value\": 0}", "{\"value\": 1e30}", "{\"value\": true}" }) {
            assertProblem(Api.json(Api.asAdmin()).body(body).put("/api/admin/config/auth.principal_rate_limit"), 400);
        }
        assertProblem(Api.json(Api.asAdmin()).body("{\"value\": 1}").put("/api/admin/config/telemetry.request_timings"), 400);
        assertProblem(Api.json(Api.asAdmin()).body("{\"value\": ").put(path), 400);
        assertProblem(Api.asAdmin().body("{\"value\": \"P9D\"}").put(path), 415);
        assertProblem(Api.json(Api.asAdmin()).body("{\"value\": \"P9D\"}").put("/api/admin/config/no.such.setting"), 404);
        assertProblem(Api.asAdmin().get("/api/admin/config/no.such.setting"), 404);
        Api.asAdmin().get(path).then().body("value", equalTo("P90D")).body("source", equalTo("default"));
        assertEquals(0, Db.tx(() -> SystemConfigEntry.count()));
    }

    @Test
    void onlyAdminsMayReadOrChangeSettings() {
        for (String role : new String[] { "viewer", "rep", "manager" }) {
            Api.Login user = Api.user(role);
            assertProblem(user.as().get("/api/admin/config"), 403);
            assertProblem(Api.json(user.as()).body(Map.of("value", "P1D")).put("/api/admin/config/retention.workload_events"), 403);
            assertProblem(user.as().delete("/api/admin/config/retention.workload_events"), 403);
        }
        assertEquals(0, Db.tx(() -> SystemConfigEntry.count()));
    }

    @Test
    void aChangeMadeElsewhereArrivesByRedisAndWithoutItByTheRefresh() {
        try {
            // Another replica stores a value and announces it: this one reloads on the message.
            exec("INSERT INTO system_config (config_key, config_value, updated_at) VALUES ('telemetry.request_timings', 'false', now())");
            redis.pubsub(String.class).publish(Settings.CHANNEL, SettingCatalog.REQUEST_TIMINGS);
            Db.eventually(() -> !settings.enabled(SettingCatalog.REQUEST_TIMINGS), 5);
            // A change whose message was lost: the periodic signature check finds it.
            exec("UPDATE system_config SET config_value = 'true', updated_at = now() WHERE config_key = 'telemetry.request_timings'");
            assertFalse(settings.enabled(SettingCatalog.REQUEST_TIMINGS));
            settings.refreshIfChanged();
            assertTrue(settings.enabled(SettingCatalog.REQUEST_TIMINGS));
        } finally {
            exec("DELETE FROM system_config WHERE config_key = 'telemetry.request_timings'");
            settings.reload();
        }
    }

    @Test
    void aLowerRequestLimitTakesEffectWithoutARestart() {
        Api.Login viewer = Api.user("viewer");
        try {
            Api.json(Api.asAdmin()).body(Map.of("value", 3)).put("/api/admin/config/auth.principal_rate_limit").then().statusCode(200);
            for (int i = 0; i < 3; i++) {
                viewer.as().get("/api/me").then().statusCode(200);
            }
            assertProblem(viewer.as().get("/api/me"), 429).header("Retry-After", notNullValue());
        } finally {
            // The admin has spent its three requests too: reset the way another replica would.
            exec("DELETE FROM system_config WHERE config_key = 'auth.principal_rate_limit'");
            settings.reload();
        }
        int configured = Api.asAdmin().get("/api/admin/config/auth.principal_rate_limit").then().statusCode(200).extract().path("default_value");
        Api.asAdmin().get("/api/admin/config/auth.principal_rate_limit").then().body("value", equalTo(configured)).body("source", equalTo("default"));
    }

}
