package io.synapse.reports;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.synapse.business.analytics.BusinessAnalysis;

/** Report templates: three overviews of seed 000's "automated reports", and every single analysis by its path. */
final class ReportTemplates {

    static final Map<String, List<BusinessAnalysis>> ALL = new LinkedHashMap<>();

    static {
        ALL.put("sales-overview", List.of(BusinessAnalysis.SALES_BY_UF, BusinessAnalysis.MONTHLY_SALES, BusinessAnalysis.PRODUCT_MIX));
        ALL.put("inventory-overview", List.of(BusinessAnalysis.INVENTORY_AGING, BusinessAnalysis.STOCK_BY_CENTRE,
                BusinessAnalysis.STOCK_BY_MATERIAL_TYPE, BusinessAnalysis.STOCK_BY_PRODUCT_GROUP));
        ALL.put("client-overview", List.of(BusinessAnalysis.CLIENT_CONCENTRATION, BusinessAnalysis.SKU_TURNOVER_BY_CLIENT,
                BusinessAnalysis.STOCK_BY_CLIENT));
        Arrays.stream(BusinessAnalysis.values()).forEach(a -> ALL.put(a.path(), List.of(a)));
    }

    private ReportTemplates() {
    }

    static List<BusinessAnalysis> of(String template) {
        List<BusinessAnalysis> analyses = ALL.get(template);
        if (analyses == null) {
            throw new IllegalArgumentException("unknown template; one of " + ALL.keySet());
        }
        return analyses;
    }
}
