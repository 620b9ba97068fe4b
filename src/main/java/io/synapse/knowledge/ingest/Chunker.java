package io.synapse.knowledge.ingest;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text by its structure first: a heading starts a new chunk, paragraphs are packed
 * together up to the size limit. Only a paragraph longer than the limit is cut, between
 * sentences where it can be (words otherwise), each piece repeating the end of the one before.
 * Every chunk is an exact span of the text, so citations can quote it by offsets.
 */
public final class Chunker {

    private static final Pattern HEADING = Pattern.compile("^#{1,6}\\s+(.+)$");
    private static final Pattern BLOCK_BREAK = Pattern.compile("\\n\\s*\\n");

    private final int max;
    private final int overlap;

    public Chunker(int maxCharacters, int overlap) {
        this.max = Math.max(200, maxCharacters);
        this.overlap = Math.max(0, Math.min(overlap, this.max / 2));
    }

    private record Block(int start, int end, boolean heading) {
    }

    public List<TextChunk> split(ExtractedText extracted) {
        String text = extracted.text();
        List<TextChunk> chunks = new ArrayList<>();
        String heading = null;
        int packStart = -1;
        int packEnd = -1;
        for (Block block : blocks(text)) {
            if (block.heading()) {
                if (packStart >= 0 && onlyHeading(text, packStart, packEnd)) {
                    // Headings in a row: the section starts at the first, its heading is the last.
                    packEnd = block.end();
                    heading = headingOf(text, block);
                    continue;
                }
                flush(extracted, chunks, heading, packStart, packEnd);
                heading = headingOf(text, block);
                // The heading line opens its section's first chunk.
                packStart = block.start();
                packEnd = block.end();
                continue;
            }
            if (packStart >= 0 && block.end() - packStart <= max) {
                packEnd = block.end();
                continue;
            }
            // The block does not fit beside what is packed. A lone heading stays with the block's first piece.
            boolean loneHeading = packStart >= 0 && onlyHeading(text, packStart, packEnd);
            if (packStart >= 0 && !loneHeading) {
                flush(extracted, chunks, heading, packStart, packEnd);
                packStart = -1;
            }
            if (!loneHeading && block.end() - block.start() <= max) {
                packStart = block.start();
                packEnd = block.end();
                continue;
            }
            for (int[] piece : cut(text, loneHeading ? packStart : block.start(), block.end())) {
                flush(extracted, chunks, heading, piece[0], piece[1]);
            }
            packStart = -1;
        }
        flush(extracted, chunks, heading, packStart, packEnd);
        return chunks;
    }

    /** At most 200 characters: a heading travels with each of its section's chunks (tsvector, embedding input). */
    private static String headingOf(String text, Block block) {
        Matcher m = HEADING.matcher(text.substring(block.start(), block.end()).strip());
        if (!m.matches()) {
            return null;
        }
        String heading = m.group(1).strip();
        if (heading.length() > 200) {
            int cut = Character.isLowSurrogate(heading.charAt(200)) ? 199 : 200;
            heading = heading.substring(0, cut);
        }
        return heading;
    }

    /** Whether the span holds nothing but heading lines. */
    private static boolean onlyHeading(String text, int start, int end) {
        for (String line : text.substring(start, end).split("\n")) {
            if (!line.isBlank() && !HEADING.matcher(line.strip()).matches()) {
                return false;
            }
        }
        return true;
    }

    private void flush(ExtractedText extracted, List<TextChunk> chunks, String heading, int start, int end) {
        if (start < 0 || end <= start) {
            return;
        }
        String text = extracted.text();
        while (start < end && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        while (end > start && Character.isWhitespace(text.charAt(end - 1))) {
            end--;
        }
        if (end > start) {
            chunks.add(new TextChunk(chunks.size(), heading, start, end, text.substring(start, end), extracted.pageAt(start)));
        }
    }

    private static List<Block> blocks(String text) {
        List<Block> blocks = new ArrayList<>();
        Matcher breaks = BLOCK_BREAK.matcher(text);
        int start = 0;
        while (start < text.length()) {
            int end = breaks.find(start) ? breaks.start() : text.length();
            int next = end < text.length() ? breaks.end() : text.length();
            String raw = text.substring(start, end);
            if (!raw.isBlank()) {
                // Heading lines directly followed by more text (no blank line) are still heading blocks, one each.
                int at = start;
                while (at < end) {
                    int newline = text.indexOf('\n', at);
                    int lineEnd = newline < 0 || newline > end ? end : newline;
                    if (!HEADING.matcher(text.substring(at, lineEnd).strip()).matches()) {
                        break;
                    }
                    blocks.add(new Block(at, lineEnd, true));
                    at = Math.min(end, lineEnd + 1);
                }
                if (at < end && !text.substring(at, end).isBlank()) {
                    blocks.add(new Block(at, end, false));
                }
            }
            start = next;
        }
        return blocks;
    }

    /** Pieces of [from, to) no longer than max, cut after a sentence (or at a space), each starting overlap characters back. */
    private List<int[]> cut(String text, int from, int to) {
        List<int[]> pieces = new ArrayList<>();
        int start = from;
        while (start < to) {
            int end = Math.min(to, start + max);
            if (end < to) {
                int cutAt = lastBoundary(text, start + max / 2, end);
                end = cutAt > start ? cutAt : end;
                // Never between the two halves of a surrogate pair: a chunk must stay an exact, storable span.
                if (end < to && end > start + 1 && Character.isLowSurrogate(text.charAt(end))) {
                    end--;
                }
            }
            pieces.add(new int[] { start, end });
            if (end >= to) {
                break;
            }
            int back = Math.max(start + 1, end - overlap);
            // Start the overlap at a word, not inside one.
            while (back < end && !Character.isWhitespace(text.charAt(back - 1))) {
                back++;
            }
            if (back < end && Character.isLowSurrogate(text.charAt(back))) {
                back++;
            }
            start = back < end ? back : end;
        }
        return pieces;
    }

    private static int lastBoundary(String text, int from, int to) {
        for (int i = to - 1; i > from; i--) {
            char c = text.charAt(i - 1);
            if ((c == '.' || c == '!' || c == '?' || c == '\n') && Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        for (int i = to - 1; i > from; i--) {
            if (Character.isWhitespace(text.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
