package io.synapse.business.imports;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;

/**
 * How a CSV cell is read. Each parser returns the value as PostgreSQL's COPY reads it, or throws
 * {@link IllegalArgumentException} with the reason a person can act on.
 */
enum ColumnType {
    /** 2025-08-04, 2025-08-04 13:45[:00], 2025-08-04T13:45:00 or 04/08/2025 (day first, as Brazilian exports write it). */
    DATE {
        @Override
        String normalise(String value, int maxLength) {
            try {
                if (value.length() == 10 && value.charAt(2) == '/') {
                    return LocalDate.parse(value, DAY_FIRST).atStartOfDay().toString();
                }
                if (value.length() == 10) {
                    return LocalDate.parse(value).atStartOfDay().toString();
                }
                return LocalDateTime.parse(value.replace(' ', 'T')).toString();
            } catch (DateTimeParseException e) {
                throw new IllegalArgumentException("'" + abbreviate(value) + "' is not a date (expected YYYY-MM-DD, YYYY-MM-DD HH:MM:SS or DD/MM/YYYY)");
            }
        }
    },
    INTEGER {
        @Override
        String normalise(String value, int maxLength) {
            try {
                return Integer.toString(Integer.parseInt(value));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + abbreviate(value) + "' is not a whole number");
            }
        }
    },
    /** 12.5 or 12,5 (decimal comma); no thousands separators, which would be ambiguous. */
    DECIMAL {
        @Override
        String normalise(String value, int maxLength) {
            String candidate = value.indexOf(',') >= 0 && value.indexOf('.') < 0 ? value.replace(',', '.') : value;
            try {
                BigDecimal number = new BigDecimal(candidate);
                if (number.precision() - number.scale() > 15 || number.scale() > 10) {
                    throw new IllegalArgumentException("'" + abbreviate(value) + "' is out of range");
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
            if (value.length() > maxLength) {
                throw new IllegalArgumentException("is " + value.length() + " characters long; at most " + maxLength + " allowed");
            }
            return value;
        }
    };

    private static final DateTimeFormatter DAY_FIRST = DateTimeFormatter.ofPattern("dd/MM/uuuu");

    abstract String normalise(String value, int maxLength);

    static String abbreviate(String value) {
        return value.length() <= 40 ? value : value.substring(0, 40) + "...";
    }
}
