package io.synapse.telemetry.ingest;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

import io.synapse.common.error.FieldError;

/** Collects the errors of one item of a batch, fields named under its index ("[3].model"). */
final class FieldChecks {

    private final String prefix;
    private final BatchReader.Batch<?> batch;
    private boolean failed;

    FieldChecks(int index, BatchReader.Batch<?> batch) {
        this.prefix = "[" + index + "].";
        this.batch = batch;
    }

    boolean failed() {
        return failed;
    }

    void fail(String field, String message) {
        failed = true;
        batch.add(new FieldError(prefix + field, message));
    }

    /** The client's id of an event: what makes a retry recognisable. */
    void clientId(String field, java.util.UUID id) {
        if (id == null) {
            fail(field, "is required (a UUID the client chooses, so that a retry is stored once)");
        }
    }

    /**
     * The event's time inside the window, cut to the microsecond: PostgreSQL keeps microseconds and
     * would round the rest, maybe into the next hour or day.
     */
    java.time.Instant timestamp(IngestWindow window, java.time.Instant value) {
        java.time.Instant time = value == null ? null : value.truncatedTo(java.time.temporal.ChronoUnit.MICROS);
        window.check(this, "timestamp", time);
        return time;
    }

    /** Whose event it is: the caller's unless a manager names another user (who must exist: checked for the batch). */
    java.util.UUID attributedUser(java.util.UUID requested, java.util.UUID owner, boolean mayAttribute) {
        if (requested == null) {
            return owner;
        }
        if (!mayAttribute && !requested.equals(owner)) {
            fail("user_id", "may only be your own id (managers and services with the manager role may attribute events to others)");
        }
        return requested;
    }

    /** Required text: present, not blank, at most max characters. */
    String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            fail(field, "is required");
            return null;
        }
        return optional(field, value, max);
    }

    String optional(String field, String value, int max) {
        if (value != null && value.length() > max) {
            fail(field, "must be at most " + max + " characters");
        }
        return value == null || value.isBlank() ? null : value;
    }

    /** A count or duration that fits PostgreSQL's integer. */
    Integer count(String field, Long value) {
        if (value == null) {
            return null;
        }
        if (value < 0 || value > Integer.MAX_VALUE) {
            fail(field, "must be between 0 and " + Integer.MAX_VALUE);
            return null;
        }
        return value.intValue();
    }

    /** A money amount that fits numeric(18,8) exactly: nothing is rounded away. */
    BigDecimal money(String field, BigDecimal value) {
        if (value == null) {
            return null;
        }
        BigDecimal exact = value.stripTrailingZeros();
        if (value.signum() < 0 || exact.precision() - exact.scale() > 10) {
            fail(field, "must be between 0 and 9999999999.99999999");
            return null;
        }
        if (exact.scale() > 8) {
            fail(field, "may have at most 8 decimal places");
            return null;
        }
        return value;
    }

    boolean finite(String field, Double value) {
        if (value != null && !Double.isFinite(value)) {
            fail(field, "must be a finite number");
            return false;
        }
        return true;
    }

    boolean size(String field, List<?> values, int max) {
        if (values != null && values.size() > max) {
            fail(field, "may hold at most " + max + " entries");
            return false;
        }
        return true;
    }

    boolean size(String field, Map<?, ?> values, int max) {
        if (values != null && values.size() > max) {
            fail(field, "may hold at most " + max + " entries");
            return false;
        }
        return true;
    }
}
