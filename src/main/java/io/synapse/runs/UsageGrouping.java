package io.synapse.runs;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** How GET /api/analytics/usage groups runs; each value carries its SQL key and label expressions. */
public enum UsageGrouping {
    DAY("to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')", "to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')"),
    MODEL("coalesce(r.model, '')", "coalesce(r.model, '(none)')"),
    USER("r.user_id::text", "u.email");

    final String keySql;
    final String labelSql;

    UsageGrouping(String keySql, String labelSql) {
        this.keySql = keySql;
        this.labelSql = labelSql;
    }

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static UsageGrouping parse(String value) {
        for (UsageGrouping candidate : values()) {
            if (candidate.value().equals(value)) {
                return candidate;
            }
        }
        throw new IllegalArgumentException("must be one of " + Arrays.stream(values()).map(UsageGrouping::value).toList());
    }
}
