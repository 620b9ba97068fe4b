package io.synapse.common.web;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.UUID;
import java.util.function.Function;

import io.synapse.common.error.ProblemException;
import io.synapse.common.input.TimeBounds;

/** Parses optional filter parameters so that a malformed one answers 400 naming the field. */
public final class QueryParams {

    private QueryParams() {
    }

    public static UUID uuid(String name, String value) {
        return parse(name, value, UUID::fromString, "must be a UUID");
    }

    public static Instant instant(String name, String value) {
        Instant instant = parse(name, value, Instant::parse, "must be an ISO-8601 UTC time such as 2026-01-31T00:00:00Z");
        if (instant != null && !TimeBounds.holds(instant)) {
            throw ProblemException.invalidField(name, TimeBounds.OUT_OF_RANGE);
        }
        return instant;
    }

    public static Boolean bool(String name, String value) {
        return parse(name, value, v -> switch (v) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException();
        }, "must be true or false");
    }

    /**
     * A case-insensitive "contains" pattern for {@code lower(column) like :q escape '\\'}: the
     * caller's % and _ are matched literally.
     */
    public static String containsPattern(String q) {
        String escaped = q.trim().toLowerCase(Locale.ROOT).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_");
        return "%" + escaped + "%";
    }

    public static <T> T parse(String name, String value, Function<String, T> parser, String message) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parser.apply(value.trim());
        } catch (IllegalArgumentException | DateTimeParseException e) {
            throw ProblemException.invalidField(name, message);
        }
    }
}
