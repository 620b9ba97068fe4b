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
