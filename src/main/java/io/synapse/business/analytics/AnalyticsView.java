package io.synapse.business.analytics;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** An analysis as the API answers it: rows as objects keyed by column, the filters applied, and whether it came from the cache. */
public record AnalyticsView(String analysis, String title, Map<String, Object> filters, List<String> columns, List<Map<String, Object>> rows,
        boolean cached) {

    public static AnalyticsView of(BusinessAnalysis analysis, BusinessFilter filter, AnalyticsCache.Hit hit) {
        FigureTable table = hit.table();
        List<Map<String, Object>> rows = table.rows().stream().map(row -> {
            Map<String, Object> object = new LinkedHashMap<>();
            for (int i = 0; i < table.columns().size(); i++) {
                object.put(table.columns().get(i), row.get(i));
            }
            return object;
        }).toList();
        return new AnalyticsView(analysis.path(), table.title(), filter.asMap(), table.columns(), rows, hit.cached());
    }
}
