package io.synapse.telemetry;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.synapse.support.Db;
import io.synapse.telemetry.settings.SystemConfigEntry;

/** Test helpers for telemetry: events as the API takes them, and plain SQL over the raw tables. */
final class Telemetry {

    private Telemetry() {
    }

    static Map<String, Object> event(String workloadType, Instant at, String model, String status, Integer latency, Integer prompt,
            Integer completion, String cost) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("event_id", UUID.randomUUID().toString());
        e.put("timestamp", at.toString());
        e.put("workload_id", "wl-" + UUID.randomUUID().toString().substring(0, 6));
        e.put("workload_type", workloadType);
        e.put("event_type", "completion");
        if (model != null) {
            e.put("model", model);
        }
        e.put("status", status);
        if (latency != null) {
            e.put("latency_ms", latency);
        }
        if (prompt != null) {
            e.put("prompt_tokens", prompt);
        }
        if (completion != null) {
            e.put("completion_tokens", completion);
        }
        if (cost != null) {
            e.put("cost", new BigDecimal(cost));
        }
        return e;
    }

    static Response post(RequestSpecification as, List<?> events) {
        return as.contentType(ContentType.JSON).body(events).log().ifValidationFails().post("/api/telemetry/workload-events").then().log().ifValidationFails().extract().response();
    }

    static Object sql(String sql, Object... params) {
        return Db.tx(() -> {
            var query = SystemConfigEntry.getEntityManager().createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            return query.getSingleResult();
        });
    }

    static long count(String sql, Object... params) {
        return ((Number) sql(sql, params)).longValue();
    }

    static void exec(String sql, Object... params) {
        Db.run(() -> {
            var query = SystemConfigEntry.getEntityManager().createNativeQuery(sql);
            for (int i = 0; i < params.length; i++) {
                query.setParameter(i + 1, params[i]);
            }
            query.executeUpdate();
        });
    }
}
