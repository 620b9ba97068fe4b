package io.synapse.knowledge.ingest;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which PostgreSQL text search configuration a document's chunks are indexed with: english or
 * portuguese (stemming, stop words), else simple. Counting each language's commonest words is
 * crude but enough for a choice between two languages, and it costs nothing.
 */
public final class LanguageGuess {

    public static final String ENGLISH = "english";
    public static final String PORTUGUESE = "portuguese";
    public static final String SIMPLE = "simple";

    private static final Set<String> EN = Set.of("the", "and", "of", "to", "is", "in", "that", "for", "with", "are", "it", "this", "on", "be",
            "you", "your", "from", "by", "an", "or", "not", "which", "can", "was", "have", "has", "when", "how", "what");
    private static final Set<String> PT = Set.of("de", "que", "não", "para", "com", "uma", "um", "os", "por", "mais", "é", "do", "da", "em",
            "dos", "das", "se", "na", "no", "ao", "como", "mas", "são", "ou", "pelo", "pela", "também", "quando", "seu", "sua");
    private static final Pattern WORD = Pattern.compile("\\p{L}+");
    private static final int SAMPLE = 20_000;

    private LanguageGuess() {
    }

    public static String of(String text) {
        Matcher words = WORD.matcher(text.length() > SAMPLE ? text.substring(0, SAMPLE) : text);
        int en = 0;
        int pt = 0;
        while (words.find()) {
            String w = words.group().toLowerCase(Locale.ROOT);
            en += EN.contains(w) ? 1 : 0;
            pt += PT.contains(w) ? 1 : 0;
        }
        if (en + pt < 3) {
            return SIMPLE;
        }
        return pt > en ? PORTUGUESE : ENGLISH;
    }

    /** An uploader's choice: auto (or nothing) guesses. */
    public static boolean valid(String choice) {
        return choice == null || choice.equals("auto") || choice.equals(ENGLISH) || choice.equals(PORTUGUESE) || choice.equals(SIMPLE);
    }
}
