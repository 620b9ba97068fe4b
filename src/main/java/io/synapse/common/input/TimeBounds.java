package io.synapse.common.input;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * The instants and dates a client may send. Java parses years up to ±999,999,999 and PostgreSQL
 * stores 4713 BC to 294276 AD; neither range means anything for this product, and a value past
 * PostgreSQL's failed there with a 500. Years 0001 to 9999 are accepted everywhere: query
 * parameters, JSON fields and CSV cells.
 */
public final class TimeBounds {

    public static final LocalDate MIN_DATE = LocalDate.of(1, 1, 1);
    public static final LocalDate MAX_DATE = LocalDate.of(9999, 12, 31);
    public static final Instant MIN = MIN_DATE.atStartOfDay().toInstant(ZoneOffset.UTC);
    public static final Instant MAX = MAX_DATE.plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC).minusNanos(1000);
    public static final String OUT_OF_RANGE = "must be between 0001-01-01 and 9999-12-31";

    private TimeBounds() {
    }

    public static boolean holds(Instant value) {
        return !value.isBefore(MIN) && !value.isAfter(MAX);
    }

    public static boolean holds(LocalDate value) {
        return !value.isBefore(MIN_DATE) && !value.isAfter(MAX_DATE);
    }

    public static boolean holds(LocalDateTime value) {
        return holds(value.toLocalDate());
    }
}
