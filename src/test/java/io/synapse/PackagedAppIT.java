package io.synapse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.synapse.identity.oidc.MockOidc;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.synapse.support.PackagedAppPeers;

/**
 * Runs against the artifact we ship: the packaged jar on every verify, the native executable with
 * -Dnative (src/bench/native-check.sh). It does what users do, module by module, through every
 * list and write path, so that whatever native-image drops (a reflective read, a resource, a class
 * initialised at build time) shows here: a streamed reply from the fake provider, a report
 * e-mailed to a real SMTP server, a CSV import with a rejected file, an analysis from the cache.
 * With quarkus.package.jar.aot.enabled=true these calls are also the AOT cache's training run.
 */
@QuarkusIntegrationTest
@WithTestResource(PackagedAppPeers.class)
class PackagedAppIT {

    private static final String PASSWORD = "correct-horse-9";
    private static String admin;

    /** Injected by PackagedAppPeers: the SMTP server the application mails to. */
    GreenMail smtp;

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

    private static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON);
    }

    /** A new user with the role; returns [id, email, access token]. */
    private static String[] user(String role) throws InterruptedException {
        String email = "it-" + role + "-" + UUID.randomUUID() + "@test.local";
        String id = as(admin()).body(Map.of("email", email, "password", PASSWORD, "role", role)).post("/api/users")
                .then().statusCode(201).extract().path("id");
        String token = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", PASSWORD)).post("/api/auth/login")
                .then().statusCode(200).extract().path("access_token");
        return new String[] { id, email, token };
    }

    @Test
    void identityAndAccess() throws InterruptedException {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/openapi?format=json").then().statusCode(200).body("openapi", startsWith("3."));
        given().get("/api/users").then().statusCode(401).contentType("application/problem+json");
        String admin = admin();
        String email = "it-" + UUID.randomUUID() + "@test.local";
        String id = as(admin).body(Map.of("email", email, "password", PASSWORD, "role", "rep", "full_name", "Packaged Rep"))
                .post("/api/users").then().statusCode(201).extract().path("id");
        as(admin).get("/api/users?q=" + email).then().statusCode(200).body("items[0].id", equalTo(id));
        as(admin).get("/api/users/" + id).then().statusCode(200).body("role", equalTo("rep"));
        as(admin).body(Map.of("company", "Synapse")).patch("/api/users/" + id).then().statusCode(200).body("company", equalTo("Synapse"));

        var login = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", PASSWORD))
                .post("/api/auth/login").then().statusCode(200).extract();
        String token = login.path("access_token");
        as(token).get("/api/me").then().statusCode(200).body("role", equalTo("rep")).body("full_name", equalTo("Packaged Rep"));
        as(token).body(Map.of("preferences", Map.of("theme", "dark"), "receive_email", false)).patch("/api/me").then().statusCode(200)
                .body("preferences.theme", equalTo("dark"));
        as(token).get("/api/me/sessions").then().statusCode(200).body("items[0].current", equalTo(true));
        // Generated secrets (refresh tokens, API keys) come from a SecureRandom made at run time: two logins never share one.
        String refreshed = given().contentType(ContentType.JSON).body(Map.of("refresh_token", login.path("refresh_token")))
                .post("/api/auth/refresh").then().statusCode(200).body("access_token", notNullValue()).extract().path("refresh_token");
        assertTrue(!refreshed.equals(login.path("refresh_token")));

        var key = as(token).body(Map.of("name", "it", "scopes", new String[] { "viewer" })).post("/api/api-keys").then().statusCode(201).extract();
        given().header("X-API-Key", key.<String>path("key")).get("/api/me").then().statusCode(200);
        as(token).get("/api/api-keys").then().statusCode(200).body("items.id", hasItem(key.<String>path("id")));
        as(token).delete("/api/api-keys/" + key.path("id")).then().statusCode(204);
        given().header("X-API-Key", key.<String>path("key")).get("/api/me").then().statusCode(401);

        var issued = as(admin).body(Map.of("service_name", "it-service", "roles", List.of("viewer"), "ttl", "PT10M"))
                .post("/api/admin/tokens").then().statusCode(201).extract();
        given().auth().oauth2(issued.<String>path("token")).get("/api/estoque?limit=1").then().statusCode(200);
        as(admin).get("/api/admin/tokens?service_name=it-service").then().statusCode(200).body("items.jti", hasItem(issued.<String>path("jti")));
        as(admin).delete("/api/admin/tokens/" + issued.path("jti")).then().statusCode(204);
        given().auth().oauth2(issued.<String>path("token")).get("/api/estoque?limit=1").then().statusCode(401);

        as(admin).get("/api/audit-logs?limit=5").then().statusCode(200).body("items.size()", equalTo(5));
        as(admin).get("/api/audit-logs?resource_type=user&resource_id=" + id).then().statusCode(200).body("items.size()", greaterThanOrEqualTo(2));
        as(token).post("/api/auth/logout").then().statusCode(204);
        as(token).get("/api/me").then().statusCode(401);
        as(admin).delete("/api/users/" + id).then().statusCode(204);
        as(admin).get("/api/users/" + id).then().statusCode(404).contentType("application/problem+json");
    }

    /** Sign-in through a real OpenID Connect server: config maps and lists, jose4j and the JDK client in the image. */
    @Test
    void signInThroughAProvider() {
        String email = "it-oidc-" + UUID.randomUUID() + "@test.local";
        MockOidc.nextSignIn("mock", "it-" + UUID.randomUUID(), Map.of("email", email, "email_verified", true, "groups", List.of("synapse-managers")));
        MockOidc.Pkce pkce = MockOidc.Pkce.create();
        Map<String, String> landed = MockOidc.query(MockOidc.signIn("mock", pkce));
        String access = MockOidc.handoff(landed.get("code"), pkce.verifier()).then().statusCode(200).body("user.role", equalTo("manager"))
                .extract().path("access_token");
        given().auth().oauth2(access).get("/api/me").then().statusCode(200).body("email", equalTo(email)).body("oauth_provider", equalTo("mock"));
    }

    @Test
    void budgets() throws Exception {
        String[] viewer = user("viewer");
        String admin = admin();
        String id = as(admin).body(Map.of("scope", "user", "user_id", viewer[0], "period", "month", "token_limit", 5000, "cost_limit", 1.5))
                .post("/api/admin/budgets").then().statusCode(201).body("scope", equalTo("user")).extract().path("id");
        as(admin).get("/api/admin/budgets?user_id=" + viewer[0]).then().statusCode(200).body("items[0].id", equalTo(id));
        as(admin).body(Map.of("token_limit", 6000)).put("/api/admin/budgets/" + id).then().statusCode(200).body("token_limit", equalTo(6000));
        as(viewer[2]).get("/api/me/budget").then().statusCode(200).body("[0].token_limit", equalTo(6000)).body("[0].tokens_used", equalTo(0));
        as(viewer[2]).get("/api/analytics/usage?group_by=api_key").then().statusCode(200).body("group_by", equalTo("api_key"));
        as(admin).body(Map.of("scope", "user", "user_id", viewer[0], "period", "month", "token_limit", 1)).post("/api/admin/budgets")
                .then().statusCode(409).contentType("application/problem+json");
        as(admin).delete("/api/admin/budgets/" + id).then().statusCode(204);
    }

    @Test
    void chatAndRuns() throws Exception {
        String[] viewer = user("viewer");
        String token = viewer[2];
        String conversation = as(token).body(Map.of("title", "packaged", "metadata", Map.of("k", "v")))
                .post("/api/conversations").then().statusCode(201).extract().path("id");
        as(token).get("/api/conversations?q=packaged").then().statusCode(200).body("items[0].id", equalTo(conversation));
        as(token).body(Map.of("title", "renamed")).patch("/api/conversations/" + conversation).then().statusCode(200).body("title", equalTo("renamed"));
        as(token).post("/api/conversations/" + conversation + "/archive").then().statusCode(200).body("archived_at", notNullValue());
        as(token).post("/api/conversations/" + conversation + "/unarchive").then().statusCode(200);

        String message = as(token).body(Map.of("role", "assistant", "content", "cited answer", "model", "m",
                "citations", List.of(Map.of("source_index", 1, "confidence", 0.5, "text_start_index", 0, "text_end_index", 5))))
                .post("/api/conversations/" + conversation + "/messages").then().statusCode(201).extract().path("id");
        as(token).body(Map.of("rating", "thumbs_up")).put("/api/messages/" + message + "/feedback").then().statusCode(200);
        as(token).get("/api/conversations/" + conversation + "/messages").then().statusCode(200)
                .body("items[0].citations[0].confidence", equalTo(0.5f)).body("items[0].feedback.rating", equalTo("thumbs_up"));
        as(token).get("/api/messages/" + message).then().statusCode(200).body("content", equalTo("cited answer"));
        as(admin()).get("/api/feedback?user_id=" + viewer[0]).then().statusCode(200).body("counts.thumbs_up", equalTo(1));
        as(token).delete("/api/messages/" + message + "/feedback").then().statusCode(204);

        // A generated reply, then a streamed one: the provider client, SSE and the run bookkeeping.
        as(token).body(Map.of("role", "user", "content", "how many clients", "generate", true))
                .post("/api/conversations/" + conversation + "/messages").then().statusCode(201)
                .body("assistant_message.content", equalTo("Echo: how many clients")).body("run.status", equalTo("completed"));
        Response stream = as(token).accept("text/event-stream").body(Map.of("role", "user", "content", "stream the stock", "generate", true))
                .post("/api/conversations/" + conversation + "/messages");
        stream.then().statusCode(200).contentType(startsWith("text/event-stream"));
        List<String> events = new ArrayList<>();
        StringBuilder tokens = new StringBuilder();
        String last = null;
        for (String line : stream.asString().split("\n")) {
            if (line.startsWith("event:")) {
                last = line.substring(6).trim();
                events.add(last);
            } else if (line.startsWith("data:") && "token".equals(last)) {
                tokens.append(io.restassured.path.json.JsonPath.from(line.substring(5).trim()).getString("delta"));
            }
        }
        assertEquals("start", events.get(0), stream.asString());
        assertEquals("done", events.get(events.size() - 1), stream.asString());
        assertEquals("Echo: stream the stock", tokens.toString());
        as(token).get("/api/conversations/" + conversation).then().statusCode(200).body("message_count", equalTo(5));
        as(token).get("/api/conversations/" + conversation + "/export?format=markdown").then().statusCode(200)
                .body(containsString("Echo: stream the stock"));
        as(token).get("/api/conversations/" + conversation + "/export?format=json").then().statusCode(200);

        String run = as(token).body(Map.of("agent_type", "it", "model", "it-model", "input", Map.of("q", 1))).post("/api/runs").then().statusCode(201).extract().path("id");
        as(token).body(Map.of("status", "processing")).patch("/api/runs/" + run).then().statusCode(200);
        as(token).body(Map.of("status", "completed", "total_tokens", 3)).patch("/api/runs/" + run).then().statusCode(200);
        as(token).get("/api/runs/" + run).then().statusCode(200).body("status", equalTo("completed"));
        as(token).get("/api/runs?agent_type=it").then().statusCode(200).body("items[0].id", equalTo(run));
        as(token).get("/api/analytics/usage?group_by=model").then().statusCode(200).body("groups.key", hasItem("it-model"));

        as(token).delete("/api/conversations/" + conversation).then().statusCode(204);
        as(token).get("/api/conversations/" + conversation).then().statusCode(404);
        as(admin()).delete("/api/admin/conversations/" + conversation).then().statusCode(204);
    }

    /** Both JDBC drivers, the parser, AES-GCM, the pools, streaming JSON and CSV, and a question through the fake provider. */
    @Test
    void datasourcesGuardedQueriesTemplatesAndQuestions() throws InterruptedException {
        io.synapse.support.UserDatabases.ensure();
        String manager = user("manager")[2];
        for (String engine : List.of("postgresql", "mariadb")) {
            String id = as(manager).body(Map.of("name", "it-" + engine, "engine", engine, "host", "127.0.0.1", "port", engine.equals("mariadb") ? 3306 : 5432,
                    "database", io.synapse.support.UserDatabases.DATABASE, "username", io.synapse.support.UserDatabases.READER, "password",
                    io.synapse.support.UserDatabases.PASSWORD, "ssl_mode", "disable")).post("/api/datasources").then().statusCode(201).extract().path("id");
            as(manager).post("/api/datasources/" + id + "/test").then().statusCode(200).body("status", equalTo("ok"));
            as(manager).post("/api/datasources/" + id + "/introspect").then().statusCode(200).body("tables", equalTo(3));
            as(manager).get("/api/datasources/" + id + "/schema?q=orders").then().statusCode(200).body("items[0].foreign_keys[0].references_table",
                    equalTo("customers"));
            as(manager).body(Map.of("sql", "SELECT name, since FROM customers WHERE state = :s ORDER BY id", "params", Map.of("s", "PR")))
                    .post("/api/datasources/" + id + "/query").then().statusCode(200).body("rows[0]", equalTo(List.of("Acme", "2024-01-10")));
            assertEquals("id\r\n1\r\n", as(manager).accept("text/csv").body(Map.of("sql", "SELECT id FROM customers ORDER BY id LIMIT 1"))
                    .post("/api/datasources/" + id + "/query").then().statusCode(200).extract().asString());
            as(manager).body(Map.of("sql", "SELECT 1; DELETE FROM guard_items")).post("/api/datasources/" + id + "/query").then().statusCode(422)
                    .body("type", equalTo("https://synapse.dev/problems/sql-refused/multiple_statements"));
            String template = as(manager).body(Map.of("connection_id", id, "name", "it-" + engine, "sql_template", "SELECT count(*) AS n FROM orders WHERE amount > :min",
                    "parameters", List.of(Map.of("name", "min", "type", "decimal")))).post("/api/query-templates").then().statusCode(201).extract().path("id");
            as(manager).body(Map.of("params", Map.of("min", 100))).post("/api/query-templates/" + template + "/run").then().statusCode(200)
                    .body("rows[0][0]", equalTo(2));
            as(manager).body(Map.of("question", "How many orders? SQL<<SELECT count(*) AS n FROM orders>>")).post("/api/datasources/" + id + "/ask")
                    .then().statusCode(200).body("rows[0][0]", equalTo(4)).body("run.status", equalTo("completed"));
        }
        as(manager).get("/api/analytics/queries?group_by=origin").then().statusCode(200).body("totals.statements", greaterThanOrEqualTo(8));
        as(admin()).post("/api/admin/datasources/re-encrypt").then().statusCode(200);
    }

    @Test
    void supplyCatalog() throws InterruptedException {
        String manager = user("manager")[2];
        String tag = "it" + UUID.randomUUID().toString().substring(0, 8);
        String id = as(manager).body(Map.of("name", "GPU " + tag, "category", "compute", "provider", "aws", "specifications", Map.of("gpu", "A100"),
                "pricing", Map.of("usd_per_hour", 3.5))).post("/api/supply-catalog").then().statusCode(201).extract().path("id");
        as(user("viewer")[2]).get("/api/supply-catalog?q=" + tag + " a100").then().statusCode(200).body("items[0].id", equalTo(id))
                .body("items[0].pricing.usd_per_hour", equalTo(3.5f));
        as(manager).body(Map.of("is_active", false)).patch("/api/supply-catalog/" + id).then().statusCode(200).body("is_active", equalTo(false));
        as(manager).delete("/api/supply-catalog/" + id).then().statusCode(204);
    }

    /**
     * Documents in every format, indexed in the background, searched, and cited by a grounded reply.
     * The jar embeds with the in-process model; the native image has none and indexes for full-text
     * search only (README: Knowledge), which the same calls must serve.
     */
    @Test
    void knowledgeDocumentsSearchAndGroundedReplies() throws Exception {
        String manager = user("manager")[2];
        String viewer = user("viewer")[2];
        String word = "it" + UUID.randomUUID().toString().substring(0, 8);
        String markdown = given().auth().oauth2(manager).contentType("text/markdown").queryParam("visibility", "everyone").queryParam("tags", "it")
                .body("# Heat pumps " + word + "\n\nA heat pump moves heat instead of making it; defrost cycles are normal in winter.")
                .post("/api/knowledge/documents").then().statusCode(202).extract().path("id");
        String html = given().auth().oauth2(manager).multiPart("file", "fans.html",
                ("<h1>Fans " + word + "</h1><p>Ceiling fans turn clockwise in winter.</p>").getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/html")
                .post("/api/knowledge/documents").then().statusCode(202).extract().path("id");
        // The application says whether it reads PDFs (not in the native image: README, Native image).
        boolean nativeImage = !given().get("/q/health/ready").then().statusCode(200).extract()
                .<Boolean>path("checks.find { it.name == 'knowledge' }.data.pdf");
        var pdfUpload = given().auth().oauth2(manager).contentType("application/pdf").body(onePagePdf("Boilers " + word + " need a yearly service."))
                .post("/api/knowledge/documents");
        if (nativeImage) {
            // README, Knowledge: PDFBox needs AWT, which the native build lacks; refused at upload, with nothing stored.
            pdfUpload.then().statusCode(415).body("detail", org.hamcrest.Matchers.containsString("native build cannot read PDFs"));
        }
        String pdf = nativeImage ? null : pdfUpload.then().statusCode(202).extract().path("id");
        List<String> uploaded = nativeImage ? List.of(markdown, html) : List.of(markdown, html, pdf);
        for (String id : uploaded) {
            String status = "pending";
            for (int i = 0; i < 600 && (status.equals("pending") || status.equals("processing")); i++) {
                Thread.sleep(100);
                status = as(manager).get("/api/knowledge/documents/" + id).then().statusCode(200).extract().path("status");
            }
            as(manager).get("/api/knowledge/documents/" + id).then().body("status", equalTo("ready")).body("chunk_count", equalTo(1));
        }
        if (!nativeImage) {
            as(manager).get("/api/knowledge/documents/" + pdf + "/chunks").then().statusCode(200).body("items[0].page_number", equalTo(1))
                    .body("items[0].text", org.hamcrest.Matchers.containsString("yearly service"));
        }
        as(viewer).get("/api/knowledge/documents?tag=it").then().statusCode(200).body("items.id", org.hamcrest.Matchers.hasItem(markdown));
        as(viewer).queryParam("q", "heat pump defrost " + word).get("/api/knowledge/search").then().statusCode(200)
                .body("hits[0].document_id", equalTo(markdown)).body("hits[0].document_title", equalTo("Heat pumps " + word));

        String conversation = as(viewer).body(Map.of("title", "grounded", "use_knowledge", true)).post("/api/conversations").then().statusCode(201)
                .extract().path("id");
        as(viewer).body(Map.of("role", "user", "content", "Is defrosting normal for a heat pump " + word + "?", "generate", true))
                .post("/api/conversations/" + conversation + "/messages").then().statusCode(201)
                .body("assistant_message.citations.document_id", org.hamcrest.Matchers.hasItem(markdown));
        for (String id : uploaded) {
            as(manager).delete("/api/knowledge/documents/" + id).then().statusCode(204);
        }
    }

    /**
     * Telemetry in the packaged app: a batch of workload events (bound reflectively from a stream,
     * not as a resource parameter), its analytics with nested figures, a setting's change, and
     * product events, all of which the native image must be able to read and write as JSON.
     */
    @Test
    void telemetryIngestAnalyticsAndSettings() throws Exception {
        String manager = user("manager")[2];
        String type = "it-" + UUID.randomUUID().toString().substring(0, 8);
        java.time.Instant now = java.time.Instant.now().minusSeconds(5);
        List<Map<String, Object>> events = new java.util.ArrayList<>();
        for (int i = 0; i < 20; i++) {
            events.add(Map.of("event_id", UUID.randomUUID().toString(), "timestamp", now.minusSeconds(i).toString(), "workload_id", "w" + i,
                    "workload_type", type, "event_type", "completion", "model", "m", "latency_ms", 100 + i, "cost", 0.001,
                    "metrics", List.of(Map.of("name", "gpu", "value", 0.5)), "dimensions", Map.of("region", "eu")));
        }
        as(manager).body(events).post("/api/telemetry/workload-events").then().statusCode(202).body("inserted", equalTo(20));
        as(manager).body(events).post("/api/telemetry/workload-events").then().statusCode(202).body("duplicates", equalTo(20));
        as(manager).body(List.of(Map.of("latency_ms", "slow"))).post("/api/telemetry/workload-events").then().statusCode(400)
                .body("errors.field", hasItem("[0].latency_ms"));
        as(manager).queryParam("workload_type", type).queryParam("group_by", "model").get("/api/analytics/workloads").then().statusCode(200)
                .body("totals.events", equalTo(20)).body("groups[0].latency.max_ms", equalTo(119)).body("groups[0].latency.p50_ms", notNullValue());
        as(manager).body(List.of(Map.of("id", UUID.randomUUID().toString(), "event_type", "page_view", "timestamp", now.toString(),
                "event_data", Map.of("duration_ms", 5)))).post("/api/telemetry/events").then().statusCode(202).body("inserted", equalTo(1));
        as(manager).get("/api/analytics/recent-workloads").then().statusCode(200).body("items.size()", greaterThanOrEqualTo(1));
        as(admin()).body(Map.of("value", "P120D")).put("/api/admin/config/retention.events").then().statusCode(200).body("value", equalTo("P120D"));
        as(admin()).delete("/api/admin/config/retention.events").then().statusCode(200).body("source", equalTo("default"));
        as(admin()).get("/api/admin/config").then().statusCode(200).body("items.key", hasItem("auth.principal_rate_limit"));
    }

    private static byte[] onePagePdf(String text) throws java.io.IOException {
        try (var doc = new org.apache.pdfbox.pdmodel.PDDocument(); var out = new java.io.ByteArrayOutputStream()) {
            var page = new org.apache.pdfbox.pdmodel.PDPage();
            doc.addPage(page);
            try (var content = new org.apache.pdfbox.pdmodel.PDPageContentStream(doc, page)) {
                content.beginText();
                content.setFont(new org.apache.pdfbox.pdmodel.font.PDType1Font(org.apache.pdfbox.pdmodel.font.Standard14Fonts.FontName.HELVETICA), 12);
                content.newLineAtOffset(72, 700);
                content.showText(text);
                content.endText();
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    @Test
    void businessDataImportsAndAnalytics() throws InterruptedException {
        String admin = admin();
        String csv = "data|cod_cliente|lote|origem|zs_gr_mercad|produto|cod_produto|zs_centro|zs_cidade|zs_uf|zs_peso_liquido|giro_sku_cliente|SKU\n"
                + "2045-01-02|9900001|1|PRG|ZINCADO|Chapa|CZN|1101|CURITIBA|PR|2.5|1.5|CZN-1\n"
                + "2045-01-03|9900002|2|PRG|ZINCADO|Chapa|CZN|1101|POMPEIA|SP|1.5|0.5|CZN-2\n";
        String imported = given().auth().oauth2(admin).contentType("text/csv")
                .body(csv + "2045-01-04|9900003|3|PRG|ZINCADO|Chapa|CZN|1101|POMPEIA|SP|1|1|CZN-" + UUID.randomUUID() + "\n")
                .post("/api/imports/faturamento").then().statusCode(201).body("rows_loaded", equalTo(3)).extract().path("id").toString();
        given().auth().oauth2(admin).contentType("text/csv").body("nope,nope\n1,2\n").post("/api/imports/faturamento").then().statusCode(422)
                .contentType("application/problem+json").body("problems[0].line", equalTo(1));
        as(admin).get("/api/imports/" + imported).then().statusCode(200).body("status", equalTo("succeeded"));
        as(admin).get("/api/imports?kind=faturamento&limit=2").then().statusCode(200).body("items[0].status", equalTo("rejected"));

        as(admin).get("/api/analytics/business").then().statusCode(200);
        as(admin).get("/api/analytics/business/sales-by-uf?from=2045-01-01&to=2045-02-01").then().statusCode(200)
                .body("rows[0].uf", equalTo("PR")).body("cached", equalTo(false));
        as(admin).get("/api/analytics/business/sales-by-uf?from=2045-01-01&to=2045-02-01").then().body("cached", equalTo(true));
        as(admin).get("/api/faturamento?cliente=9900001&limit=2").then().statusCode(200).body("items[0].cod_cliente", equalTo(9900001));
        as(admin).get("/api/estoque?limit=2").then().statusCode(200);
        as(admin).get("/api/clientes?q=9900001").then().statusCode(200).body("items[0].cod_cliente", equalTo(9900001));
        as(admin).body(Map.of("nome", "Packaged Client")).patch("/api/clientes/9900001").then().statusCode(200).body("nome", equalTo("Packaged Client"));
        as(admin).get("/api/clientes/9900001").then().statusCode(200).body("nome", equalTo("Packaged Client"));
    }

    @Test
    void reportsDeliveriesAndSchedules() throws Exception {
        String admin = admin();
        String[] reader = user("viewer");
        String report = as(admin).body(Map.of("name", "it " + UUID.randomUUID(), "template", "sales-overview", "parameters", Map.of("from", "2045-01-01")))
                .post("/api/reports").then().statusCode(201).extract().path("id");
        as(admin).get("/api/reports/" + report + "?format=csv").then().statusCode(200).contentType(startsWith("text/csv"));
        as(admin).get("/api/reports/" + report + "?format=html").then().statusCode(200).contentType(startsWith("text/html"));
        String page = as(admin).body(Map.of("name", "it page " + UUID.randomUUID(), "content", "# Numbers\n\n**bold** <script>x</script>", "format", "markdown"))
                .post("/api/reports").then().statusCode(201).extract().path("id");
        as(admin).get("/api/reports/" + page + "?format=json").then().statusCode(200).body("content", containsString("<strong>bold</strong>"))
                .body("content", org.hamcrest.Matchers.not(containsString("script")));
        as(admin).body(Map.of("name", "it page renamed " + UUID.randomUUID())).patch("/api/reports/" + page).then().statusCode(200);
        as(admin).get("/api/reports?q=it page renamed").then().statusCode(200).body("items.id", hasItem(page));

        // A real e-mail through the mailer to the test JVM's SMTP server.
        as(admin).body(Map.of("user_ids", List.of(reader[0]))).post("/api/reports/" + page + "/deliveries").then().statusCode(200)
                .body("created", equalTo(1));
        MimeMessage mail = awaitMail(reader[1]);
        assertTrue(mail.getSubject().startsWith("Synapse report: it page renamed"), mail.getSubject());
        assertTrue(GreenMailUtil.getBody(mail).contains("bold"));
        as(admin).get("/api/reports/" + page + "/deliveries").then().statusCode(200).body("items.channel", hasItem("email"));
        as(reader[2]).get("/api/me/reports?unread=true").then().statusCode(200).body("items[0].report_id", equalTo(page))
                .body("items[0].email_status", equalTo("sent"));
        as(reader[2]).get("/api/reports/" + page).then().statusCode(200);
        as(reader[2]).get("/api/reports/" + report).then().statusCode(404);

        String schedule = as(admin).body(Map.of("name", "it weekly " + UUID.randomUUID(), "template", "inventory-overview", "cron", "0 0 7 ? * MON",
                "user_ids", List.of(reader[0]))).post("/api/report-schedules").then().statusCode(201).body("next_run_at", notNullValue())
                .extract().path("id");
        as(admin).get("/api/report-schedules").then().statusCode(200).body("items.id", hasItem(schedule));
        as(admin).body(Map.of("enabled", false)).patch("/api/report-schedules/" + schedule).then().statusCode(200).body("enabled", equalTo(false));
        as(admin).delete("/api/report-schedules/" + schedule).then().statusCode(204);
        as(admin).delete("/api/reports/" + page).then().statusCode(204);
    }

    private MimeMessage awaitMail(String email) throws Exception {
        for (int i = 0; i < 200; i++) {
            for (MimeMessage m : smtp.getReceivedMessages()) {
                if (m.getAllRecipients()[0].toString().equals(email)) {
                    return m;
                }
            }
            Thread.sleep(100);
        }
        throw new AssertionError("no mail to " + email + " within 20 s");
    }
}
