package io.synapse.runs;

import java.util.Arrays;
import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonValue;

/** How GET /api/analytics/usage groups runs; each value carries its SQL key and label expressions. */
public enum UsageGrouping {
    DAY("to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')", "to_char(r.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')", ""),
    MODEL("coalesce(r.model, '')", "coalesce(r.model, '(none)')", ""),
    USER("r.user_id::text", "u.email", "JOIN users u ON u.id = r.user_id"),
    /**
     * Which integration spends what: runs started with an API key, by key; the rest as one group with
     * an empty key. Key names are shown for the caller's own keys, and all of them to admins (as the
     * key list is); a manager sees other users' keys by id.
     */
    API_KEY("coalesce(r.api_key_id::text, '')", """
            CASE WHEN r.api_key_id IS NULL THEN '(no API key)'
                 WHEN cast(:all_key_names as boolean) OR k.user_id = cast(:caller as uuid) THEN k.name || ' (' || k.key_prefix || ')'
                 ELSE 'API key ' || left(r.api_key_id::text, 8) END""", "LEFT JOIN api_keys k ON k.id = r.api_key_id");

    final String keySql;
    final String labelSql;
    final String joinSql;

    UsageGrouping(String keySql, String labelSql, String joinSql) {
        this.keySql = keySql;
        this.labelSql = labelSql;
        this.joinSql = joinSql;
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
