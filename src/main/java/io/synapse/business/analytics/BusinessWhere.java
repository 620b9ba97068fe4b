package io.synapse.business.analytics;

import java.util.ArrayList;
import java.util.List;

import jakarta.persistence.Query;

import io.synapse.common.error.ProblemException;

/**
 * The SQL conditions of a {@link BusinessFilter} on estoque or faturamento (alias {@code t}),
 * with positional parameters. A filter that does not apply to the table answers 400.
 */
public final class BusinessWhere {

    private final StringBuilder sql = new StringBuilder("TRUE");
    private final List<Object> params = new ArrayList<>();

    private BusinessWhere() {
    }

    public static BusinessWhere of(BusinessAnalysis.Source source, BusinessFilter f) {
        boolean estoque = source == BusinessAnalysis.Source.ESTOQUE;
        BusinessWhere where = new BusinessWhere();
        where.add("t.cod_cliente = ?", f.cliente());
        where.add("t.data >= ?", f.from() == null ? null : f.from().atStartOfDay());
        where.add("t.data < ?", f.to() == null ? null : f.to().atStartOfDay());
        where.add(estoque ? "t.es_centro = ?" : "t.zs_centro = ?", f.centro());
        where.add(estoque ? "t.grupo_mercadoria = ?" : "t.zs_gr_mercad = ?", f.grupo());
        where.add("t.cod_produto = ?", f.codProduto());
        where.add("t.\"SKU\" = ?", f.sku());
        if (estoque) {
            where.add("t.tipo_material = ?", f.tipoMaterial());
            notApplicable("uf", f.uf(), "estoque");
            notApplicable("cidade", f.cidade(), "estoque");
        } else {
            where.add("t.zs_uf = ?", f.uf());
            where.add("t.zs_cidade = ?", f.cidade());
            notApplicable("tipo_material", f.tipoMaterial(), "faturamento");
        }
        return where;
    }

    /** An extra condition with its own parameter, e.g. the keyset cursor. */
    public BusinessWhere and(String condition, Object value) {
        add(condition, value);
        return this;
    }

    public String sql() {
        return sql.toString();
    }

    /** Binds the parameters in order, starting at {@code ?1}. */
    public Query bind(Query query) {
        for (int i = 0; i < params.size(); i++) {
            query.setParameter(i + 1, params.get(i));
        }
        return query;
    }

    public int nextParameter() {
        return params.size() + 1;
    }

    private void add(String condition, Object value) {
        if (value != null) {
            params.add(value);
            sql.append(" AND ").append(condition.replace("?", "?" + params.size()));
        }
    }

    private static void notApplicable(String name, Object value, String table) {
        if (value != null) {
            throw ProblemException.invalidField(name, "does not apply to " + table);
        }
    }
}
