package io.synapse.business.analytics;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * The business analytics of seed 000's "key business metrics", each one SQL statement over
 * estoque or faturamento with the caller's filters, cached per data version (see {@link AnalyticsCache}).
 * Tons are rounded to 3 decimals, shares and HHI to 2.
 */
@ApplicationScoped
public class BusinessAnalyticsService {

    static final int DEFAULT_TOP = 20;

    @Inject
    EntityManager em;

    @Inject
    AnalyticsCache cache;

    public AnalyticsCache.Hit cached(BusinessAnalysis analysis, BusinessFilter filter) {
        return cache.get(analysis.path() + ":" + filter.asMap(), () -> table(analysis, filter));
    }

    /** Computes the table (no cache), in a read-only transaction. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public FigureTable table(BusinessAnalysis analysis, BusinessFilter filter) {
        BusinessWhere where = BusinessWhere.of(analysis.source(), filter);
        int top = filter.topN() != null ? filter.topN() : DEFAULT_TOP;
        String w = where.sql();
        return switch (analysis) {
            case INVENTORY_AGING -> run(analysis, where, List.of("bucket", "tons", "lots"), """
                    WITH b(bucket, lo, hi, ord) AS (VALUES ('0-30', -2147483648, 30, 1), ('31-60', 31, 60, 2), ('61-90', 61, 90, 3),
                                                           ('91-180', 91, 180, 4), ('>180', 181, 2147483647, 5))
                    SELECT b.bucket, coalesce(round(sum(t.es_totalestoque), 3), 0), count(t.id)
                    FROM b LEFT JOIN estoque t ON t.dias_em_estoque BETWEEN b.lo AND b.hi AND %s
                    GROUP BY b.bucket, b.ord ORDER BY b.ord""".formatted(w));
            case STOCK_BY_CENTRE -> stock(analysis, where, "es_centro", "centro");
            case STOCK_BY_MATERIAL_TYPE -> stock(analysis, where, "tipo_material", "tipo_material");
            case STOCK_BY_PRODUCT_GROUP -> stock(analysis, where, "grupo_mercadoria", "grupo");
            case STOCK_BY_CLIENT -> run(analysis, where, List.of("cod_cliente", "nome", "tons", "lots", "share_pct"), """
                    SELECT t.cod_cliente, c.nome, round(sum(t.es_totalestoque), 3) AS tons, count(*),
                           round(100 * sum(t.es_totalestoque) / nullif(sum(sum(t.es_totalestoque)) OVER (), 0), 2)
                    FROM estoque t JOIN clientes c ON c.cod_cliente = t.cod_cliente WHERE %s
                    GROUP BY t.cod_cliente, c.nome ORDER BY tons DESC, t.cod_cliente LIMIT %d""".formatted(w, top));
            case SALES_BY_UF -> run(analysis, where, List.of("uf", "tons", "invoices", "clients", "share_pct"), """
                    SELECT t.zs_uf, round(sum(t.zs_peso_liquido), 3) AS tons, count(*), count(DISTINCT t.cod_cliente),
                           round(100 * sum(t.zs_peso_liquido) / nullif(sum(sum(t.zs_peso_liquido)) OVER (), 0), 2)
                    FROM faturamento t WHERE %s GROUP BY t.zs_uf ORDER BY tons DESC, t.zs_uf""".formatted(w));
            case SALES_BY_CITY -> run(analysis, where, List.of("uf", "cidade", "tons", "invoices", "clients", "share_pct"), """
                    SELECT t.zs_uf, t.zs_cidade, round(sum(t.zs_peso_liquido), 3) AS tons, count(*), count(DISTINCT t.cod_cliente),
                           round(100 * sum(t.zs_peso_liquido) / nullif(sum(sum(t.zs_peso_liquido)) OVER (), 0), 2)
                    FROM faturamento t WHERE %s GROUP BY t.zs_uf, t.zs_cidade ORDER BY tons DESC, t.zs_uf, t.zs_cidade LIMIT %d"""
                    .formatted(w, filter.topN() != null ? top : 100));
            case MONTHLY_SALES -> run(analysis, where, List.of("month", "tons", "invoices", "clients"), """
                    SELECT to_char(date_trunc('month', t.data), 'YYYY-MM') AS month, round(sum(t.zs_peso_liquido), 3), count(*),
                           count(DISTINCT t.cod_cliente)
                    FROM faturamento t WHERE %s GROUP BY 1 ORDER BY 1""".formatted(w));
            case PRODUCT_MIX -> run(analysis, where, List.of("grupo", "produto", "cod_produto", "tons", "invoices", "share_pct"), """
                    SELECT t.zs_gr_mercad, t.produto, t.cod_produto, round(sum(t.zs_peso_liquido), 3) AS tons, count(*),
                           round(100 * sum(t.zs_peso_liquido) / nullif(sum(sum(t.zs_peso_liquido)) OVER (), 0), 2)
                    FROM faturamento t WHERE %s GROUP BY 1, 2, 3 ORDER BY tons DESC, 1, 2, 3""".formatted(w));
            case SKU_TURNOVER_BY_CLIENT -> run(analysis, where, List.of("rank", "cod_cliente", "nome", "avg_giro", "skus", "tons"), """
                    SELECT row_number() OVER (ORDER BY avg(t.giro_sku_cliente) DESC, t.cod_cliente), t.cod_cliente, c.nome,
                           round(avg(t.giro_sku_cliente), 4), count(DISTINCT t."SKU"), round(sum(t.zs_peso_liquido), 3)
                    FROM faturamento t JOIN clientes c ON c.cod_cliente = t.cod_cliente WHERE %s
                    GROUP BY t.cod_cliente, c.nome ORDER BY 1 LIMIT %d""".formatted(w, top));
            case CLIENT_CONCENTRATION -> run(analysis, where,
                    List.of("clients", "total_tons", "top_n", "top_n_share_pct", "clients_for_80_pct", "hhi"), """
                    WITH per AS (SELECT t.cod_cliente, sum(t.zs_peso_liquido) AS tons FROM faturamento t WHERE %s GROUP BY t.cod_cliente),
                         tot AS (SELECT sum(tons) AS total, count(*) AS n FROM per),
                         ranked AS (SELECT tons, row_number() OVER (ORDER BY tons DESC, cod_cliente) AS rn,
                                           sum(tons) OVER (ORDER BY tons DESC, cod_cliente) AS cum FROM per)
                    SELECT tot.n, round(coalesce(tot.total, 0), 3), %d,
                           round(100 * (SELECT sum(tons) FROM ranked WHERE rn <= %d) / nullif(tot.total, 0), 2),
                           (SELECT min(rn) FROM ranked WHERE cum >= 0.8 * tot.total),
                           round((SELECT sum(power(100 * tons / tot.total, 2)) FROM per WHERE tot.total > 0), 2)
                    FROM tot""".formatted(w, top, top));
        };
    }

    private FigureTable stock(BusinessAnalysis analysis, BusinessWhere where, String column, String label) {
        return run(analysis, where, List.of(label, "tons", "lots", "share_pct"), """
                SELECT t.%1$s, round(sum(t.es_totalestoque), 3) AS tons, count(*),
                       round(100 * sum(t.es_totalestoque) / nullif(sum(sum(t.es_totalestoque)) OVER (), 0), 2)
                FROM estoque t WHERE %2$s GROUP BY t.%1$s ORDER BY tons DESC, t.%1$s""".formatted(column, where.sql()));
    }

    private FigureTable run(BusinessAnalysis analysis, BusinessWhere where, List<String> columns, String sql) {
        List<?> result = where.bind(em.createNativeQuery(sql)).setHint("org.hibernate.readOnly", true).getResultList();
        List<List<Object>> rows = new ArrayList<>(result.size());
        for (Object row : result) {
            Object[] cells = row instanceof Object[] array ? array : new Object[] { row };
            List<Object> values = new ArrayList<>(cells.length);
            for (Object cell : cells) {
                values.add(normalise(cell));
            }
            rows.add(values);
        }
        return new FigureTable(analysis.title(), columns, rows);
    }

    /** JDBC's Integer/Long/BigInteger/Double to Long or BigDecimal, so cached and fresh tables serialise alike. */
    private static Object normalise(Object cell) {
        if (cell instanceof BigDecimal || cell instanceof String || cell == null) {
            return cell;
        }
        if (cell instanceof Integer || cell instanceof Long || cell instanceof Short || cell instanceof java.math.BigInteger) {
            return ((Number) cell).longValue();
        }
        if (cell instanceof Number n) {
            return new BigDecimal(n.toString());
        }
        return cell.toString();
    }
}
