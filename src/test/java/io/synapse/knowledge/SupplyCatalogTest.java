package io.synapse.knowledge;

import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.synapse.knowledge.supply.SupplyItem;
import io.synapse.support.Api;
import io.synapse.support.Db;
import io.synapse.telemetry.AuditLog;

@QuarkusTest
class SupplyCatalogTest {

    private static Map<String, Object> item(String name, String category, String provider, Map<String, Object> specifications) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", name);
        body.put("category", category);
        body.put("provider", provider);
        body.put("specifications", specifications);
        return body;
    }

    private static UUID create(Api.Login manager, Map<String, Object> body) {
        return UUID.fromString(Api.json(manager.as()).body(body).post("/api/supply-catalog").then().statusCode(201).extract().path("id"));
    }

    @Test
    void managersKeepTheCatalogAndEveryoneReadsIt() {
        Api.Login manager = Api.user("manager");
        Api.Login viewer = Api.user("viewer");
        String tag = "t" + UUID.randomUUID().toString().substring(0, 8);
        Map<String, Object> body = item("GPU node " + tag, "compute", "aws", Map.of("gpu", "A100 80GB", "gpus", 8, "região", "São Paulo"));
        body.put("pricing", Map.of("usd_per_hour", 32.77));
        Response created = Api.json(manager.as()).body(body).post("/api/supply-catalog");
        created.then().statusCode(201).body("user_id", equalTo(manager.id().toString())).body("is_active", equalTo(true))
                .body("specifications.gpus", equalTo(8)).body("pricing.usd_per_hour", equalTo(32.77f)).body("availability", nullValue());
        UUID id = UUID.fromString(created.path("id"));

        viewer.as().get("/api/supply-catalog/" + id).then().statusCode(200).body("name", equalTo("GPU node " + tag));
        Api.json(manager.as()).body(Map.of("pricing", Map.of("usd_per_hour", 30.0), "is_active", false)).patch("/api/supply-catalog/" + id).then()
                .statusCode(200).body("pricing.usd_per_hour", equalTo(30.0f)).body("is_active", equalTo(false)).body("name", equalTo("GPU node " + tag));
        Api.json(manager.as()).body(Map.of("pricing", Map.of())).patch("/api/supply-catalog/" + id).then().statusCode(200).body("pricing", nullValue());

        for (Api.Login notManager : List.of(viewer, Api.user("rep"))) {
            assertProblem(Api.json(notManager.as()).body(item("x", "compute", null, Map.of())).post("/api/supply-catalog"), 403);
            assertProblem(Api.json(notManager.as()).body(Map.of("name", "mine")).patch("/api/supply-catalog/" + id), 403);
            assertProblem(notManager.as().delete("/api/supply-catalog/" + id), 403);
        }
        manager.as().delete("/api/supply-catalog/" + id).then().statusCode(204);
        assertProblem(viewer.as().get("/api/supply-catalog/" + id), 404);
        List<String> actions = Db.tx(() -> AuditLog.<AuditLog>list("resourceId = ?1 order by id", id.toString()).stream().map(a -> a.action).toList());
        assertEquals(List.of("supply.create", "supply.update", "supply.update", "supply.delete"), actions);
    }

    @Test
    void searchFiltersAndKeysetPaging() {
        Api.Login manager = Api.user("manager");
        String tag = "z" + UUID.randomUUID().toString().substring(0, 8);
        UUID gpu = create(manager, item("GPU node " + tag, "compute", "aws", Map.of("gpu", "A100 80GB", "note", tag)));
        UUID disk = create(manager, item("Disco SSD " + tag, "storage", "gcp", Map.of("tipo", "NVMe", "região", "São Paulo", "note", tag)));
        UUID link = create(manager, item("Link " + tag, "network", "aws", Map.of("gbps", 100, "note", tag)));
        Api.json(manager.as()).body(Map.of("is_active", false)).patch("/api/supply-catalog/" + link).then().statusCode(200);
        Api.Login viewer = Api.user("viewer");

        viewer.as().get("/api/supply-catalog?q=" + tag + " a100").then().statusCode(200).body("items.id", equalTo(List.of(gpu.toString())));
        viewer.as().get("/api/supply-catalog?q=" + tag + " são paulo").then().body("items.id", equalTo(List.of(disk.toString())));
        viewer.as().get("/api/supply-catalog?q=" + tag + " -nvme").then().body("items.id", equalTo(List.of(link.toString(), gpu.toString())));
        viewer.as().get("/api/supply-catalog?q=" + tag + "&provider=aws&is_active=true").then().body("items.id", equalTo(List.of(gpu.toString())));
        viewer.as().get("/api/supply-catalog?q=" + tag + "&category=storage").then().body("items.id", equalTo(List.of(disk.toString())));
        viewer.as().get("/api/supply-catalog?q=\"" + tag + "\" 100").then().body("items.id", equalTo(List.of(link.toString())));

        List<String> seen = new ArrayList<>();
        String cursor = null;
        do {
            Response page = viewer.as().get("/api/supply-catalog?limit=1&q=" + tag + (cursor == null ? "" : "&cursor=" + cursor));
            page.then().statusCode(200);
            seen.addAll(page.path("items.id"));
            cursor = page.path("next_cursor");
        } while (cursor != null);
        assertEquals(List.of(link.toString(), disk.toString(), gpu.toString()), seen);
        viewer.as().get("/api/supply-catalog").then().statusCode(200).body("items.id", hasItem(link.toString()));
        viewer.as().get("/api/supply-catalog?q=" + tag + " nothingmatcheshere").then().body("items.id", not(hasItem(gpu.toString())));
    }

    @Test
    void badInputIsRefusedAndNothingIsStored() {
        Api.Login manager = Api.user("manager");
        long before = Db.tx(() -> SupplyItem.count("userId", manager.id()));
        Map<String, Object> good = item("Item", "compute", "aws", Map.of("vcpu", 4));
        for (Map.Entry<String, Object> change : List.<Map.Entry<String, Object>>of(Map.entry("name", ""), Map.entry("name", "n".repeat(256)),
                Map.entry("category", " "), Map.entry("provider", "p".repeat(101)), Map.entry("specifications", "not an object"),
                Map.entry("specifications", List.of(1, 2)), Map.entry("is_active", 1), Map.entry("is_active", "yes"), Map.entry("name", "nul\u0000"),
                Map.entry("specifications", Map.of("k", "nul\u0000")), Map.entry("pricing", 5))) {
            Map<String, Object> body = new HashMap<>(good);
            body.put(change.getKey(), change.getValue());
            Response response = Api.json(manager.as()).body(body).post("/api/supply-catalog");
            assertTrue(response.statusCode() == 400 || response.statusCode() == 422, change + " -> " + response.statusCode());
            assertProblem(response, response.statusCode());
        }
        Map<String, Object> tooMany = new HashMap<>();
        for (int i = 0; i < 201; i++) {
            tooMany.put("k" + i, i);
        }
        Map<String, Object> body = new HashMap<>(good);
        body.put("specifications", tooMany);
        assertProblem(Api.json(manager.as()).body(body).post("/api/supply-catalog"), 400);
        for (String missing : List.of("name", "category", "specifications")) {
            Map<String, Object> without = new HashMap<>(good);
            without.remove(missing);
            assertProblem(Api.json(manager.as()).body(without).post("/api/supply-catalog"), 400);
        }
        assertProblem(Api.json(manager.as()).body("{\"name\": \"x\"} trailing").post("/api/supply-catalog"), 400);
        assertProblem(Api.json(manager.as()).body(Map.of("surprise", true)).post("/api/supply-catalog"), 400);
        assertProblem(manager.as().body("{}").post("/api/supply-catalog"), 415);
        assertEquals(before, (long) Db.tx(() -> SupplyItem.count("userId", manager.id())));

        UUID id = create(manager, good);
        assertProblem(Api.json(manager.as()).body(Map.of("name", " ")).patch("/api/supply-catalog/" + id), 400);
        assertProblem(Api.json(manager.as()).body(Map.of("specifications", "x")).patch("/api/supply-catalog/" + id), 400);
        manager.as().get("/api/supply-catalog/" + id).then().body("name", equalTo("Item")).body("specifications.vcpu", equalTo(4));
        assertProblem(manager.as().get("/api/supply-catalog/" + UUID.randomUUID()), 404);
        assertProblem(manager.as().get("/api/supply-catalog/nope"), 404);
        assertProblem(Api.json(manager.as()).body(Map.of("name", "x")).patch("/api/supply-catalog/" + UUID.randomUUID()), 404);
        assertProblem(manager.as().get("/api/supply-catalog?is_active=maybe"), 400);
        assertProblem(manager.as().get("/api/supply-catalog?cursor=tampered"), 400);
        assertProblem(manager.as().get("/api/supply-catalog?limit=501"), 400);
        assertProblem(manager.as().get("/api/supply-catalog?q=" + "q".repeat(201)), 400);
        // Web-search syntax never errors, whatever the text.
        manager.as().get("/api/supply-catalog?q=\"unclosed & | ! ( :*").then().statusCode(200).body("items", notNullValue());
    }
}
