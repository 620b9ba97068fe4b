package io.synapse.business.imports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;

import io.synapse.common.input.StorableText;
import io.synapse.common.input.TimeBounds;

/**
 * How a CSV cell is read. Each parser returns the value as PostgreSQL's COPY reads it, or throws
 * {@link IllegalArgumentException} with the reason a person can act on.
 */
enum ColumnType {
    /** 2025-08-04, 2025-08-04 13:45[:00], 2025-08-04T13:45:00 or 04/08/2025 (day first, as Brazilian exports write it). */
    DATE {
        @Override
        String normalise(String value, int maxLength) {
            LocalDateTime parsed;
            try {
                if (value.length() == 10 && value.charAt(2) == '/') {
                    parsed = LocalDate.parse(value, DAY_FIRST).atStartOfDay();
                } else if (value.length() == 10) {
                    parsed = LocalDate.parse(value).atStartOfDay();
                } else {
                    parsed = LocalDateTime.parse(value.replace(' ', 'T'));
                }
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + abbreviate(value) + "' is not a date (expected YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or DD/MM/YYYY)");
            }
            if (!TimeBounds.holds(parsed)) {
                throw new IllegalArgumentException("'" + abbreviate(value) + "' " + TimeBounds.OUT_OF_RANGE);
            }
            return parsed.toString();
        }
    },
    /** A client code: 1 or more (the API's filters and paths take codes from 1). */
    CODE {
        @Override
        String normalise(String value, int maxLength) {
            return Integer.toString(atLeast(value, 1, "is not a client code (1 or more)"));
        }
    },
    /** A count (days in stock): 0 or more. */
    INTEGER {
        @Override
        String normalise(String value, int maxLength) {
            return Integer.toString(atLeast(value, 0, "must not be negative"));
        }
    },
    /** A quantity (tons, turnover): 12.5 or 12,5 (decimal comma), 0 or more; no thousands separators, which would be ambiguous. */
    DECIMAL {
        @Override
        String normalise(String value, int maxLength) {
            String candidate = value.indexOf(',') >= 0 && value.indexOf('.') < 0 ? value.replace(',', '.') : value;
            try {
                BigDecimal number = new BigDecimal(candidate);
                if (number.precision() - number.scale() > 15 || number.scale() > 10) {
                    throw new IllegalArgumentException("'" + abbreviate(value) + "' is out of range");
                }
                if (number.signum() < 0) {
                    throw new IllegalArgumentException("'" + abbreviate(value) + "' must not be negative");
                }
                return number.toPlainString();
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + abbreviate(value) + "' is not a number");
            }
        }
    },
    TEXT {
        @Override
        String normalise(String value, int maxLength) {
            String refusal = StorableText.refusal(value);
            if (refusal != null) {
                throw new IllegalArgumentException(refusal);
            }
            // Characters as a person counts them (and as PostgreSQL's varchar(n) does): code points, not UTF-16 units.
            int length = value.codePointCount(0, value.length());
            if (length > maxLength) {
                throw new IllegalArgumentException("is " + length + " characters long; at most " + maxLength + " allowed");
            }
            return value;
        }
    };

    /** STRICT: 30/02/2025 is an error, not the 28th (the default SMART resolver moves it to the month's last day). */
    private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("dd/MM/uuuu").withResolverStyle(ResolverStyle.STRICT);

    abstract String normalise(String value, int maxLength);

    private static int atLeast(String value, int min, String refusal) {
        int number;
        try {
            number = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + abbreviate(value) + "' is not a whole number");
        }
        if (number < min) {
            throw new IllegalArgumentException("'" + abbreviate(value) + "' " + refusal);
        }
        return number;
    }

    static String abbreviate(String value) {
        // Cut between code points: half a surrogate pair would be stored as '?'.
        return value.codePointCount(0, value.length()) <= 40 ? value : value.substring(0, value.offsetByCodePoints(0, 40)) + "...";
    }
}
