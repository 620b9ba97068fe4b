package io.synapse.telemetry.ingest;

/**
 * Fields in COPY's text format: tab-separated, \N for null, and backslash, tab, newline and
 * carriage return escaped with a backslash (every other character, NUL excepted, goes as it is;
 * NUL never gets this far: the batch reader refuses it).
 */
final class CopyText {

    private final StringBuilder out;

    private CopyText(StringBuilder out) {
        this.out = out;
    }

    static CopyText field(StringBuilder out, Object value) {
        CopyText text = new CopyText(out);
        if (value == null) {
            out.append("\\N");
            return text;
        }
        String s = value.toString();
        for (int i = 0; i < s.length(); i++) {
            char ch = s.charAt(i);
            switch (ch) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(ch);
            }
        }
        return text;
    }

    void tab() {
        out.append('\t');
    }

    void end() {
        out.append('\n');
    }
}
