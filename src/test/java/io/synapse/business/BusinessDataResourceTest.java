package io.synapse.business;

import static io.restassured.RestAssured.given;
import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.synapse.support.Api;
import io.synapse.support.Db;
import io.synapse.telemetry.AuditLog;

@QuarkusTest
class BusinessDataResourceTest {

    /** Rows of their own: client codes 9400001.. and the year 2040. */
    private static void load() {
        StringBuilder sales = new StringBuilder(Csv.FATURAMENTO_HEADER).append('\n');
        for (int i = 0; i < 7; i++) {
            sales.append(Csv.sale("2040-01-0" + (i + 1), "940000" + (i % 3 + 1), i % 2 == 0 ? "SP" : "PR", "1." + i)).append('\n');
        }
        Response response = Csv.upload(Api.user("manager"), "faturamento", sales.toString(), null);
        if (response.statusCode() != 201 && response.statusCode() != 409) {
            response.then().statusCode(201);
        }
        String stock = Csv.ESTOQUE_HEADER + "\n2040-02-01|9400001|1101|Materia Prima|E_PRG_REF|BFF|L1|10|Bobina|Laminado a Frio|5.5|BFF-0.40X1000\n"
                + "2040-02-01|9400002|32D1|Produto Acabado|S_PRG_REF|RFF|L2|200|Rolo|Laminado a Quente|7.25|RFF-1.20X1200\n";
        Response stocked = Csv.upload(Api.user("manager"), "estoque", stock, null);
        if (stocked.statusCode() != 201 && stocked.statusCode() != 409) {
            stocked.then().statusCode(201);
        }
    }

    @Test
    void faturamentoListsFilterAndPageNewestFirst() {
        load();
        Api.Login viewer = Api.user("viewer");
        Set<Long> seen = new HashSet<>();
        String cursor = null;
        int pages = 0;
        do {
            Response page = viewer.as().queryParam("from", "2040-01-01").queryParam("to", "2040-02-01").queryParam("limit", 3)
                    .queryParam("cursor", cursor == null ? "" : cursor).get("/api/faturamento");
            page.then().statusCode(200);
            List<Number> ids = page.path("items.id");
            ids.forEach(id -> seen.add(id.longValue()));
            cursor = page.path("next_cursor");
            pages++;
        } while (cursor != null);
        assertEquals(3, pages);
        assertEquals(7, seen.size());
        viewer.as().get("/api/faturamento?from=2040-01-01&to=2040-02-01&uf=SP&cliente=9400001").then().statusCode(200)
                .body("items.zs_uf", everyItem(equalTo("SP"))).body("items.cod_cliente", everyItem(equalTo(9400001)))
                .body("items[0].SKU", equalTo("CZN-0.50X1200")).body("items[0].import_id", notNullValue());
        viewer.as().queryParam("cliente", 9400002).queryParam("tipo_material", "Produto Acabado").get("/api/estoque").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].es_totalestoque", equalTo(7.25f)).body("items[0].dias_em_estoque", equalTo(200));
        assertProblem(viewer.as().get("/api/estoque?uf=SP"), 400);
        assertProblem(viewer.as().get("/api/faturamento?tipo_material=x"), 400);
        assertProblem(viewer.as().get("/api/faturamento?limit=0"), 400);
        assertProblem(viewer.as().get("/api/faturamento?cursor=abc"), 400);
        assertProblem(viewer.as().get("/api/faturamento?from=nope"), 400);
        assertProblem(given().get("/api/faturamento"), 401);
        assertProblem(given().get("/api/estoque"), 401);
    }

    @Test
    void clientsAreSearchedAndRenamedByManagers() {
        load();
        Api.Login viewer = Api.user("viewer");
        viewer.as().get("/api/clientes?q=9400002").then().statusCode(200).body("items[0].cod_cliente", equalTo(9400002));
        String name = viewer.as().get("/api/clientes/9400003").then().statusCode(200).extract().path("nome");
        viewer.as().queryParam("q", name.toUpperCase()).get("/api/clientes").then().body("items.cod_cliente", org.hamcrest.Matchers.hasItem(9400003));
        Response page = viewer.as().get("/api/clientes?limit=2");
        page.then().statusCode(200).body("items", hasSize(2)).body("next_cursor", notNullValue());
        viewer.as().queryParam("cursor", (String) page.path("next_cursor")).get("/api/clientes?limit=2").then().statusCode(200);

        for (String role : List.of("viewer", "rep")) {
            assertProblem(Api.json(Api.user(role).as()).body(Map.of("nome", "Hijack")).patch("/api/clientes/9400003"), 403);
        }
        Api.Login manager = Api.user("manager");
        Api.json(manager.as()).body(Map.of("nome", "Metalúrgica Paraná Ltda")).patch("/api/clientes/9400003").then().statusCode(200)
                .body("nome", equalTo("Metalúrgica Paraná Ltda"));
        viewer.as().get("/api/clientes/9400003").then().body("nome", equalTo("Metalúrgica Paraná Ltda"));
        assertEquals(1L, (long) Db.tx(() -> AuditLog.count("action = 'cliente.update' and resourceId = '9400003' and userId = ?1", manager.id())));
        assertProblem(Api.json(manager.as()).body(Map.of("nome", "x".repeat(101))).patch("/api/clientes/9400003"), 400);
        assertProblem(Api.json(manager.as()).body(Map.of("nome", " ")).patch("/api/clientes/9400003"), 400);
        assertProblem(Api.json(manager.as()).body(Map.of("nome", "x", "cod_cliente", 1)).patch("/api/clientes/9400003"), 400);
        assertProblem(manager.as().contentType("application/json").body("{\"nome\": 5}").patch("/api/clientes/9400003"), 400);
        assertProblem(Api.json(manager.as()).body(Map.of("nome", "Ghost")).patch("/api/clientes/1"), 404);
        assertProblem(viewer.as().get("/api/clientes/abc"), 404);
        assertProblem(viewer.as().queryParam("q", "q".repeat(101)).get("/api/clientes"), 400);
        viewer.as().get("/api/clientes/9400003").then().body("nome", equalTo("Metalúrgica Paraná Ltda"));
        assertProblem(given().get("/api/clientes"), 401);
        viewer.as().get("/api/clientes?q=no-such-client-anywhere").then().body("items", hasSize(0)).body("next_cursor", nullValue());
    }
}
