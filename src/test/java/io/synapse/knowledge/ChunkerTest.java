package io.synapse.knowledge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.synapse.common.input.StorableText;
import io.synapse.knowledge.grounding.Grounding;
import io.synapse.knowledge.ingest.Chunker;
import io.synapse.knowledge.ingest.ExtractedText;
import io.synapse.knowledge.ingest.LanguageGuess;
import io.synapse.knowledge.ingest.TextChunk;

/** The chunker and the citation spans, without the application: pure functions. */
class ChunkerTest {

    private static final Chunker CHUNKER = new Chunker(300, 60);

    private static List<TextChunk> split(String text) {
        List<TextChunk> chunks = CHUNKER.split(new ExtractedText(text, null, null));
        for (TextChunk c : chunks) {
            assertEquals(text.substring(c.start(), c.end()), c.content(), "a chunk is an exact span of the text");
            assertFalse(c.content().isBlank());
            assertTrue(c.content().length() <= 300, "no chunk over the limit: " + c.content().length());
            assertTrue(StorableText.storable(c.content()), "no chunk splits a surrogate pair");
        }
        return chunks;
    }

    @Test
    void headingsStartChunksAndParagraphsArePackedUnderThem() {
        String text = "# Guide\n\nIntro paragraph.\n\nSecond paragraph.\n\n## Setup\n\nInstall it.\n\n## Use\n## Daily\n\nRun it.";
        List<TextChunk> chunks = split(text);
        assertEquals(3, chunks.size());
        assertEquals("Guide", chunks.get(0).heading());
        assertTrue(chunks.get(0).content().startsWith("# Guide") && chunks.get(0).content().endsWith("Second paragraph."));
        assertEquals("Setup", chunks.get(1).heading());
        // Headings in a row open one chunk, named by the last.
        assertEquals("Daily", chunks.get(2).heading());
        assertTrue(chunks.get(2).content().startsWith("## Use\n## Daily"));
        assertEquals(List.of(0, 1, 2), chunks.stream().map(TextChunk::ordinal).toList());
    }

    @Test
    void aLongParagraphIsCutBetweenSentencesWithOverlap() {
        StringBuilder p = new StringBuilder();
        for (int i = 0; i < 40; i++) {
            p.append("Sentence number ").append(i).append(" says something. ");
        }
        List<TextChunk> chunks = split("# Long\n\n" + p.toString().strip());
        assertTrue(chunks.size() >= 4);
        for (int i = 1; i < chunks.size(); i++) {
            assertTrue(chunks.get(i).start() < chunks.get(i - 1).end(), "consecutive pieces overlap");
            assertEquals("Long", chunks.get(i).heading());
        }
        assertTrue(chunks.get(0).content().endsWith("."), "cut after a sentence");
    }

    @Test
    void textWithoutSpacesOrWithEmojiIsCutSafely() {
        String cjk = "知识库".repeat(400);
        split(cjk);
        String emoji = "\ud83d\ude00".repeat(700);
        List<TextChunk> chunks = split(emoji);
        assertTrue(chunks.size() > 4);
        String hugeHeading = "# " + "h".repeat(5000) + "\n\nBody.";
        List<TextChunk> headed = split(hugeHeading);
        assertTrue(headed.stream().allMatch(c -> c.heading() == null || c.heading().length() <= 200));
    }

    @Test
    void pagesAreFoundByOffset() {
        ExtractedText pdf = new ExtractedText("Page one text.\n\nPage two text.\n\n", List.of(0, 16), null);
        List<TextChunk> chunks = new Chunker(200, 0).split(pdf);
        assertEquals(1, chunks.get(0).pageNumber());
        assertEquals(2, pdf.pageCount());
        assertEquals(2, pdf.pageAt(20));
    }

    @Test
    void languagesAreGuessedFromTheirCommonestWords() {
        assertEquals(LanguageGuess.ENGLISH, LanguageGuess.of("The pump is in the basement and it is easy to reach for the technician."));
        assertEquals(LanguageGuess.PORTUGUESE, LanguageGuess.of("A bomba fica no porão e é fácil de alcançar para o técnico, que não precisa de escada."));
        assertEquals(LanguageGuess.SIMPLE, LanguageGuess.of("SKU-1234 SKU-5678 PR SP RJ"));
    }

    @Test
    void citationSpansRunFromTheSentenceStartToTheirMarker() {
        List<Grounding.Source> sources = List.of(new Grounding.Source(1, 10, UUID.randomUUID(), "A", null, null, "a", 0.5),
                new Grounding.Source(2, 11, UUID.randomUUID(), "B", null, null, "b", null));
        String reply = "First fact [1]. Second fact.[2][1]\nThird line [3] and [0].";
        List<Grounding.CitedSpan> spans = Grounding.cite(reply, sources);
        assertEquals(3, spans.size(), "markers [3] and [0] name no source sent");
        assertEquals("First fact [1]", reply.substring(spans.get(0).start(), spans.get(0).end()));
        assertEquals("Second fact.[2]", reply.substring(spans.get(1).start(), spans.get(1).end()));
        assertEquals("Second fact.[2][1]", reply.substring(spans.get(2).start(), spans.get(2).end()));
        assertEquals(2, spans.get(1).source().number());
        assertEquals(List.of(), Grounding.cite("[1] at the very start, no sources", List.of()));
        assertEquals("[1]", "[1] starts".substring(Grounding.cite("[1] starts", sources).get(0).start(), Grounding.cite("[1] starts", sources).get(0).end()));
    }
}
