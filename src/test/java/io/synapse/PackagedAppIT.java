package io.synapse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * Runs against the packaged jar (and the native executable with -Dnative): the artifact we ship
 * starts, migrates, authenticates and serves. With quarkus.package.jar.aot.enabled=true these
 * calls are also the training run that fills the JDK AOT cache.
 */
@QuarkusIntegrationTest
class PackagedAppIT {

    private static String admin;

    /**
     * One admin login for the whole class: logins are limited to 5 a minute per address and
     * e-mail, and the unit-test JVMs that ran just before have used some. A 429 waits it out.
     */
    static synchronized String admin() throws InterruptedException {
        while (admin == null) {
            var response = given().contentType(ContentType.JSON).body(Map.of("email", "admin@test.local", "password", "admin-password-1"))
                    .post("/api/auth/login");
            if (response.statusCode() == 429) {
                Thread.sleep(1000L * Integer.parseInt(response.header("Retry-After")));
                continue;
            }
            admin = response.then().statusCode(200).extract().path("access_token");
        }
        return admin;
    }

    @Test
    void thePackagedApplicationServesTheIdentityFlow() throws InterruptedException {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        String admin = admin();
        String email = "it-" + UUID.randomUUID() + "@test.local";
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("email", email, "password", "correct-horse-9", "role", "rep"))
                .post("/api/users").then().statusCode(201);
        var login = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "correct-horse-9"))
                .post("/api/auth/login").then().statusCode(200).extract();
        given().auth().oauth2(login.<String>path("access_token")).get("/api/me").then().statusCode(200).body("role", equalTo("rep"));
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", login.path("refresh_token")))
                .post("/api/auth/refresh").then().statusCode(200).body("access_token", notNullValue());
        String key = given().auth().oauth2(login.<String>path("access_token")).contentType(ContentType.JSON)
                .body(Map.of("name", "it", "scopes", new String[] {"viewer"})).post("/api/api-keys").then().statusCode(201).extract().path("key");
        given().header("X-API-Key", key).get("/api/me").then().statusCode(200);
        given().auth().oauth2(admin).get("/api/audit-logs?limit=5").then().statusCode(200).body("items.size()", equalTo(5));
        given().get("/api/users").then().statusCode(401).contentType("application/problem+json");
    }

    @Test
    void thePackagedApplicationServesChatAndRuns() throws InterruptedException {
        String email = "it-chat-" + UUID.randomUUID() + "@test.local";
        String admin = admin();
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("email", email, "password", "correct-horse-9", "role", "viewer"))
                .post("/api/users").then().statusCode(201);
        String token = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "correct-horse-9"))
                .post("/api/auth/login").then().statusCode(200).extract().path("access_token");
        String conversation = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("title", "packaged"))
                .post("/api/conversations").then().statusCode(201).extract().path("id");
        String message = given().auth().oauth2(token).contentType(ContentType.JSON)
                .body(Map.of("role", "assistant", "content", "cited answer", "model", "m",
                        "citations", java.util.List.of(Map.of("source_index", 1, "confidence", 0.5, "text_start_index", 0, "text_end_index", 5))))
                .post("/api/conversations/" + conversation + "/messages").then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("rating", "thumbs_up"))
                .put("/api/messages/" + message + "/feedback").then().statusCode(200);
        given().auth().oauth2(token).get("/api/conversations/" + conversation + "/messages").then().statusCode(200)
                .body("items[0].citations[0].confidence", equalTo(0.5f)).body("items[0].feedback.rating", equalTo("thumbs_up"));
        given().auth().oauth2(token).get("/api/conversations/" + conversation + "/export?format=markdown").then().statusCode(200);
        String run = given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("agent_type", "it", "input", Map.of("q", 1)))
                .post("/api/runs").then().statusCode(201).extract().path("id");
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("status", "processing")).patch("/api/runs/" + run).then().statusCode(200);
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("status", "completed", "total_tokens", 3))
                .patch("/api/runs/" + run).then().statusCode(200);
        given().auth().oauth2(token).get("/api/analytics/usage?group_by=model").then().statusCode(200).body("totals.tokens", equalTo(3));
        given().auth().oauth2(token).contentType(ContentType.JSON).body(Map.of("role", "user", "content", "hi", "generate", true))
                .post("/api/conversations/" + conversation + "/messages").then().statusCode(503).contentType("application/problem+json");
    }

    @Test
    void thePackagedApplicationImportsAnalysesAndReports() throws InterruptedException {
        String admin = admin();
        String csv = "data|cod_cliente|lote|origem|zs_gr_mercad|produto|cod_produto|zs_centro|zs_cidade|zs_uf|zs_peso_liquido|giro_sku_cliente|SKU\n"
                + "2045-01-02|9900001|1|PRG|ZINCADO|Chapa|CZN|1101|CURITIBA|PR|2.5|1.5|CZN-1\n"
                + "2045-01-03|9900002|2|PRG|ZINCADO|Chapa|CZN|1101|POMPEIA|SP|1.5|0.5|CZN-2\n";
        given().auth().oauth2(admin).contentType("text/csv").body(csv + "2045-01-04|9900003|3|PRG|ZINCADO|Chapa|CZN|1101|POMPEIA|SP|1|1|CZN-" + UUID.randomUUID() + "\n")
                .post("/api/imports/faturamento").then().statusCode(201).body("rows_loaded", equalTo(3));
        given().auth().oauth2(admin).contentType("text/csv").body("nope,nope\n1,2\n").post("/api/imports/faturamento").then().statusCode(422)
                .contentType("application/problem+json");
        given().auth().oauth2(admin).get("/api/analytics/business/sales-by-uf?from=2045-01-01&to=2045-02-01").then().statusCode(200)
                .body("rows[0].uf", equalTo("PR"));
        given().auth().oauth2(admin).get("/api/analytics/business/sales-by-uf?from=2045-01-01&to=2045-02-01").then().body("cached", equalTo(true));
        String report = given().auth().oauth2(admin).contentType(ContentType.JSON)
                .body(Map.of("name", "it " + UUID.randomUUID(), "template", "sales-overview", "parameters", Map.of("from", "2045-01-01")))
                .post("/api/reports").then().statusCode(201).extract().path("id");
        given().auth().oauth2(admin).get("/api/reports/" + report + "?format=csv").then().statusCode(200);
        given().auth().oauth2(admin).get("/api/reports/" + report + "?format=html").then().statusCode(200);
        given().auth().oauth2(admin).get("/api/faturamento?limit=2").then().statusCode(200);
        given().auth().oauth2(admin).get("/api/imports?limit=2").then().statusCode(200);
    }
}
