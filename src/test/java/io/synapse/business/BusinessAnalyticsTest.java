package io.synapse.business;

import static io.restassured.RestAssured.given;
import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import io.synapse.support.Api;
import io.synapse.support.Db;

/**
 * Every analysis against the same figures computed here with plain SQL (or plain Java) on the
 * same rows. The data sits in years no other test uses (2028-2032), and the filters select it.
 */
@QuarkusTest
class BusinessAnalyticsTest {

    static final String SALES = "from=2028-01-01&to=2030-01-01";
    static final String STOCK = "from=2032-08-04&to=2032-08-05";
    static final String SALES_SQL = "data >= '2028-01-01' AND data < '2030-01-01'";
    static final String STOCK_SQL = "data >= '2032-08-04' AND data < '2032-08-05'";
    private static boolean loaded;

    @BeforeEach
    void load() {
        if (loaded) {
            return;
        }
        Api.Login manager = Api.user("manager");
        Csv.upload(manager, "faturamento", Csv.faturamento(3000, 99).replace("2024-", "2028-").replace("2025-", "2029-"), "append")
                .then().statusCode(201);
        Csv.upload(manager, "estoque", Csv.estoque(800, 98).replace("2025-08-04", "2032-08-04"), "append").then().statusCode(201);
        loaded = true;
    }

    private static JsonPath analysis(String name, String query) {
        // The query is written already encoded; numbers are read as BigDecimal (floats would lose the third decimal).
        return Api.user("viewer").as().urlEncodingEnabled(false).get("/api/analytics/business/" + name + "?" + query).then().statusCode(200)
                .extract().jsonPath().using(new JsonPathConfig(JsonPathConfig.NumberReturnType.BIG_DECIMAL));
    }

    private static List<List<Object>> sql(String sql) {
        List<?> rows = Db.tx(() -> Faturamento.getEntityManager().createNativeQuery(sql).getResultList());
        List<List<Object>> out = new ArrayList<>();
        for (Object row : rows) {
            out.add(row instanceof Object[] a ? List.of(a) : List.of(row));
        }
        return out;
    }

    /** The API's rows (as lists in column order) against the SQL's, numbers compared by value. */
    private static void assertRows(List<List<Object>> expected, JsonPath actual) {
        List<String> columns = actual.getList("columns", String.class);
        List<Map<String, Object>> rows = actual.getList("rows");
        assertEquals(expected.size(), rows.size(), "row count");
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < columns.size(); c++) {
                Object want = expected.get(r).get(c);
                Object got = rows.get(r).get(columns.get(c));
                if (want instanceof Number || got instanceof Number) {
                    assertEquals(0, new BigDecimal(String.valueOf(want)).compareTo(new BigDecimal(String.valueOf(got))),
                            "row " + r + " " + columns.get(c) + ": " + want + " vs " + got);
                } else {
                    assertEquals(want, got, "row " + r + " " + columns.get(c));
                }
            }
        }
    }

    @Test
    void inventoryAgingMatchesPlainSql() {
        List<List<Object>> expected = new ArrayList<>();
        String[][] buckets = { { "0-30", "dias_em_estoque <= 30" }, { "31-60", "dias_em_estoque BETWEEN 31 AND 60" },
                { "61-90", "dias_em_estoque BETWEEN 61 AND 90" }, { "91-180", "dias_em_estoque BETWEEN 91 AND 180" }, { ">180", "dias_em_estoque > 180" } };
        for (String[] b : buckets) {
            List<Object> row = new ArrayList<>(List.of(b[0]));
            row.addAll(sql("SELECT coalesce(round(sum(es_totalestoque), 3), 0), count(*) FROM estoque WHERE " + STOCK_SQL + " AND " + b[1]).get(0));
            expected.add(row);
        }
        assertRows(expected, analysis("inventory-aging", STOCK));
        long lots = ((Number) sql("SELECT count(*) FROM estoque WHERE " + STOCK_SQL).get(0).get(0)).longValue();
        assertEquals(800, lots);
    }

    @Test
    void stockBreakdownsMatchPlainSql() {
        for (String[] a : new String[][] { { "stock-by-centre", "es_centro" }, { "stock-by-material-type", "tipo_material" },
                { "stock-by-product-group", "grupo_mercadoria" } }) {
            assertRows(sql("SELECT " + a[1] + ", round(sum(es_totalestoque), 3) t, count(*), round(100 * sum(es_totalestoque) / (SELECT sum(es_totalestoque) FROM estoque WHERE "
                    + STOCK_SQL + "), 2) FROM estoque WHERE " + STOCK_SQL + " GROUP BY 1 ORDER BY t DESC, 1"), analysis(a[0], STOCK));
        }
        assertRows(sql("SELECT e.cod_cliente, c.nome, round(sum(es_totalestoque), 3) t, count(*), round(100 * sum(es_totalestoque) / (SELECT sum(es_totalestoque) FROM estoque WHERE "
                + STOCK_SQL + "), 2) FROM estoque e JOIN clientes c USING (cod_cliente) WHERE " + STOCK_SQL
                + " GROUP BY 1, 2 ORDER BY t DESC, 1 LIMIT 10"), analysis("stock-by-client", STOCK + "&top_n=10"));
        // Filters narrow both the same way.
        assertRows(sql("SELECT es_centro, round(sum(es_totalestoque), 3) t, count(*), 100.00 FROM estoque WHERE " + STOCK_SQL
                + " AND tipo_material = 'Materia Prima' AND es_centro = '1101' GROUP BY 1"),
                analysis("stock-by-centre", STOCK + "&tipo_material=Materia%20Prima&centro=1101"));
    }

    @Test
    void salesBreakdownsMatchPlainSql() {
        String total = "(SELECT sum(zs_peso_liquido) FROM faturamento WHERE " + SALES_SQL + ")";
        assertRows(sql("SELECT zs_uf, round(sum(zs_peso_liquido), 3) t, count(*), count(DISTINCT cod_cliente), round(100 * sum(zs_peso_liquido) / " + total
                + ", 2) FROM faturamento WHERE " + SALES_SQL + " GROUP BY 1 ORDER BY t DESC, 1"), analysis("sales-by-uf", SALES));
        assertRows(sql("SELECT zs_uf, zs_cidade, round(sum(zs_peso_liquido), 3) t, count(*), count(DISTINCT cod_cliente), round(100 * sum(zs_peso_liquido) / "
                + total + ", 2) FROM faturamento WHERE " + SALES_SQL + " GROUP BY 1, 2 ORDER BY t DESC, 1, 2"), analysis("sales-by-city", SALES));
        assertRows(sql("SELECT to_char(data, 'YYYY-MM') m, round(sum(zs_peso_liquido), 3), count(*), count(DISTINCT cod_cliente) FROM faturamento WHERE "
                + SALES_SQL + " GROUP BY 1 ORDER BY 1"), analysis("monthly-sales", SALES));
        assertRows(sql("SELECT zs_gr_mercad, produto, cod_produto, round(sum(zs_peso_liquido), 3) t, count(*), round(100 * sum(zs_peso_liquido) / " + total
                + ", 2) FROM faturamento WHERE " + SALES_SQL + " GROUP BY 1, 2, 3 ORDER BY t DESC, 1, 2, 3"), analysis("product-mix", SALES));
        assertRows(sql("SELECT zs_uf, round(sum(zs_peso_liquido), 3) t, count(*), count(DISTINCT cod_cliente), 100.00 FROM faturamento WHERE " + SALES_SQL
                + " AND zs_uf = 'SP' AND data >= '2028-06-01' GROUP BY 1"), analysis("sales-by-uf", "from=2028-06-01&to=2030-01-01&uf=SP"));
        JsonPath months = analysis("monthly-sales", SALES);
        assertEquals(20, months.getList("rows").size()); // 2028-01 to 2029-08: the generator spreads sales over 570 days
    }

    @Test
    void skuTurnoverRankingMatchesPlainSql() {
        assertRows(sql("SELECT row_number() OVER (ORDER BY avg(giro_sku_cliente) DESC, f.cod_cliente), f.cod_cliente, c.nome, round(avg(giro_sku_cliente), 4),"
                + " count(DISTINCT \"SKU\"), round(sum(zs_peso_liquido), 3) FROM faturamento f JOIN clientes c USING (cod_cliente) WHERE " + SALES_SQL
                + " GROUP BY f.cod_cliente, c.nome ORDER BY 1 LIMIT 20"), analysis("sku-turnover-by-client", SALES));
    }

    /** Concentration recomputed in Java from the per-client totals. */
    @Test
    void clientConcentrationMatchesAComputationInJava() {
        List<List<Object>> perClient = sql("SELECT cod_cliente, sum(zs_peso_liquido) t FROM faturamento WHERE " + SALES_SQL + " GROUP BY 1 ORDER BY t DESC, 1");
        BigDecimal total = BigDecimal.ZERO;
        for (List<Object> row : perClient) {
            total = total.add((BigDecimal) row.get(1));
        }
        BigDecimal top5 = BigDecimal.ZERO;
        int for80 = 0;
        BigDecimal running = BigDecimal.ZERO;
        double hhi = 0;
        for (int i = 0; i < perClient.size(); i++) {
            BigDecimal tons = (BigDecimal) perClient.get(i).get(1);
            if (i < 5) {
                top5 = top5.add(tons);
            }
            running = running.add(tons);
            if (for80 == 0 && running.compareTo(total.multiply(new BigDecimal("0.8"))) >= 0) {
                for80 = i + 1;
            }
            double share = 100 * tons.doubleValue() / total.doubleValue();
            hhi += share * share;
        }
        JsonPath result = analysis("client-concentration", SALES + "&top_n=5");
        Map<String, Object> row = result.getMap("rows[0]");
        assertEquals(perClient.size(), ((Number) row.get("clients")).intValue());
        assertEquals(0, total.setScale(3, RoundingMode.HALF_UP).compareTo(new BigDecimal(row.get("total_tons").toString())));
        assertEquals(5, ((Number) row.get("top_n")).intValue());
        assertEquals(top5.multiply(BigDecimal.valueOf(100)).divide(total, 2, RoundingMode.HALF_UP).doubleValue(),
                ((Number) row.get("top_n_share_pct")).doubleValue(), 0.006);
        assertEquals(for80, ((Number) row.get("clients_for_80_pct")).intValue());
        assertEquals(hhi, ((Number) row.get("hhi")).doubleValue(), 0.01);
        assertTrue(for80 < perClient.size() / 2, "the generator's clients are skewed, as real ones are");
    }

    @Test
    void resultsAreCachedUntilTheNextImport() {
        String query = "from=2028-01-01&to=2033-01-01&uf=PR";
        JsonPath first = analysis("sales-by-city", query);
        JsonPath second = analysis("sales-by-city", query);
        assertEquals(true, second.getBoolean("cached"));
        assertEquals(first.getList("rows"), second.getList("rows"));
        Api.Login manager = Api.user("manager");
        Csv.upload(manager, "faturamento", Csv.FATURAMENTO_HEADER + "\n" + Csv.sale("2032-12-01", "9300001", "PR", "5000") + "\n", null)
                .then().statusCode(201);
        JsonPath after = analysis("sales-by-city", query);
        assertEquals(false, after.getBoolean("cached"));
        assertNotEquals(first.getList("rows"), after.getList("rows"));
        assertEquals("CURITIBA", after.getString("rows[0].cidade"));
    }

    /** Issue 9: a renamed client kept its old name in cached analytics for up to six hours. */
    @Test
    void renamingAClientRefreshesCachedAnalytics() {
        Api.Login manager = Api.user("manager");
        Csv.upload(manager, "faturamento", Csv.FATURAMENTO_HEADER + "\n" + Csv.sale("2034-03-01", "9300777", "SC", "7") + "\n", null)
                .then().statusCode(201);
        String query = "from=2034-03-01&to=2034-04-01&cliente=9300777";
        analysis("sku-turnover-by-client", query);
        JsonPath cached = analysis("sku-turnover-by-client", query);
        assertEquals(true, cached.getBoolean("cached"));
        String renamed = "Renamed " + java.util.UUID.randomUUID();
        Api.json(manager.as()).body(java.util.Map.of("nome", renamed)).patch("/api/clientes/9300777").then().statusCode(200);
        JsonPath after = analysis("sku-turnover-by-client", query);
        assertEquals(false, after.getBoolean("cached"));
        assertTrue(after.prettify().contains(renamed), after.prettify());
    }

    @Test
    void everyoneSignedInReadsAnalyticsAndBadFiltersAreProblems() {
        for (String role : List.of("viewer", "rep", "manager", "admin")) {
            Api.user(role).as().get("/api/analytics/business/sales-by-uf?" + SALES).then().statusCode(200);
        }
        Api.user("viewer").as().get("/api/analytics/business").then().statusCode(200).body("", hasSize(11));
        assertProblem(given().get("/api/analytics/business/sales-by-uf"), 401);
        Api.Login viewer = Api.user("viewer");
        assertProblem(viewer.as().get("/api/analytics/business/revenue"), 404);
        assertProblem(viewer.as().get("/api/analytics/business/sales-by-uf?tipo_material=x"), 400).body("errors[0].field", equalTo("tipo_material"));
        assertProblem(viewer.as().get("/api/analytics/business/inventory-aging?uf=SP"), 400).body("errors[0].field", equalTo("uf"));
        assertProblem(viewer.as().get("/api/analytics/business/sales-by-uf?from=2030-13-01"), 400).body("errors[0].field", equalTo("from"));
        assertProblem(viewer.as().get("/api/analytics/business/sales-by-uf?from=2031-01-01&to=2030-01-01"), 400);
        assertProblem(viewer.as().get("/api/analytics/business/sales-by-uf?top_n=0"), 400);
        assertProblem(viewer.as().get("/api/analytics/business/sales-by-uf?cliente=abc"), 400);
        assertProblem(viewer.as().get("/api/analytics/business/sales-by-uf?colour=red"), 400).body("errors[0].field", equalTo("colour"));
        assertProblem(viewer.as().get("/api/analytics/business/sales-by-uf?uf=SP&uf=PR"), 400);
        assertProblem(viewer.as().queryParam("cidade", "c".repeat(101)).get("/api/analytics/business/sales-by-city"), 400);
    }
}
