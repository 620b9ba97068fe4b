package io.synapse.business.analytics;

import java.util.Arrays;
import java.util.Locale;

/** The business analytics, each over one table, with the path segment that names it. */
public enum BusinessAnalysis {
    INVENTORY_AGING("Inventory aging", Source.ESTOQUE),
    STOCK_BY_CENTRE("Stock by centre", Source.ESTOQUE),
    STOCK_BY_MATERIAL_TYPE("Stock by material type", Source.ESTOQUE),
    STOCK_BY_PRODUCT_GROUP("Stock by product group", Source.ESTOQUE),
    STOCK_BY_CLIENT("Stock by client", Source.ESTOQUE),
    SALES_BY_UF("Sales by state (UF)", Source.FATURAMENTO),
    SALES_BY_CITY("Sales by city", Source.FATURAMENTO),
    MONTHLY_SALES("Monthly sales", Source.FATURAMENTO),
    PRODUCT_MIX("Product mix", Source.FATURAMENTO),
    SKU_TURNOVER_BY_CLIENT("SKU turnover by client (giro_sku_cliente)", Source.FATURAMENTO),
    CLIENT_CONCENTRATION("Client concentration", Source.FATURAMENTO);

    /** Which table an analysis reads, and which filters apply to it. */
    public enum Source {
        ESTOQUE, FATURAMENTO
    }

    private final String title;
    private final Source source;

    BusinessAnalysis(String title, Source source) {
        this.title = title;
        this.source = source;
    }

    public String title() {
        return title;
    }

    public Source source() {
        return source;
    }

    /** inventory-aging, sales-by-uf, ... */
    public String path() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static BusinessAnalysis ofPath(String path) {
        for (BusinessAnalysis analysis : values()) {
            if (analysis.path().equals(path)) {
                return analysis;
            }
        }
        throw new IllegalArgumentException("unknown analysis; one of " + Arrays.stream(values()).map(BusinessAnalysis::path).toList());
    }
}
