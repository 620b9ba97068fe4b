package io.synapse.knowledge.ingest;

/** A span [start, end) of the document's text, with the heading it sits under. */
public record TextChunk(int ordinal, String heading, int start, int end, String content, Integer pageNumber) {

    /** Roughly what a BPE tokenizer counts for English and Portuguese prose: four characters a token. */
    public int tokenEstimate() {
        return estimateTokens(content);
    }

    public static int estimateTokens(String text) {
        return Math.max(1, (text.length() + 3) / 4);
    }
}
