package io.synapse.business.analytics;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import io.synapse.common.error.ProblemException;
import io.synapse.common.input.TimeBounds;

/**
 * The filters of the business lists and analytics, as query parameters: cliente (code), from and
 * to (dates, to exclusive), centro, tipo_material, grupo (product group), cod_produto, sku, uf,
 * cidade, and top_n where an analysis ranks. Null means "not filtered".
 */
public record BusinessFilter(Integer cliente, LocalDate from, LocalDate to, String centro, String tipoMaterial, String grupo, String codProduto,
        String sku, String uf, String cidade, Integer topN) {

    public static final Set<String> NAMES = Set.of("cliente", "from", "to", "centro", "tipo_material", "grupo", "cod_produto", "sku", "uf",
            "cidade", "top_n");

    public static BusinessFilter none() {
        return new BusinessFilter(null, null, null, null, null, null, null, null, null, null, null);
    }

    /** From query parameters; unknown names, bad values and from >= to answer 400 naming the parameter. */
    public static BusinessFilter of(Map<String, String> params) {
        for (String name : params.keySet()) {
            if (!NAMES.contains(name) && !name.equals("limit") && !name.equals("cursor")) {
                throw ProblemException.invalidField(name, "is not a filter; known: " + new TreeSet<>(NAMES));
            }
        }
        BusinessFilter filter = new BusinessFilter(integer(params, "cliente", 1, Integer.MAX_VALUE), date(params, "from"), date(params, "to"),
                text(params, "centro", 50), text(params, "tipo_material", 100), text(params, "grupo", 100), text(params, "cod_produto", 50),
                text(params, "sku", 50), text(params, "uf", 10), text(params, "cidade", 100), integer(params, "top_n", 1, 1000));
        if (filter.from != null && filter.to != null && !filter.from.isBefore(filter.to)) {
            throw ProblemException.invalidField("from", "must be before to");
        }
        return filter;
    }

    /** This filter without the fields that do not apply to the source table (a report over both tables). */
    public BusinessFilter forSource(BusinessAnalysis.Source source) {
        return source == BusinessAnalysis.Source.ESTOQUE
                ? new BusinessFilter(cliente, from, to, centro, tipoMaterial, grupo, codProduto, sku, null, null, topN)
                : new BusinessFilter(cliente, from, to, centro, null, grupo, codProduto, sku, uf, cidade, topN);
    }

    /** The filters that are set, by parameter name, in a stable order (cache keys, responses). */
    public Map<String, Object> asMap() {
        Map<String, Object> map = new TreeMap<>();
        put(map, "cliente", cliente);
        put(map, "from", from == null ? null : from.toString());
        put(map, "to", to == null ? null : to.toString());
        put(map, "centro", centro);
        put(map, "tipo_material", tipoMaterial);
        put(map, "grupo", grupo);
        put(map, "cod_produto", codProduto);
        put(map, "sku", sku);
        put(map, "uf", uf);
        put(map, "cidade", cidade);
        put(map, "top_n", topN);
        return map;
    }

    private static void put(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    private static String text(Map<String, String> params, String name, int max) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw ProblemException.invalidField(name, "must be at most " + max + " characters");
        }
        return value.trim();
    }

    private static Integer integer(Map<String, String> params, String name, int min, int max) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            int parsed = Integer.parseInt(value.trim());
            if (parsed < min || parsed > max) {
                throw ProblemException.invalidField(name, "must be between " + min + " and " + max);
            }
            return parsed;
        } catch (NumberFormatException e) {
            throw ProblemException.invalidField(name, "must be a whole number");
        }
    }

    private static LocalDate date(Map<String, String> params, String name) {
        String value = params.get(name);
        if (value == null || value.isBlank()) {
            return null;
        }
        LocalDate date;
        try {
            date = LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw ProblemException.invalidField(name, "must be a date such as 2025-01-31");
        }
        if (!TimeBounds.holds(date)) {
            throw ProblemException.invalidField(name, TimeBounds.OUT_OF_RANGE);
        }
        return date;
    }
}
