package io.synapse.telemetry.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

import io.synapse.telemetry.settings.SettingKind;

/** The times an event of one table may carry in this request: not older than the lateness window or the table's retention, not in the future. */
record IngestWindow(Instant oldest, Instant newest, String tooOld) {

    static IngestWindow of(Instant now, Duration lateness, Optional<Duration> retention, Duration skew) {
        Duration allowed = retention.filter(r -> r.compareTo(lateness) < 0).orElse(lateness);
        String why = allowed.equals(lateness) ? "is older than the lateness window (" + SettingKind.format(lateness) + ")"
                : "is older than this table's retention period (" + SettingKind.format(allowed) + ")";
        return new IngestWindow(now.minus(allowed), now.plus(skew), why);
    }

    void check(FieldChecks checks, String field, Instant time) {
        if (time == null) {
            checks.fail(field, "is required");
        } else if (time.isBefore(oldest)) {
            checks.fail(field, tooOld);
        } else if (time.isAfter(newest)) {
            checks.fail(field, "is in the future (more than the allowed clock skew ahead of the server)");
        }
    }
}
