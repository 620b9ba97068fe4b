package io.synapse.common.input;

/**
 * The one rule for text that may reach the database. PostgreSQL cannot store the NUL character
 * (U+0000) in text or jsonb, and a lone UTF-16 surrogate has no UTF-8 form (the driver would write
 * '?'). Text from a user is refused with {@link #refusal}; text that is not the user's own (a model
 * provider's reply) is cleaned with {@link #clean}.
 */
public final class StorableText {

    public static final String NUL = "must not contain the NUL character (U+0000)";
    public static final String SURROGATE = "must not contain an unpaired UTF-16 surrogate";

    private StorableText() {
    }

    /** Why the text cannot be stored, or null when it can. */
    public static String refusal(CharSequence text) {
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                return NUL;
            }
            if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                    i++;
                } else {
                    return SURROGATE;
                }
            }
        }
        return null;
    }

    public static boolean storable(CharSequence text) {
        return refusal(text) == null;
    }

    /** The text without NUL characters and unpaired surrogates (each lone surrogate becomes U+FFFD). */
    public static String clean(String text) {
        if (text == null || storable(text)) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0, n = text.length(); i < n; i++) {
            char c = text.charAt(i);
            if (c == 0) {
                continue;
            }
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(text.charAt(i + 1))) {
                out.append(c).append(text.charAt(++i));
            } else if (Character.isSurrogate(c)) {
                out.append('\uFFFD');
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    /** At most max code points (a pair is never split), with "..." when something was cut. */
    public static String shorten(String text, int max) {
        if (text == null || text.codePointCount(0, text.length()) <= max) {
            return text;
        }
        return text.substring(0, text.offsetByCodePoints(0, Math.max(0, max - 3))) + "...";
    }
}
