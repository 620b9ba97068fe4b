package io.synapse.knowledge.search;

import java.util.Locale;

/** hybrid (the default) fuses both legs; keyword and vector run one leg alone, for comparison. */
public enum SearchMode {
    HYBRID, KEYWORD, VECTOR;

    public static SearchMode parse(String value) {
        return value == null ? HYBRID : valueOf(value.toUpperCase(Locale.ROOT));
    }

    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }
}
