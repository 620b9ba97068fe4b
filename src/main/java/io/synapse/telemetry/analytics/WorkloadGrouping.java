package io.synapse.telemetry.analytics;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** How GET /api/analytics/workloads groups; keySql reads the columns both sources share (t is the UTC hour). */
public enum WorkloadGrouping {
    HOUR("to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:00:00\"Z\"')"),
    DAY("to_char(t AT TIME ZONE 'UTC', 'YYYY-MM-DD')"),
    MODEL("coalesce(model, '')"),
    WORKLOAD_TYPE("workload_type"),
    USER("coalesce(user_id::text, '')");

    final String keySql;

    WorkloadGrouping(String keySql) {
        this.keySql = keySql;
    }

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static WorkloadGrouping parse(String value) {
        for (WorkloadGrouping candidate : values()) {
            if (candidate.value().equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.stream(values()).map(WorkloadGrouping::value).toList());
    }
}
