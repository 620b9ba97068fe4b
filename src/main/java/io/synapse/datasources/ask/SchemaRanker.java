package io.synapse.datasources.ask;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import io.synapse.datasources.introspect.DatabaseSchema;

/**
 * Picks the part of a catalogue a question is about, so that a prompt never carries the whole of
 * a large database: tables score by the question's words found in their names (most), column
 * names and comments; tables a chosen one references by foreign key come along. A question that
 * names no table gets the largest ones. Words are
 * compared without accents and case, with a plural 's' dropped, in English and Portuguese.
 */
public final class SchemaRanker {

    private static final Set<String> STOP_WORDS = Set.of("the", "and", "for", "with", "what", "which", "how", "many", "much", "are", "was", "were",
            "from", "that", "this", "per", "each", "all", "our", "top", "list", "show", "give", "who", "whom", "last", "first", "into", "than", "have",
            "has", "did", "does", "quantos", "quantas", "qual", "quais", "como", "para", "por", "com", "dos", "das", "uma", "um", "que", "mais",
            "menos", "cada", "todos", "todas", "nos", "nas", "foi", "foram", "entre", "ultimo", "ultima", "mostre", "liste");
    private static final int MAX_CHARS = 12_000;

    private SchemaRanker() {
    }

    public static List<DatabaseSchema> rank(String question, List<DatabaseSchema> tables, int max) {
        Set<String> words = words(question);
        Map<DatabaseSchema, Double> scores = new HashMap<>();
        for (DatabaseSchema t : tables) {
            double score = 3 * overlap(words, words(t.tableName));
            for (Map<String, Object> column : t.columns) {
                score += overlap(words, words(String.valueOf(column.get("name"))));
            }
            if (t.comment != null) {
                score += 0.5 * overlap(words, words(t.comment));
            }
            scores.put(t, score);
        }
        Comparator<DatabaseSchema> byScore = Comparator.<DatabaseSchema>comparingDouble(scores::get).reversed()
                .thenComparing(Comparator.comparingLong((DatabaseSchema t) -> t.rowEstimate == null ? 0 : t.rowEstimate).reversed())
                .thenComparing(t -> t.tableName);
        List<DatabaseSchema> ordered = new ArrayList<>(tables);
        ordered.sort(byScore);
        // Tables the question names (with what they reference); only when it names none, the largest ones.
        boolean anyMatch = scores.values().stream().anyMatch(score -> score > 0);
        Set<DatabaseSchema> chosen = new LinkedHashSet<>();
        Map<String, DatabaseSchema> byName = new HashMap<>();
        tables.forEach(t -> byName.put(t.schemaName + "." + t.tableName, t));
        for (DatabaseSchema t : ordered) {
            if (chosen.size() >= max || anyMatch && scores.get(t) <= 0) {
                break;
            }
            if (chosen.add(t) && scores.get(t) > 0) {
                // What a relevant table references is needed to join it.
                for (Map<String, Object> fk : t.foreignKeys) {
                    DatabaseSchema target = byName.get(fk.get("references_schema") + "." + fk.get("references_table"));
                    if (target != null && chosen.size() < max) {
                        chosen.add(target);
                    }
                }
            }
        }
        return List.copyOf(chosen);
    }

    /** Compact DDL-like text of the tables, cut at a fixed size. */
    public static String describe(List<DatabaseSchema> tables) {
        StringBuilder out = new StringBuilder();
        for (DatabaseSchema t : tables) {
            StringBuilder table = new StringBuilder();
            table.append("TABLE ").append(t.schemaName).append('.').append(t.tableName);
            if (t.rowEstimate != null && t.rowEstimate >= 0) {
                table.append(" (about ").append(t.rowEstimate).append(" rows)");
            }
            if (t.comment != null) {
                table.append(" -- ").append(t.comment.replace('\n', ' '));
            }
            table.append('\n');
            for (Map<String, Object> column : t.columns) {
                table.append("  ").append(column.get("name")).append(' ').append(column.get("type"));
                if (Boolean.FALSE.equals(column.get("nullable"))) {
                    table.append(" NOT NULL");
                }
                if (column.get("comment") != null) {
                    table.append(" -- ").append(String.valueOf(column.get("comment")).replace('\n', ' '));
                }
                table.append('\n');
            }
            if (!t.primaryKey.isEmpty()) {
                table.append("  PRIMARY KEY (").append(String.join(", ", t.primaryKey)).append(")\n");
            }
            for (Map<String, Object> fk : t.foreignKeys) {
                table.append("  FOREIGN KEY (").append(String.join(", ", strings(fk.get("columns")))).append(") REFERENCES ")
                        .append(fk.get("references_schema")).append('.').append(fk.get("references_table")).append(" (")
                        .append(String.join(", ", strings(fk.get("references_columns")))).append(")\n");
            }
            if (out.length() + table.length() > MAX_CHARS) {
                break;
            }
            out.append(table);
        }
        return out.toString();
    }

    static Set<String> words(String text) {
        String plain = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFD).replaceAll("\\p{M}", "")
                .replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
        Set<String> words = new HashSet<>();
        for (String w : plain.split("[^a-z0-9]+")) {
            if (w.length() >= 3 && !STOP_WORDS.contains(w)) {
                words.add(stem(w));
            }
        }
        return words;
    }

    private static String stem(String w) {
        if (w.length() > 4 && w.endsWith("es")) {
            return w.substring(0, w.length() - 2);
        }
        return w.length() > 3 && w.endsWith("s") ? w.substring(0, w.length() - 1) : w;
    }

    private static double overlap(Set<String> question, Set<String> candidate) {
        double score = 0;
        for (String w : candidate) {
            if (question.contains(w)) {
                score += 1;
            } else if (w.length() >= 5) {
                for (String q : question) {
                    if (q.length() >= 5 && (q.startsWith(w.substring(0, 5)) || w.startsWith(q.substring(0, 5)))) {
                        score += 0.5;
                        break;
                    }
                }
            }
        }
        return score;
    }

    @SuppressWarnings("unchecked")
    private static List<String> strings(Object value) {
        return value instanceof List<?> list ? (List<String>) list : List.of();
    }
}
