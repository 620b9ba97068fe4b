package io.synapse.business.analytics;

import java.util.List;

/** A titled table of figures: column names and rows of values (numbers as BigDecimal or Long, labels as String). */
public record FigureTable(String title, List<String> columns, List<List<Object>> rows) {
}
