package io.synapse.business;

import static io.restassured.RestAssured.given;
import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.synapse.business.imports.DataImport;
import io.synapse.support.Api;
import io.synapse.support.Db;
import io.synapse.support.Parallel;

@QuarkusTest
class ImportResourceTest {

    private static long count(String table) {
        return Db.tx(() -> ((Number) Faturamento.getEntityManager().createNativeQuery("SELECT count(*) FROM " + table).getSingleResult()).longValue());
    }

    private static Map<String, Long> counts() {
        return Map.of("estoque", count("estoque"), "faturamento", count("faturamento"), "clientes", count("clientes"));
    }

    @Test
    void generatedFilesLoadWithNewClientsNamedInCodeOrder() {
        Api.Login manager = Api.user("manager");
        long clientsBefore = count("clientes");
        long estoqueBefore = count("estoque");
        Response estoque = Csv.upload(manager, "estoque", Csv.estoque(300, 11), null);
        estoque.then().statusCode(201).header("Location", containsString("/api/imports/")).body("status", equalTo("succeeded"))
                .body("kind", equalTo("estoque")).body("rows_loaded", equalTo(300)).body("rows_rejected", equalTo(0))
                .body("sha256", notNullValue()).body("user_id", equalTo(manager.id().toString()));
        assertEquals(estoqueBefore + 300, count("estoque"));
        int created = estoque.path("clients_created");
        assertEquals(clientsBefore + created, count("clientes"));
        // New clients are numbered after the existing ones, in code order, as the seed's ETL does.
        List<?> names = Db.tx(() -> Cliente.getEntityManager().createNativeQuery(
                "SELECT nome FROM clientes ORDER BY cod_cliente").getResultList());
        List<?> fresh = Db.tx(() -> Cliente.getEntityManager().createNativeQuery(
                "SELECT c.nome FROM clientes c WHERE c.cod_cliente IN (SELECT cod_cliente FROM estoque WHERE import_id = ?1) ORDER BY c.cod_cliente")
                .setParameter(1, ((Number) estoque.path("id")).longValue()).getResultList());
        assertTrue(names.size() >= fresh.size());
        Csv.upload(manager, "faturamento", Csv.faturamento(2000, 12), null).then().statusCode(201).body("rows_loaded", equalTo(2000));
        BigDecimal tons = Db.tx(() -> (BigDecimal) Faturamento.getEntityManager()
                .createNativeQuery("SELECT sum(zs_peso_liquido) FROM faturamento WHERE import_id = (SELECT max(id) FROM data_imports)").getSingleResult());
        assertTrue(tons.signum() > 0);
        manager.as().get("/api/imports/" + estoque.path("id")).then().statusCode(200).body("rows_total", equalTo(300));
    }

    @Test
    void clientNumberingFollowsCodeOrder() {
        Api.Login manager = Api.user("manager");
        long before = count("clientes");
        String body = Csv.FATURAMENTO_HEADER + "\n" + Csv.sale("2024-02-01", "9000003", "SP", "1") + "\n" + Csv.sale("2024-02-01", "9000001", "SP", "1")
                + "\n" + Csv.sale("2024-02-01", "9000002", "SP", "1") + "\n";
        Csv.upload(manager, "faturamento", body, null).then().statusCode(201).body("clients_created", equalTo(3));
        List<?> names = Db.tx(() -> Cliente.getEntityManager()
                .createNativeQuery("SELECT nome FROM clientes WHERE cod_cliente IN (9000001, 9000002, 9000003) ORDER BY cod_cliente").getResultList());
        assertEquals(List.of("Cliente " + (before + 1), "Cliente " + (before + 2), "Cliente " + (before + 3)), names);
    }

    @Test
    void realWorldFormattingIsTolerated() {
        Api.Login manager = Api.user("admin");
        String body = "\uFEFF" + Csv.FATURAMENTO_HEADER + "\r\n"
                + "2024-03-05|9100001|\"4000|0001\"|PRG|\"LAMINADO \"\"A\"\" QUENTE\"|Chapa|CG|1101|\"SAO PAULO\"|SP|12,5|0.75|CG-2.00X1200\r\n"
                + "05/03/2024|9100001|4000000002|PRG|ZINCADO|Chapa|CZN|1101|POMPEIA|SP|3.25|1|CZN-0.50X1000\r\n"
                + "2024-03-06 14:30:00|9100002|4000000003|PRG|ZINCADO|Chapa|CZN|1101|POMPEIA|SP|7|2|CZN-0.50X1000\r\n"
                + "\r\n\r\n\n";
        Response response = Csv.upload(manager, "faturamento", body, null);
        response.then().statusCode(201).body("rows_loaded", equalTo(3));
        long id = ((Number) response.path("id")).longValue();
        List<?> rows = Db.tx(() -> Faturamento.getEntityManager().createNativeQuery(
                "SELECT lote, zs_gr_mercad, zs_cidade, zs_peso_liquido, to_char(data, 'YYYY-MM-DD HH24:MI') FROM faturamento WHERE import_id = ?1 ORDER BY id")
                .setParameter(1, id).getResultList());
        Object[] first = (Object[]) rows.get(0);
        assertEquals("4000|0001", first[0]);
        assertEquals("LAMINADO \"A\" QUENTE", first[1]);
        assertEquals("SAO PAULO", first[2]);
        assertEquals(0, new BigDecimal("12.5").compareTo((BigDecimal) first[3]));
        assertEquals("2024-03-05 00:00", ((Object[]) rows.get(1))[4]);
        assertEquals("2024-03-06 14:30", ((Object[]) rows.get(2))[4]);
    }

    @Test
    void quotedLastFieldsWithCrlfAndCharactersBeyondTheBmpAreStoredAsWritten() {
        Api.Login manager = Api.user("manager");
        String client = "9200077";
        // The SKU column (50 characters) holds 50 emoji: 100 UTF-16 units, 50 characters.
        String sku = "\ud83d\ude00".repeat(50);
        String body = Csv.FATURAMENTO_HEADER + "\r\n" + Csv.sale("2024-05-01", client, "SP", "1").replace("|CZN-0.50X1200", "|\"" + sku + "\"") + "\r\n"
                + Csv.sale("2024-05-02", client, "SP", "2").replace("|CZN-0.50X1200", "|\"QUOTED-SKU\"") + "\r\n";
        Csv.upload(manager, "faturamento", body, null).then().statusCode(201).body("rows_loaded", equalTo(2));
        List<String> skus = Db.tx(() -> Faturamento.<Faturamento>list("codCliente = ?1 order by data", Integer.valueOf(client)).stream()
                .map(f -> f.sku).toList());
        assertEquals(List.of(sku, "QUOTED-SKU"), skus);
    }

    @Test
    void everyKindOfBadFileLoadsNothingAndSaysWhereAndWhy() {
        Api.Login manager = Api.user("manager");
        String good = Csv.sale("2024-04-01", "9200001", "PR", "2.5");
        record Case(String name, String body, int line, String column, String reason) {
        }
        List<Case> cases = List.of(
                new Case("comma delimited", Csv.FATURAMENTO_HEADER.replace('|', ',') + "\n" + good.replace('|', ','), 1, null, "not pipe-delimited"),
                new Case("column count", Csv.FATURAMENTO_HEADER + "\n" + good + "\n" + good + "|extra\n", 3, null, "has 14 fields"),
                new Case("unknown header", Csv.FATURAMENTO_HEADER.replace("zs_uf", "zs_state") + "\n" + good, 1, "zs_state", "unknown column"),
                new Case("bad date", Csv.FATURAMENTO_HEADER + "\n" + good + "\n" + good.replace("2024-04-01", "2024-13-45"), 3, "data", "not a date"),
                new Case("non-numeric quantity", Csv.FATURAMENTO_HEADER + "\n" + good.replace("|2.5|", "|2.5t|"), 2, "zs_peso_liquido", "not a number"),
                new Case("empty client code", Csv.FATURAMENTO_HEADER + "\n" + good + "\n" + good.replace("|9200001|", "||"), 3, "cod_cliente",
                        "client code is empty"),
                new Case("over-long text", Csv.FATURAMENTO_HEADER + "\n" + good.replace("|PR|", "|PARANA-STATE|"), 2, "zs_uf", "at most 10"),
                new Case("unclosed quote", Csv.FATURAMENTO_HEADER + "\n" + good + "\n\"2024-04-01|9200001", 3, null, "not closed"),
                new Case("header only", Csv.FATURAMENTO_HEADER + "\n", 2, null, "no rows"),
                // Issue 9: impossible day-first dates were moved to the month's last day.
                new Case("30 February", Csv.FATURAMENTO_HEADER + "\n" + good.replace("2024-04-01", "30/02/2025"), 2, "data", "not a date"),
                new Case("31 April", Csv.FATURAMENTO_HEADER + "\n" + good + "\n" + good.replace("2024-04-01", "31/04/2025"), 3, "data", "not a date"),
                new Case("year past PostgreSQL", Csv.FATURAMENTO_HEADER + "\n" + good.replace("2024-04-01", "+294277-01-01 00:00:00"), 2, "data",
                        "0001-01-01 and 9999-12-31"),
                new Case("negative tons", Csv.FATURAMENTO_HEADER + "\n" + good.replace("|2.5|", "|-2.5|"), 2, "zs_peso_liquido", "negative"),
                new Case("negative turnover", Csv.FATURAMENTO_HEADER + "\n" + good.replace("|1.5|", "|-0.1|"), 2, "giro_sku_cliente", "negative"),
                new Case("negative client code", Csv.FATURAMENTO_HEADER + "\n" + good.replace("|9200001|", "|-9200001|"), 2, "cod_cliente",
                        "not a client code"),
                new Case("client code zero", Csv.FATURAMENTO_HEADER + "\n" + good.replace("|9200001|", "|0|"), 2, "cod_cliente", "not a client code"),
                // The problem quotes the cell, and problems are stored as jsonb: the NUL must not reach it (500, import left running).
                new Case("NUL in a number", Csv.FATURAMENTO_HEADER + "\n" + good.replace("|2.5|", "|2.\u00005|"), 2, "zs_peso_liquido", "not a number"),
                new Case("NUL in a header", Csv.FATURAMENTO_HEADER.replace("zs_uf", "zs_\u0000uf") + "\n" + good, 1, "zs_uf", "unknown column"),
                new Case("NUL in text", Csv.FATURAMENTO_HEADER + "\n" + good.replace("CURITIBA", "CURI\u0000TIBA"), 2, "zs_cidade", "NUL"),

                new Case("empty", "", 1, null, "empty"));
        Map<String, Long> before = counts();
        for (Case c : cases) {
            Response response = Csv.upload(manager, "faturamento", c.body(), null);
            assertProblem(response, 422).body("problems[0].line", equalTo(c.line())).body("problems[0].column", equalTo(c.column()))
                    .body("problems[0].reason", containsString(c.reason()));
            assertEquals(before, counts(), c.name());
        }
        // Estoque: negative days in stock and negative stock are refused too.
        String stock = "2025-08-04|9200001|1101|Produto Acabado|E_PRG_REF|BFF|L1|12|Bobina|Zincado|2.5|BFF-1";
        assertProblem(Csv.upload(manager, "estoque", Csv.ESTOQUE_HEADER + "\n" + stock.replace("|12|", "|-3|") + "\n", null), 422)
                .body("problems[0].column", equalTo("dias_em_estoque")).body("problems[0].reason", containsString("negative"));
        assertProblem(Csv.upload(manager, "estoque", Csv.ESTOQUE_HEADER + "\n" + stock.replace("|2.5|", "|-2.5|") + "\n", null), 422)
                .body("problems[0].column", equalTo("es_totalestoque"));
        assertEquals(before, counts());
        // Not UTF-8: reported on the line that holds the bad byte, not on the line the decoder happened to be reading.
        byte[] latin1 = (Csv.FATURAMENTO_HEADER + "\n" + good + "\n" + good + "\n" + good + "\n" + good.replace("CURITIBA", "SÃO PAULO") + "\n")
                .getBytes(StandardCharsets.ISO_8859_1);
        assertProblem(Csv.upload(manager, "faturamento", latin1), 422).body("problems[0].reason", containsString("UTF-8"))
                .body("problems[0].line", equalTo(5));
        // A UTF-16 surrogate cannot be sent in UTF-8: its 3-byte form (CESU-8) is not UTF-8 either.
        byte[] cesu = (Csv.FATURAMENTO_HEADER + "\n" + good + "\n" + good.replace("CURITIBA", "CURI@TIBA") + "\n").getBytes(StandardCharsets.UTF_8);
        int at = new String(cesu, StandardCharsets.ISO_8859_1).indexOf('@');
        byte[] withSurrogate = new byte[cesu.length + 2];
        System.arraycopy(cesu, 0, withSurrogate, 0, at);
        withSurrogate[at] = (byte) 0xED;
        withSurrogate[at + 1] = (byte) 0xA0;
        withSurrogate[at + 2] = (byte) 0x80;
        System.arraycopy(cesu, at + 1, withSurrogate, at + 3, cesu.length - at - 1);
        assertProblem(Csv.upload(manager, "faturamento", withSurrogate), 422).body("problems[0].reason", containsString("UTF-8"))
                .body("problems[0].line", equalTo(3));
        assertEquals(before, counts());
        // More than a hundred bad rows: the first hundred are listed, all are counted.
        StringBuilder many = new StringBuilder(Csv.FATURAMENTO_HEADER).append('\n');
        for (int i = 0; i < 150; i++) {
            many.append(good.replace("2024-04-01", "someday")).append('\n');
        }
        many.append(good).append('\n');
        Response response = Csv.upload(manager, "faturamento", many.toString(), null);
        assertProblem(response, 422).body("problems", hasSize(100)).body("problems[99].line", equalTo(101));
        long id = Db.tx(() -> DataImport.<DataImport>find("order by id desc").firstResult().id);
        DataImport attempt = Db.tx(() -> DataImport.findById(id));
        assertEquals("rejected", attempt.status);
        assertEquals(150, attempt.rowsRejected);
        assertEquals(151, attempt.rowsTotal);
        assertEquals(100, attempt.problems.size());
        assertEquals(before, counts());
    }

    /** Issue 9: a server-side failure stored "DataException: ... COPY import_staging ..." where managers read it. */
    @Test
    void aFailureOnTheServerStoresAReasonForPeopleAndKeepsTheDetailInTheLog() {
        Api.Login manager = Api.user("manager");
        String sql = """
                CREATE OR REPLACE FUNCTION synapse_test_fail() RETURNS trigger AS $$
                BEGIN IF NEW."SKU" = 'FAIL-ON-SERVER' THEN RAISE EXCEPTION 'internal detail: relation faturamento exploded'; END IF; RETURN NEW; END
                $$ LANGUAGE plpgsql;
                CREATE TRIGGER synapse_test_fail BEFORE INSERT ON faturamento FOR EACH ROW EXECUTE FUNCTION synapse_test_fail();""";
        Db.run(() -> Faturamento.getEntityManager().createNativeQuery(sql).executeUpdate());
        try {
            Map<String, Long> before = counts();
            String body = Csv.FATURAMENTO_HEADER + "\n" + Csv.sale("2024-06-01", "9200088", "SP", "1").replace("CZN-0.50X1200", "FAIL-ON-SERVER") + "\n";
            Response response = Csv.upload(manager, "faturamento", body, null);
            assertProblem(response, 500);
            DataImport failed = Db.tx(() -> DataImport.<DataImport>find("order by id desc").firstResult());
            assertEquals("failed", failed.status);
            assertTrue(failed.errorMessage.contains(response.header("X-Request-Id")), failed.errorMessage);
            for (String leak : List.of("Exception", "faturamento", "COPY", "internal detail", "SQL")) {
                assertTrue(!failed.errorMessage.contains(leak), failed.errorMessage);
            }
            manager.as().get("/api/imports/" + failed.id).then().statusCode(200).body("error_message", equalTo(failed.errorMessage));
            assertEquals(before, counts());
        } finally {
            Db.run(() -> Faturamento.getEntityManager().createNativeQuery(
                    "DROP TRIGGER IF EXISTS synapse_test_fail ON faturamento; DROP FUNCTION IF EXISTS synapse_test_fail()").executeUpdate());
        }
    }

    @Test
    void theSameFileTwiceIsAConflictUnlessItReplaces() {
        Api.Login manager = Api.user("manager");
        String file = Csv.estoque(50, 21);
        long first = ((Number) Csv.upload(manager, "estoque", file, null).then().statusCode(201).extract().path("id")).longValue();
        long before = count("estoque");
        assertProblem(Csv.upload(manager, "estoque", file, null), 409).body("detail", containsString("import " + first));
        assertEquals(before, count("estoque"));
        assertEquals("duplicate", Db.tx(() -> DataImport.<DataImport>find("order by id desc").firstResult().status));
        // The same content as another kind is not a duplicate of it (different table), but it is the wrong header.
        assertProblem(Csv.upload(manager, "faturamento", file, null), 422);
        // replace: this table's earlier rows go, the file's rows come, atomically.
        Csv.upload(manager, "estoque", file, "replace").then().statusCode(201).body("rows_loaded", equalTo(50)).body("mode", equalTo("replace"));
        assertEquals(50, count("estoque"));
        assertEquals("replaced", Db.tx(() -> DataImport.<DataImport>findById(first).status));
    }

    @Test
    void concurrentImportsOfOneTableQueueUp() throws Exception {
        Api.Login manager = Api.user("manager");
        String same = Csv.faturamento(400, 31);
        List<Integer> statuses = Parallel.run(List.of(() -> Csv.upload(manager, "faturamento", same, null).statusCode(),
                () -> Csv.upload(manager, "faturamento", same, null).statusCode()));
        assertEquals(List.of(201, 409), statuses.stream().sorted().toList());
        long before = count("faturamento");
        statuses = Parallel.run(List.of(() -> Csv.upload(manager, "faturamento", Csv.faturamento(300, 32), null).statusCode(),
                () -> Csv.upload(manager, "faturamento", Csv.faturamento(200, 33), null).statusCode(),
                () -> Csv.upload(manager, "estoque", Csv.estoque(100, 34), null).statusCode()));
        assertEquals(List.of(201, 201, 201), statuses);
        assertEquals(before + 500, count("faturamento"));
        // Client names stay unique per code and numbered without gaps created by a race.
        assertEquals(0L, (long) Db.tx(() -> ((Number) Cliente.getEntityManager().createNativeQuery(
                "SELECT count(*) FROM (SELECT nome FROM clientes GROUP BY nome HAVING count(*) > 1) d").getSingleResult()).longValue()));
    }

    @Test
    void multipartUploadsWork() {
        Api.Login manager = Api.user("manager");
        manager.as().multiPart("file", "faturamento 1.csv", Csv.faturamento(120, 41).getBytes(StandardCharsets.UTF_8), "text/csv")
                .multiPart("mode", "append").post("/api/imports/faturamento").then().statusCode(201).body("file_name", equalTo("faturamento 1.csv"))
                .body("rows_loaded", equalTo(120));
        assertProblem(manager.as().multiPart("other", "x.csv", "a".getBytes(StandardCharsets.UTF_8)).post("/api/imports/faturamento"), 400);
    }

    @Test
    void onlyManagersAndAdminsImportAndSeeImports() {
        String file = Csv.estoque(10, 51);
        long before = count("estoque");
        for (String role : List.of("viewer", "rep")) {
            Api.Login user = Api.user(role);
            assertProblem(Csv.upload(user, "estoque", file, null), 403);
            assertProblem(user.as().get("/api/imports"), 403);
        }
        assertProblem(given().contentType("text/csv").body(file).post("/api/imports/estoque"), 401);
        assertEquals(before, count("estoque"));
        Api.Login manager = Api.user("manager");
        assertProblem(Csv.upload(manager, "clientes", file, null), 404);
        assertProblem(Csv.upload(manager, "estoque", file, "merge"), 400).body("errors[0].field", equalTo("mode"));
        assertProblem(manager.as().contentType("application/json").body("{}").post("/api/imports/estoque"), 415);
        assertEquals(before, count("estoque"));
        manager.as().get("/api/imports?kind=estoque&limit=2").then().statusCode(200).body("items.size()", org.hamcrest.Matchers.lessThanOrEqualTo(2));
        manager.as().get("/api/imports?status=rejected").then().statusCode(200);
        assertProblem(manager.as().get("/api/imports?status=nope"), 400);
        assertProblem(manager.as().get("/api/imports?kind=nope"), 404);
        assertProblem(manager.as().get("/api/imports/999999999"), 404);
        assertProblem(manager.as().get("/api/imports?cursor=zzz"), 400);
    }
}
