package io.synapse.datasources.guard;

import java.util.ArrayList;
import java.util.List;

/**
 * What the parsed tree cannot tell us about SQL text: whether it hides an executable comment,
 * and where named parameters stand in the re-written SQL (a small lexer that knows where quoted
 * strings, quoted identifiers, dollar-quoted bodies and comments begin and end).
 */
final class SqlText {

    private SqlText() {
    }

    private static final java.util.regex.Pattern EXECUTABLE_COMMENT = java.util.regex.Pattern.compile("/\\*[mM]?!");

    /**
     * MariaDB/MySQL run the inside of an executable comment (slash-star-bang, or with an M before
     * the bang): a parser that skips comments would not see it. Looked for anywhere in the text,
     * quotes included: a false alarm costs a rephrased query, a miss would cost the guard.
     */
    static boolean hasExecutableComment(String sql) {
        return EXECUTABLE_COMMENT.matcher(sql).find();
    }

    /** Replaces each :name outside quotes (not a '::' cast) with '?', collecting the names in order. */
    static String positional(String sql, List<String> names) {
        StringBuilder out = new StringBuilder(sql.length());
        scan(sql, out, names);
        return out.toString();
    }

    private static void scan(String sql, StringBuilder out, List<String> names) {
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            int end = i + 1;
            if (c == '\'' || c == '"' || c == '`') {
                end = closeQuote(sql, i, c);
            } else if (c == '-' && i + 1 < n && sql.charAt(i + 1) == '-' || c == '#') {
                end = sql.indexOf('\n', i);
                end = end < 0 ? n : end;
            } else if (c == '/' && i + 1 < n && sql.charAt(i + 1) == '*') {
                end = sql.indexOf("*/", i + 2);
                end = end < 0 ? n : end + 2;
            } else if (c == '$') {
                int tagEnd = sql.indexOf('$', i + 1);
                if (tagEnd > 0 && sql.substring(i + 1, tagEnd).matches("[A-Za-z_]?[A-Za-z0-9_]*")) {
                    String tag = sql.substring(i, tagEnd + 1);
                    int close = sql.indexOf(tag, tagEnd + 1);
                    end = close < 0 ? n : close + tag.length();
                }
            } else if (c == ':') {
                boolean cast = i + 1 < n && sql.charAt(i + 1) == ':' || i > 0 && sql.charAt(i - 1) == ':';
                if (!cast && i + 1 < n && (Character.isLetter(sql.charAt(i + 1)) || sql.charAt(i + 1) == '_')) {
                    int j = i + 1;
                    while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
                        j++;
                    }
                    names.add(sql.substring(i + 1, j));
                    out.append('?');
                    i = j;
                    continue;
                }
            }
            out.append(sql, i, end);
            i = end;
        }
    }

    private static int closeQuote(String sql, int start, char quote) {
        int i = start + 1;
        while (i < sql.length()) {
            if (sql.charAt(i) == quote) {
                if (i + 1 < sql.length() && sql.charAt(i + 1) == quote) {
                    i += 2;
                    continue;
                }
                return i + 1;
            }
            i++;
        }
        return sql.length();
    }

    static List<String> namesOf(String sql) {
        List<String> names = new ArrayList<>();
        positional(sql, names);
        return names;
    }
}
