package io.synapse.telemetry;

import java.time.Duration;
import java.util.Optional;

import io.quarkus.runtime.configuration.MemorySize;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * synapse.telemetry.*: ingestion, rollups, partitions and the defaults of the retention settings
 * (README: Telemetry). Retention periods and the request-timing switch can also be changed at run
 * time through /api/admin/config; these values are what an unset setting falls back to.
 */
@ConfigMapping(prefix = "synapse.telemetry")
public interface TelemetryConfig {

    /** Where workload events live and are analysed: postgres (default) or clickhouse. */
    @WithDefault("postgres")
    Store store();

    ClickHouse clickhouse();

    Ingest ingest();

    Rollup rollup();

    Partitions partitions();

    Retention retention();

    RequestTimings requestTimings();

    /** How often each replica checks system_config for changes it was not told about (Redis pub/sub tells it at once). */
    @WithDefault("15s")
    Duration settingsRefreshEvery();

    enum Store {
        POSTGRES, CLICKHOUSE
    }

    /** ClickHouse over its HTTP interface (synapse.telemetry.store=clickhouse). */
    interface ClickHouse {
        @WithDefault("http://127.0.0.1:8123")
        String url();

        @WithDefault("synapse")
        String database();

        @WithDefault("default")
        String user();

        Optional<String> password();

        /** Longest wait for one ClickHouse request. */
        @WithDefault("30s")
        Duration timeout();
    }

    interface Ingest {
        /** Events per request to POST /api/telemetry/*. */
        @WithDefault("10000")
        int maxBatch();

        /** The largest ingest body (10,000 events of about 1 KB). */
        @WithDefault("16M")
        MemorySize maxBodySize();

        /**
         * The lateness window: how old an event may be when it arrives (never older than its table's
         * retention). Rollups of the hours it falls in are computed again, so late events are counted.
         */
        @WithDefault("P7D")
        Duration maxLateness();

        /** How far ahead of this server's clock an event may be dated. */
        @WithDefault("PT5M")
        Duration maxClockSkew();
    }

    interface Rollup {
        /** How often each replica looks for hours and days to roll up (each bucket is claimed by one replica). */
        @WithDefault("30s")
        Duration every();
    }

    interface Partitions {
        /** Daily partitions kept ready ahead of today. */
        @WithDefault("3")
        int daysAhead();

        /** How often partitions are created ahead and expired ones dropped. */
        @WithDefault("1h")
        Duration maintainEvery();
    }

    /** Defaults of the retention settings (0 or absent: kept forever). */
    interface Retention {
        @WithDefault("P90D")
        Duration workloadEvents();

        @WithDefault("P90D")
        Duration events();

        @WithDefault("P30D")
        Duration performanceMetrics();

        @WithDefault("P365D")
        Duration workloadMetricsHourly();

        @WithDefault("P180D")
        Duration userActivity();

        /** Off unless set: the audit trail is kept until someone decides otherwise. */
        Optional<Duration> auditLogs();

        Optional<Duration> runs();
    }

    interface RequestTimings {
        /** Default of the telemetry.request_timings setting. */
        @WithDefault("true")
        boolean enabled();

        /** Timings are aggregated in memory and written once per interval: a crash loses at most this much. */
        @WithDefault("10s")
        Duration flushEvery();
    }
}
