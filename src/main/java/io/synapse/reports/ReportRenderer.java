package io.synapse.reports;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.commonmark.node.Node;
import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;

import io.synapse.business.analytics.BusinessAnalysis;
import io.synapse.business.analytics.BusinessAnalyticsService;
import io.synapse.business.analytics.BusinessFilter;
import io.synapse.business.analytics.FigureTable;
import io.synapse.common.web.CsvCell;
import io.synapse.common.error.ProblemException;

/**
 * Turns what a report is made from into stored HTML: client HTML through OWASP's sanitiser
 * (no scripts, event handlers or javascript: links survive), Markdown through CommonMark and
 * the same sanitiser, templates into tables and inline SVG bar charts built here from the
 * analytics (every value escaped). Also renders the figures as CSV.
 */
@ApplicationScoped
public class ReportRenderer {

    static final PolicyFactory POLICY = Sanitizers.FORMATTING.and(Sanitizers.BLOCKS).and(Sanitizers.LINKS).and(Sanitizers.TABLES)
            .and(Sanitizers.IMAGES).and(Sanitizers.STYLES);
    private static final Parser MARKDOWN = Parser.builder().build();
    private static final HtmlRenderer MARKDOWN_HTML = HtmlRenderer.builder().build();
    private static final int CHART_ROWS = 15;

    @Inject
    BusinessAnalyticsService analytics;

    /** A generated report: its HTML and the figures behind it. */
    record Generated(String html, List<FigureTable> figures) {
    }

    String sanitise(String html) {
        return POLICY.sanitize(html);
    }

    /** Deeper Markdown is refused: CommonMark's HTML renderer recurses once per level (50,000 "> " overflowed the stack). */
    static final int MAX_MARKDOWN_DEPTH = 100;

    String markdown(String markdown) {
        Node document = MARKDOWN.parse(markdown);
        if (depth(document) > MAX_MARKDOWN_DEPTH) {
            throw ProblemException.unprocessable("content", "Markdown is nested more than " + MAX_MARKDOWN_DEPTH + " levels deep");
        }
        return sanitise(MARKDOWN_HTML.render(document));
    }

    /** The document tree's depth, measured without recursion (the parser itself keeps no call stack per level). */
    static int depth(Node root) {
        int deepest = 0;
        Deque<Map.Entry<Node, Integer>> pending = new ArrayDeque<>();
        pending.push(Map.entry(root, 0));
        while (!pending.isEmpty()) {
            Map.Entry<Node, Integer> next = pending.pop();
            deepest = Math.max(deepest, next.getValue());
            if (deepest > MAX_MARKDOWN_DEPTH) {
                return deepest;
            }
            for (Node child = next.getKey().getFirstChild(); child != null; child = child.getNext()) {
                pending.push(Map.entry(child, next.getValue() + 1));
            }
        }
        return deepest;
    }

    Generated generate(String name, String template, Map<String, String> parameters) {
        List<BusinessAnalysis> analyses = ReportTemplates.of(template);
        BusinessFilter filter = BusinessFilter.of(parameters);
        List<FigureTable> figures = new ArrayList<>();
        StringBuilder html = new StringBuilder();
        html.append("<article class=\"synapse-report\">\n<h1>").append(escape(name)).append("</h1>\n");
        html.append("<p class=\"meta\">Generated ").append(Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
                .append(filter.asMap().isEmpty() ? "" : " · " + escape(filter.asMap().toString())).append("</p>\n");
        for (BusinessAnalysis analysis : analyses) {
            FigureTable table = analytics.cached(analysis, filter.forSource(analysis.source())).table();
            figures.add(table);
            html.append("<section>\n<h2>").append(escape(table.title())).append("</h2>\n");
            chart(html, table);
            table(html, table);
            html.append("</section>\n");
        }
        return new Generated(html.append("</article>\n").toString(), figures);
    }

    static String csv(List<FigureTable> figures) {
        StringBuilder csv = new StringBuilder();
        for (FigureTable table : figures) {
            if (!csv.isEmpty()) {
                csv.append("\r\n");
            }
            csv.append(CsvCell.of(table.title())).append("\r\n");
            csv.append(String.join(",", table.columns().stream().map(CsvCell::of).toList())).append("\r\n");
            for (List<Object> row : table.rows()) {
                csv.append(String.join(",", row.stream().map(v -> v == null ? "" : CsvCell.of(plain(v))).toList())).append("\r\n");
            }
        }
        return csv.toString();
    }

    private static void table(StringBuilder html, FigureTable table) {
        html.append("<table>\n<thead><tr>");
        table.columns().forEach(c -> html.append("<th>").append(escape(c)).append("</th>"));
        html.append("</tr></thead>\n<tbody>\n");
        for (List<Object> row : table.rows()) {
            html.append("<tr>");
            row.forEach(v -> html.append(v instanceof Number ? "<td class=\"num\">" : "<td>").append(v == null ? "" : escape(plain(v))).append("</td>"));
            html.append("</tr>\n");
        }
        html.append("</tbody>\n</table>\n");
    }

    /** A horizontal bar chart of the first numeric column (not a rank) against the first column. */
    private static void chart(StringBuilder html, FigureTable table) {
        int found = -1;
        for (int c = 1; c < table.columns().size() && found < 0; c++) {
            if (!table.columns().get(c).equals("rank") && !table.columns().get(c).equals("cod_cliente") && numeric(table, c)) {
                found = c;
            }
        }
        final int value = found;
        if (value < 0 || table.rows().isEmpty() || table.rows().size() < 2) {
            return;
        }
        List<List<Object>> rows = table.rows().subList(0, Math.min(CHART_ROWS, table.rows().size()));
        double max = rows.stream().mapToDouble(r -> ((Number) r.get(value)).doubleValue()).max().orElse(0);
        int labelColumn = table.columns().get(0).equals("rank") ? Math.min(2, table.columns().size() - 1) : 0;
        int barHeight = 18;
        int height = rows.size() * (barHeight + 4) + 8;
        html.append("<svg xmlns=\"http://www.w3.org/2000/svg\" role=\"img\" width=\"640\" height=\"").append(height)
                .append("\" viewBox=\"0 0 640 ").append(height).append("\"><title>").append(escape(table.columns().get(value))).append("</title>\n");
        for (int i = 0; i < rows.size(); i++) {
            double v = ((Number) rows.get(i).get(value)).doubleValue();
            int width = max <= 0 ? 0 : (int) Math.round(400 * v / max);
            int y = 4 + i * (barHeight + 4);
            Object label = rows.get(i).get(labelColumn);
            html.append("<text x=\"0\" y=\"").append(y + 13).append("\" font-size=\"12\">").append(escape(label == null ? "" : abbreviate(plain(label))))
                    .append("</text><rect x=\"160\" y=\"").append(y).append("\" width=\"").append(width).append("\" height=\"").append(barHeight)
                    .append("\" fill=\"#3b6ea5\"/><text x=\"").append(166 + width).append("\" y=\"").append(y + 13).append("\" font-size=\"12\">")
                    .append(escape(plain(rows.get(i).get(value)))).append("</text>\n");
        }
        html.append("</svg>\n");
    }

    private static boolean numeric(FigureTable table, int column) {
        return table.rows().stream().allMatch(r -> r.get(column) instanceof Number);
    }

    private static String plain(Object value) {
        return value instanceof BigDecimal d ? d.toPlainString() : String.valueOf(value);
    }

    private static String abbreviate(String text) {
        return text.length() <= 24 ? text : text.substring(0, 23) + "…";
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
