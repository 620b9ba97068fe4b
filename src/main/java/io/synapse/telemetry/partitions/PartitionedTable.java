package io.synapse.telemetry.partitions;

import io.synapse.telemetry.settings.SettingCatalog;

/** The tables partitioned by day, their time column and the setting that says how long they are kept. */
public enum PartitionedTable {
    WORKLOAD_EVENTS("workload_events", SettingCatalog.RETENTION_WORKLOAD_EVENTS),
    EVENTS("events", SettingCatalog.RETENTION_EVENTS),
    PERFORMANCE_METRICS("performance_metrics", SettingCatalog.RETENTION_PERFORMANCE_METRICS);

    public final String table;
    public final String retentionSetting;

    PartitionedTable(String table, String retentionSetting) {
        this.table = table;
        this.retentionSetting = retentionSetting;
    }
}
