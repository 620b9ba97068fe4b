package io.synapse.common.web;

/** One CSV cell (RFC 4180), safe to open in a spreadsheet. */
public final class CsvCell {

    private CsvCell() {
    }

    public static String of(String value) {
        boolean quote = value.contains(",") || value.contains("\"") || value.contains("\n") || value.contains("\r");
        // A leading = + - @ would run as a formula in a spreadsheet.
        String safe = !value.isEmpty() && "=+-@".indexOf(value.charAt(0)) >= 0 && !value.matches("-?[0-9.]+") ? "'" + value : value;
        return quote ? '"' + safe.replace("\"", "\"\"") + '"' : safe;
    }
}
