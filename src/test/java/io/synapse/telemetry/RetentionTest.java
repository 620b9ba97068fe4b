package io.synapse.telemetry;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.synapse.support.Api;
import io.synapse.support.Db;
import io.synapse.telemetry.partitions.PartitionedTable;
import io.synapse.telemetry.partitions.Partitions;
import io.synapse.telemetry.partitions.RowRetention;

@QuarkusTest
class RetentionTest {

    @Inject
    Partitions partitions;

    @Inject
    RowRetention rows;

    @Inject
    AgroalDataSource dataSource;

    private List<String> partitionsOf(PartitionedTable table) throws Exception {
        try (Connection c = dataSource.getConnection()) {
            return partitions.partitionsOf(c, table);
        }
    }

    private static String name(PartitionedTable table, LocalDate day) {
        return table.table + "_p" + day.toString().replace("-", "");
    }

    @Test
    void onlyPartitionsWhollyOlderThanTheRetentionAreDropped() throws Exception {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        LocalDate expired = today.minusDays(95);
        LocalDate edge = today.minusDays(90);
        LocalDate kept = today.minusDays(89);
        partitions.ensure(PartitionedTable.WORKLOAD_EVENTS, List.of(expired, edge, kept));
        String type = "retention-" + UUID.randomUUID().toString().substring(0, 8);
        for (LocalDate day : List.of(expired, edge, kept, today)) {
            Telemetry.exec("""
                    INSERT INTO workload_events (event_id, occurred_at, workload_id, workload_type, event_type, status)
                    VALUES (gen_random_uuid(), cast(?1 as date) + time '12:00' AT TIME ZONE 'UTC', 'w', ?2, 'e', 'ok')""", day.toString(), type);
        }
        List<String> dropped = partitions.dropExpired(PartitionedTable.WORKLOAD_EVENTS);

        assertTrue(dropped.contains(name(PartitionedTable.WORKLOAD_EVENTS, expired)), dropped.toString());
        assertFalse(dropped.contains(name(PartitionedTable.WORKLOAD_EVENTS, kept)), dropped.toString());
        assertFalse(dropped.contains(name(PartitionedTable.WORKLOAD_EVENTS, today)), dropped.toString());
        // The day 90 days back still holds rows younger than the cutoff: it stays until tomorrow.
        assertFalse(dropped.contains(name(PartitionedTable.WORKLOAD_EVENTS, edge)), dropped.toString());
        List<String> remaining = partitionsOf(PartitionedTable.WORKLOAD_EVENTS);
        assertFalse(remaining.contains(name(PartitionedTable.WORKLOAD_EVENTS, expired)));
        assertTrue(remaining.contains(name(PartitionedTable.WORKLOAD_EVENTS, kept)));
        assertEquals(3, Telemetry.count("SELECT count(*) FROM workload_events WHERE workload_type = ?1", type));
        assertTrue(Db.tx(() -> AuditLog.count("action = ?1 AND resourceId = ?2", "telemetry.retention", "workload_events")) >= 1);
    }

    @Test
    void auditLogsAreKeptForeverUnlessARetentionIsSetAndRollupsExpireByAge() {
        long oldAudit = ((Number) Telemetry.sql("""
                INSERT INTO audit_logs (action, resource_type, success, created_at, metadata)
                VALUES ('test.ancient', 'test', true, now() - interval '400 days', '{}') RETURNING id""")).longValue();
        Telemetry.exec("""
                INSERT INTO workload_metrics_hourly (bucket, workload_type, event_count, error_count, prompt_tokens, completion_tokens,
                    total_tokens, cost, latency_count, latency_sum_ms, latency_buckets, latency_counts)
                VALUES (date_trunc('hour', now()) - interval '400 days', 'retention-rollup', 1, 0, 0, 0, 0, 0, 0, 0, '{}', '{}')""");
        Map<String, Long> deleted = rows.purge();
        assertTrue(deleted.getOrDefault("workload_metrics_hourly", 0L) >= 1, deleted.toString());
        assertEquals(0, Telemetry.count("SELECT count(*) FROM workload_metrics_hourly WHERE workload_type = 'retention-rollup'"));
        assertEquals(1, Telemetry.count("SELECT count(*) FROM audit_logs WHERE id = ?1", oldAudit), "audit retention is off by default");

        try {
            Api.json(Api.asAdmin()).body(Map.of("value", "P365D")).put("/api/admin/config/retention.audit_logs").then().statusCode(200)
                    .body("value", equalTo("P365D"));
            long recent = Telemetry.count("SELECT count(*) FROM audit_logs WHERE created_at > now() - interval '1 day'");
            rows.purge();
            assertEquals(0, Telemetry.count("SELECT count(*) FROM audit_logs WHERE id = ?1", oldAudit));
            assertTrue(Telemetry.count("SELECT count(*) FROM audit_logs WHERE created_at > now() - interval '1 day'") >= recent);
            assertTrue(Db.tx(() -> AuditLog.count("action = ?1 AND resourceId = ?2", "telemetry.retention", "audit_logs")) >= 1);
        } finally {
            Api.asAdmin().delete("/api/admin/config/retention.audit_logs").then().statusCode(200);
        }
    }
}
