package io.synapse.business.imports;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the seed's pipe-delimited CSV one record at a time, as real exports write it: an
 * optional UTF-8 BOM, LF or CRLF line ends, fields in double quotes (which may hold pipes,
 * doubled quotes and line breaks) and blank lines, which are skipped. Never holds more than one
 * record in memory.
 */
final class PipeCsvReader {

    static final char DELIMITER = '|';
    /** What the decoder puts in place of bytes that are not UTF-8 (a noncharacter, never in real text). */
    static final char NOT_UTF8 = '\uFFFF';
    private static final int MAX_FIELD = 10_000;

    /** A record and the line it starts on (1-based, as an editor shows it). */
    record Row(int line, List<String> fields) {
    }

    private final Reader in;
    private int line = 1;
    private int pushedBack = -2;
    private boolean first = true;

    PipeCsvReader(Reader in) {
        this.in = in;
    }

    /** The next non-blank record, or null at the end of the input. */
    Row next() throws IOException {
        while (true) {
            int c = read();
            if (first) {
                first = false;
                if (c == '\uFEFF') {
                    c = read();
                }
            }
            if (c == -1) {
                return null;
            }
            if (c == '\n') {
                line++;
                continue;
            }
            if (c == '\r') {
                continue;
            }
            unread(c);
            return record();
        }
    }

    private Row record() throws IOException {
        int start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean wasQuoted = false;
        while (true) {
            int c = read();
            if (quoted) {
                if (c == -1) {
                    throw new CsvFormatException(start, "a quoted field is not closed before the end of the file");
                }
                if (c == '"') {
                    int next = read();
                    if (next == '"') {
                        append(field, '"', start);
                    } else {
                        quoted = false;
                        unread(next);
                    }
                } else {
                    if (c == '\n') {
                        line++;
                    }
                    append(field, (char) c, start);
                }
                continue;
            }
            if (c == '"' && field.isEmpty() && !wasQuoted) {
                quoted = true;
                wasQuoted = true;
            } else if (c == DELIMITER) {
                fields.add(wasQuoted ? field.toString() : field.toString().trim());
                field.setLength(0);
                wasQuoted = false;
            } else if (c == '\r' && peekLineEnd()) {
                // CRLF after a closing quote: the \r ends the line, it is not part of the value.
                continue;
            } else if (c == '\n' || c == -1) {
                fields.add(wasQuoted ? field.toString() : stripCr(field).trim());
                if (c == '\n') {
                    line++;
                }
                return new Row(start, fields);
            } else {
                append(field, (char) c, start);
            }
        }
    }

    private static String stripCr(StringBuilder field) {
        int end = field.length();
        while (end > 0 && field.charAt(end - 1) == '\r') {
            end--;
        }
        return field.substring(0, end);
    }

    private static void append(StringBuilder field, char c, int line) {
        if (field.length() >= MAX_FIELD) {
            throw new CsvFormatException(line, "a field is longer than " + MAX_FIELD + " characters");
        }
        field.append(c);
    }

    private int read() throws IOException {
        if (pushedBack != -2) {
            int c = pushedBack;
            pushedBack = -2;
            return c;
        }
        int c = in.read();
        if (c == NOT_UTF8) {
            throw new CsvFormatException(line, "the file is not UTF-8 text on this line");
        }
        return c;
    }

    private boolean peekLineEnd() throws IOException {
        int next = read();
        unread(next);
        return next == '\n' || next == -1;
    }

    private void unread(int c) {
        pushedBack = c;
    }

    /** The file cannot be read as CSV at all from this line on (an unclosed quote, a runaway field). */
    static final class CsvFormatException extends RuntimeException {
        final int line;

        CsvFormatException(int line, String message) {
            super(message, null, false, false);
            this.line = line;
        }
    }
}
