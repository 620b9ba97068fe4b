package io.synapse.knowledge.ingest;

import java.util.List;
import java.util.Set;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;

/** The readable text of an HTML page: headings as Markdown headings, block elements as paragraphs; scripts, styles and navigation dropped. */
final class HtmlText {

    private static final Set<String> BLOCKS = Set.of("p", "li", "pre", "blockquote", "td", "th", "dt", "dd", "figcaption", "caption");

    private HtmlText() {
    }

    static ExtractedText extract(String html) {
        Document page = Jsoup.parse(html);
        page.select("script, style, noscript, template, nav, header > nav, footer, svg, iframe, form").remove();
        StringBuilder text = new StringBuilder();
        Element body = page.body();
        for (Element e : body.getAllElements()) {
            String tag = e.normalName();
            boolean heading = tag.length() == 2 && tag.charAt(0) == 'h' && tag.charAt(1) >= '1' && tag.charAt(1) <= '6';
            if (!heading && !BLOCKS.contains(tag) || insideBlock(e)) {
                continue;
            }
            String words = tag.equals("pre") ? e.wholeText().strip() : e.text().strip();
            if (words.isEmpty()) {
                continue;
            }
            if (heading) {
                text.append("#".repeat(tag.charAt(1) - '0')).append(' ');
            }
            text.append(words).append("\n\n");
        }
        if (text.isEmpty()) {
            // A page of bare text in divs: its text, without structure.
            text.append(body.text().strip());
        }
        String title = page.title().isBlank() ? null : page.title().strip();
        return new ExtractedText(text.toString().strip(), null, title);
    }

    private static boolean insideBlock(Element e) {
        List<Element> parents = e.parents();
        for (Element p : parents) {
            String tag = p.normalName();
            if (BLOCKS.contains(tag) || tag.length() == 2 && tag.charAt(0) == 'h' && Character.isDigit(tag.charAt(1))) {
                return true;
            }
        }
        return false;
    }
}
