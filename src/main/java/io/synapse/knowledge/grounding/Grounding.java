package io.synapse.knowledge.grounding;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import io.synapse.common.security.Actor;
import io.synapse.knowledge.KnowledgeConfig;
import io.synapse.knowledge.ingest.TextChunk;
import io.synapse.knowledge.search.KnowledgeSearch;
import io.synapse.knowledge.search.SearchHit;
import io.synapse.knowledge.search.SearchMode;
import io.synapse.knowledge.search.SearchRequest;
import io.synapse.knowledge.search.SearchResult;

/**
 * Grounded replies: the chunks the caller may read that best answer a question, numbered and
 * sent to the model under a token budget with the instruction to cite them as [n]; afterwards,
 * the markers the reply really contains become citations of those exact chunks.
 */
@ApplicationScoped
public class Grounding {

    private static final Pattern MARKER = Pattern.compile("\\[(\\d{1,3})]");

    static final String INSTRUCTIONS = "Answer the user's last message using the numbered sources below when they are relevant."
            + " After each sentence that uses a source, cite it as [n] with the source's number, e.g. [1] or [2][3]."
            + " Cite only sources you used. If the sources do not answer the question, say so and answer without citing them.";

    @Inject
    KnowledgeSearch search;

    @Inject
    KnowledgeConfig config;

    /** A retrieved chunk as the model sees it: [number] title (heading), then the text. */
    public record Source(int number, long chunkId, UUID documentId, String title, String sourceUri, Integer pageNumber, String text,
            Double similarity) {
    }

    /** What was retrieved and the system turn that carries it; degraded says why vectors were not used, if they were not. */
    public record Context(List<Source> sources, String systemTurn, long retrievalMs, int contextTokens, String degraded) {

        public List<Long> chunkIds() {
            return sources.stream().map(Source::chunkId).toList();
        }
    }

    /** A [n] marker in the reply: the span is the sentence it closes, marker included. */
    public record CitedSpan(Source source, int start, int end) {
    }

    public Context retrieve(Actor actor, String question) {
        long start = System.nanoTime();
        int k = Math.max(1, Math.min(config.grounding().chunks(), config.search().maxK()));
        SearchResult result = search.search(actor, new SearchRequest(question.length() > 1000 ? question.substring(0, 1000) : question, k,
                SearchMode.HYBRID, null, null, null, null, null));
        List<Source> sources = new ArrayList<>();
        StringBuilder turn = new StringBuilder(INSTRUCTIONS).append("\n\nSources:\n");
        int budget = config.grounding().maxContextTokens();
        int tokens = 0;
        for (SearchHit hit : result.hits()) {
            int cost = TextChunk.estimateTokens(hit.text()) + TextChunk.estimateTokens(hit.documentTitle()) + 4;
            if (tokens + cost > budget && !sources.isEmpty()) {
                break;
            }
            tokens += cost;
            int number = sources.size() + 1;
            sources.add(new Source(number, hit.chunkId(), hit.documentId(), hit.documentTitle(), hit.sourceUri(), hit.pageNumber(), hit.text(),
                    hit.similarity()));
            turn.append("\n[").append(number).append("] ").append(hit.documentTitle());
            if (hit.heading() != null && !hit.heading().equals(hit.documentTitle())) {
                turn.append(" (").append(hit.heading()).append(')');
            }
            turn.append('\n').append(hit.text()).append('\n');
        }
        return new Context(sources, sources.isEmpty() ? null : turn.toString(), (System.nanoTime() - start) / 1_000_000, tokens, result.degraded());
    }

    /** Every [n] in the reply that names a source sent, in reply order. */
    public static List<CitedSpan> cite(String reply, List<Source> sources) {
        List<CitedSpan> spans = new ArrayList<>();
        Matcher m = MARKER.matcher(reply);
        while (m.find()) {
            int number = Integer.parseInt(m.group(1));
            if (number < 1 || number > sources.size()) {
                continue;
            }
            spans.add(new CitedSpan(sources.get(number - 1), sentenceStart(reply, m.start()), m.end()));
        }
        return spans;
    }

    /** Back from the marker over any markers just before it, then to the end of the previous sentence or line. */
    private static int sentenceStart(String text, int marker) {
        int i = marker;
        while (i > 0 && (text.charAt(i - 1) == ']' || Character.isDigit(text.charAt(i - 1)) || text.charAt(i - 1) == '[')) {
            i--;
        }
        // Skip the sentence's own final punctuation (a marker may follow "fact." or precede it).
        int j = i;
        while (j > 0 && (text.charAt(j - 1) == '.' || text.charAt(j - 1) == '!' || text.charAt(j - 1) == '?' || text.charAt(j - 1) == ' ')) {
            j--;
        }
        for (int k = j; k > 0; k--) {
            char c = text.charAt(k - 1);
            if (c == '\n' || (c == '.' || c == '!' || c == '?') && k < text.length() && Character.isWhitespace(text.charAt(k))) {
                int s = k;
                while (s < marker && Character.isWhitespace(text.charAt(s))) {
                    s++;
                }
                return s;
            }
        }
        return 0;
    }
}
