package io.synapse.knowledge.ingest;

import java.util.List;

/**
 * A file's text. Headings are written as Markdown headings ("## Title") and paragraphs are
 * separated by a blank line, whatever the format was, so the chunker sees one structure.
 * pageStarts holds, for a PDF, the offset where each page's text begins.
 */
public record ExtractedText(String text, List<Integer> pageStarts, String title) {

    public Integer pageCount() {
        return pageStarts == null ? null : pageStarts.size();
    }

    /** The 1-based page an offset falls on, or null when the source has no pages. */
    public Integer pageAt(int offset) {
        if (pageStarts == null || pageStarts.isEmpty()) {
            return null;
        }
        int page = 1;
        for (int i = 0; i < pageStarts.size(); i++) {
            if (pageStarts.get(i) <= offset) {
                page = i + 1;
            }
        }
        return page;
    }
}
