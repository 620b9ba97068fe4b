package io.synapse.datasources.guard;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import io.synapse.datasources.Engine;

/**
 * The second reading of a statement, by the server's own lexical rules: the SQL the parser
 * re-wrote is split into tokens exactly as PostgreSQL (standard_conforming_strings on) or MariaDB
 * (NO_BACKSLASH_ESCAPES) will split it, and every token is checked, wherever it stands in the
 * query. The parse tree decides the statement's shape; this decides its words. A disagreement
 * between the parser and the server about where a string or comment ends cannot hide anything:
 * what the server would read as a comment, a second statement, an escape string or a variable is
 * refused here, and every name the server would call or read passes the deny lists.
 * A column named like a statement keyword (begin, load, lock...) must be written quoted.
 */
final class ServerTokens {

    /** Unquoted words that only statements other than queries use, or that lock. */
    private static final Set<String> FORBIDDEN_WORDS = Set.of("insert", "update", "delete", "merge", "upsert", "truncate", "drop", "alter", "create",
            "grant", "revoke", "copy", "call", "load", "into", "lock", "unlock", "commit", "rollback", "begin", "savepoint", "prepare", "execute",
            "deallocate", "listen", "notify", "vacuum", "outfile", "dumpfile");
    /** Sequence access in any spelling: nextval(s), NEXTVAL FOR s, s.nextval (Oracle mode), NEXT VALUE FOR s. */
    private static final Set<String> SEQUENCE_WORDS = Set.of("nextval", "currval", "lastval", "setval");
    /** Functions whose FROM is not a table clause: EXTRACT(f FROM x), SUBSTRING(x FROM n), TRIM(b FROM x), OVERLAY(x PLACING y FROM n). */
    private static final Set<String> FROM_FUNCTIONS = Set.of("extract", "substring", "substr", "trim", "overlay", "position");

    record Token(String text, Kind kind) {
        String lower() {
            return text.toLowerCase(Locale.ROOT);
        }

        boolean isName() {
            return kind == Kind.WORD || kind == Kind.QUOTED_NAME;
        }

        boolean is(String word) {
            return kind == Kind.WORD && text.equalsIgnoreCase(word);
        }
    }

    enum Kind {
        WORD, QUOTED_NAME, STRING, NUMBER, SYMBOL
    }

    private ServerTokens() {
    }

    /** Refuses what the server would read differently or may not run; allowedSchemas as in SqlGuard#check. */
    static void check(String sql, Engine engine, List<String> allowedSchemas) {
        List<Token> tokens = tokens(sql, engine);
        Deque<String> parens = new ArrayDeque<>();
        for (int i = 0; i < tokens.size(); i++) {
            Token t = tokens.get(i);
            Token next = i + 1 < tokens.size() ? tokens.get(i + 1) : null;
            Token previous = i > 0 ? tokens.get(i - 1) : null;
            if (t.kind() == Kind.SYMBOL && t.text().equals("(")) {
                parens.push(previous != null && previous.isName() ? previous.lower() : "");
                continue;
            }
            if (t.kind() == Kind.SYMBOL && t.text().equals(")")) {
                if (!parens.isEmpty()) {
                    parens.pop();
                }
                continue;
            }
            if (!t.isName()) {
                continue;
            }
            String name = t.kind() == Kind.QUOTED_NAME ? t.text() : t.lower();
            if (t.kind() == Kind.WORD && FORBIDDEN_WORDS.contains(name)) {
                throw new SqlRefused(name.equals("into") ? "select_into" : name.equals("lock") ? "locking_clause" : "not_a_query",
                        "The word " + name.toUpperCase(Locale.ROOT) + " belongs to statements that change or lock data");
            }
            if (t.is("for") && next != null && (next.is("update") || next.is("share") || next.is("key") || next.is("no"))) {
                throw new SqlRefused("locking_clause", "Locking reads (FOR UPDATE / FOR SHARE) are not allowed");
            }
            if (t.kind() == Kind.WORD && SEQUENCE_WORDS.contains(name) || t.is("next") && next != null && next.is("value")) {
                throw new SqlRefused("denied_function", "Sequences (NEXT VALUE FOR) may not be advanced");
            }
            if (next != null && next.kind() == Kind.SYMBOL && next.text().equals("(")) {
                String denied = DenyList.function(name);
                if (denied != null) {
                    throw new SqlRefused("denied_function", "The function " + denied + " may not be called");
                }
            }
            if (DenyList.systemSchema(name) || DenyList.systemRelation(name)) {
                throw new SqlRefused("system_catalogue", "The system catalogue name " + name + " may not be used");
            }
            if ((t.is("from") || t.is("join") || t.is("table") || t.is("only")) && !notATableClause(t, previous, tokens, i, parens)) {
                tables(tokens, i + 1, allowedSchemas);
            }
        }
    }

    /** FROM inside EXTRACT/SUBSTRING/TRIM/OVERLAY/POSITION, or in IS [NOT] DISTINCT FROM, names no table. */
    private static boolean notATableClause(Token t, Token previous, List<Token> tokens, int i, Deque<String> parens) {
        if (!t.is("from")) {
            return false;
        }
        if (previous != null && previous.is("distinct")) {
            return true;
        }
        return !parens.isEmpty() && FROM_FUNCTIONS.contains(parens.peek());
    }

    /** The table references after FROM/JOIN/TABLE/ONLY and after each comma of a FROM list: schemas checked. */
    private static void tables(List<Token> tokens, int start, List<String> allowedSchemas) {
        int i = start;
        while (i < tokens.size()) {
            Token t = tokens.get(i);
            if (t.is("only") || t.is("lateral")) {
                i++;
                continue;
            }
            if (!t.isName()) {
                return; // a subquery, a function in FROM (checked as a call), or not a table at all
            }
            List<String> parts = new ArrayList<>();
            parts.add(t.kind() == Kind.QUOTED_NAME ? t.text() : t.lower());
            while (i + 2 < tokens.size() && tokens.get(i + 1).text().equals(".") && tokens.get(i + 2).isName()) {
                Token part = tokens.get(i + 2);
                parts.add(part.kind() == Kind.QUOTED_NAME ? part.text() : part.lower());
                i += 2;
            }
            if (parts.size() > 2) {
                throw new SqlRefused("cross_database", "Names qualified with a database (" + String.join(".", parts) + ") are not allowed");
            }
            if (parts.size() == 2) {
                String schema = parts.get(0);
                if (DenyList.systemSchema(schema)) {
                    throw new SqlRefused("system_catalogue", "The table " + String.join(".", parts) + " is in a system schema");
                }
                if (!allowedSchemas.isEmpty() && allowedSchemas.stream().noneMatch(s -> s.equalsIgnoreCase(schema))) {
                    throw new SqlRefused("schema_not_allowed", "The table " + String.join(".", parts) + " is outside this connection's schemas "
                            + allowedSchemas);
                }
            }
            i++;
            // An alias, then a comma for the next table of the list; anything else ends the list.
            if (i < tokens.size() && tokens.get(i).is("as")) {
                i++;
            }
            if (i < tokens.size() && tokens.get(i).isName() && !isClauseWord(tokens.get(i))) {
                i++;
            }
            if (i < tokens.size() && tokens.get(i).text().equals(",")) {
                i++;
                continue;
            }
            return;
        }
    }

    private static boolean isClauseWord(Token t) {
        return t.kind() == Kind.WORD && Set.of("where", "group", "order", "having", "limit", "offset", "fetch", "union", "except", "intersect",
                "join", "inner", "left", "right", "full", "cross", "natural", "on", "using", "window", "for", "qualify").contains(t.lower());
    }

    /** Splits the text as the server does; refuses comments, statement separators, escape strings and (MariaDB) variables. */
    static List<Token> tokens(String sql, Engine engine) {
        boolean postgres = engine.isPostgres();
        List<Token> tokens = new ArrayList<>();
        int n = sql.length();
        int i = 0;
        while (i < n) {
            char c = sql.charAt(i);
            char d = i + 1 < n ? sql.charAt(i + 1) : '\0';
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '-' && d == '-' || c == '/' && d == '*' || !postgres && c == '#') {
                throw new SqlRefused("comment", "The statement would hold a comment once re-written; write it without comments or hints");
            } else if (c == ';') {
                throw new SqlRefused("multiple_statements", "Send exactly one statement, without ';'");
            } else if (!postgres && c == '@') {
                throw new SqlRefused("session_variable", "Session and system variables (@name, @@name) are not allowed");
            } else if (c == '\'') {
                int end = close(sql, i, '\'');
                tokens.add(new Token(sql.substring(i + 1, Math.max(i + 1, end - 1)), Kind.STRING));
                i = end;
            } else if (c == '"') {
                int end = close(sql, i, '"');
                String inside = sql.substring(i + 1, Math.max(i + 1, end - 1)).replace("\"\"", "\"");
                // PostgreSQL: a quoted name. MariaDB without ANSI_QUOTES: a string.
                tokens.add(new Token(inside, postgres ? Kind.QUOTED_NAME : Kind.STRING));
                i = end;
            } else if (c == '`' && !postgres) {
                int end = close(sql, i, '`');
                tokens.add(new Token(sql.substring(i + 1, Math.max(i + 1, end - 1)).replace("``", "`"), Kind.QUOTED_NAME));
                i = end;
            } else if (c == '$' && postgres && dollarTagEnd(sql, i) > 0) {
                int tagEnd = dollarTagEnd(sql, i);
                String tag = sql.substring(i, tagEnd + 1);
                int close = sql.indexOf(tag, tagEnd + 1);
                if (close < 0) {
                    throw new SqlRefused("unparsable", "An unterminated dollar-quoted string");
                }
                tokens.add(new Token(sql.substring(tagEnd + 1, close), Kind.STRING));
                i = close + tag.length();
            } else if (Character.isLetter(c) || c == '_') {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_' || sql.charAt(j) == '$')) {
                    j++;
                }
                String word = sql.substring(i, j);
                char after = j < n ? sql.charAt(j) : '\0';
                if (postgres && (word.equalsIgnoreCase("e") && after == '\'' || word.equalsIgnoreCase("u") && after == '&')) {
                    throw new SqlRefused("escape_string", "Escape strings (E'...', U&'...') are not allowed; write standard strings");
                }
                tokens.add(new Token(word, Kind.WORD));
                i = j;
            } else if (Character.isDigit(c)) {
                int j = i + 1;
                while (j < n && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '.')) {
                    j++;
                }
                tokens.add(new Token(sql.substring(i, j), Kind.NUMBER));
                i = j;
            } else {
                tokens.add(new Token(String.valueOf(c), Kind.SYMBOL));
                i++;
            }
        }
        return tokens;
    }

    /** The index of the closing quote plus one; doubled quotes stay inside. Unterminated: refused. */
    private static int close(String sql, int start, char quote) {
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
        throw new SqlRefused("unparsable", "An unterminated quoted string or name");
    }

    /** $tag$ or $$ starting at i (and not the tail of a word): the index of the tag's closing '$', else -1. */
    private static int dollarTagEnd(String sql, int i) {
        if (i > 0 && (Character.isLetterOrDigit(sql.charAt(i - 1)) || sql.charAt(i - 1) == '_' || sql.charAt(i - 1) == '$')) {
            return -1;
        }
        int j = i + 1;
        if (j < sql.length() && Character.isDigit(sql.charAt(j))) {
            return -1; // $1: a positional parameter, not a quote
        }
        while (j < sql.length() && (Character.isLetterOrDigit(sql.charAt(j)) || sql.charAt(j) == '_')) {
            j++;
        }
        return j < sql.length() && sql.charAt(j) == '$' ? j : -1;
    }
}
