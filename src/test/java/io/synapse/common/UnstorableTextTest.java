package io.synapse.common;

import static io.restassured.RestAssured.given;
import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Supplier;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.synapse.support.Api;
import io.synapse.support.Db;

/**
 * Issue 9, item 1: the NUL character and unpaired UTF-16 surrogates reached PostgreSQL (500, or a
 * silent '?'). Every text a client sends, in any body field, any free-form object's keys and values,
 * and any query parameter, is refused with 400 naming the field, and nothing is written.
 *
 * Property-style: each body below is tried with every hostile value in every string position (the
 * placeholder @), so a new field added to these bodies is covered without a new test.
 */
@QuarkusTest
class UnstorableTextTest {

    /** JSON string literals (already escaped) that PostgreSQL cannot store as the user sent them. */
    private static final List<String> HOSTILE = List.of("\"\\u0000\"", "\"a\\u0000b\"", "\"\\ud800\"", "\"x\\udc00y\"", "\"\\ud83d\"");

    private record Case(String method, String path, String template, String field) {
    }

    private static List<Case> cases(String template, String method, String path) {
        // One case per placeholder: the others get a harmless value.
        List<Case> cases = new ArrayList<>();
        String[] parts = template.split("@", -1);
        for (int i = 0; i < parts.length - 1; i++) {
            StringBuilder body = new StringBuilder();
            for (int j = 0; j < parts.length; j++) {
                body.append(parts[j]);
                if (j < parts.length - 1) {
                    body.append(j == i ? "@" : "\"ok-" + j + "-" + UUID.randomUUID().toString().substring(0, 6) + "\"");
                }
            }
            cases.add(new Case(method, path, body.toString(), null));
        }
        return cases;
    }

    private static Response send(RequestSpecification spec, Case c, String hostile) {
        RequestSpecification request = spec.contentType("application/json").body(c.template().replace("@", hostile));
        return switch (c.method()) {
            case "POST" -> request.post(c.path());
            case "PUT" -> request.put(c.path());
            case "PATCH" -> request.patch(c.path());
            default -> throw new IllegalArgumentException(c.method());
        };
    }

    private static void refusedEverywhere(Supplier<RequestSpecification> spec, List<Case> cases, Supplier<Long> rows) {
        long before = rows.get();
        for (Case c : cases) {
            for (String hostile : HOSTILE) {
                Response response = send(spec.get(), c, hostile);
                try {
                    assertProblem(response, 400).body("errors.size()", equalTo(1));
                } catch (AssertionError e) {
                    throw new AssertionError(c.method() + " " + c.path() + " " + c.template().replace("@", hostile) + " -> " + response.statusCode()
                            + " " + response.asString(), e);
                }
            }
        }
        assertEquals(before, rows.get(), "nothing may be written");
    }

    @Test
    void loginRefusesUnstorableTextBeforeLookingUpAnyone() {
        for (String hostile : HOSTILE) {
            assertProblem(given().contentType("application/json").body("{\"email\":" + hostile + ",\"password\":\"whatever-1\"}")
                    .post("/api/auth/login"), 400).body("errors[0].field", equalTo("email"));
            assertProblem(given().contentType("application/json").body("{\"email\":\"a@b.c\",\"password\":" + hostile + "}")
                    .post("/api/auth/login"), 400).body("errors[0].field", equalTo("password"));
        }
    }

    @Test
    void identityBodies() {
        Api.Login viewer = Api.user("viewer");
        refusedEverywhere(Api::asAdmin, cases("{\"email\":@,\"password\":\"long-enough-1\",\"role\":\"viewer\",\"full_name\":@,\"company\":@,"
                + "\"username\":@}", "POST", "/api/users"), () -> Db.tx(() -> io.synapse.identity.User.count()));
        refusedEverywhere(viewer::as, cases("{\"full_name\":@,\"company\":@,\"preferences\":{\"theme\":@,\"nested\":{\"list\":[1,@]}}}", "PATCH",
                "/api/me"), () -> Db.tx(() -> io.synapse.telemetry.AuditLog.count("action = 'user.profile_update' and userId = ?1", viewer.id())));
        refusedEverywhere(viewer::as, cases("{\"name\":@,\"scopes\":[\"viewer\"]}", "POST", "/api/api-keys"),
                () -> Db.tx(() -> io.synapse.identity.ApiKey.count("userId", viewer.id())));
        refusedEverywhere(Api::asAdmin, cases("{\"service_name\":\"svc\",\"roles\":[\"viewer\"],\"ttl\":\"PT5M\",\"description\":@}", "POST",
                "/api/admin/tokens"), () -> Db.tx(() -> io.synapse.identity.IssuedToken.count()));
    }

    @Test
    void keysOfFreeFormObjectsAreCheckedToo() {
        Api.Login viewer = Api.user("viewer");
        for (String key : List.of("\"a\\u0000\"", "\"\\udfff\"")) {
            assertProblem(Api.json(viewer.as()).body("{\"title\":\"t\",\"metadata\":{" + key + ":1}}").post("/api/conversations"), 400)
                    .body("errors[0].field", equalTo("metadata"));
            assertProblem(Api.json(viewer.as()).body("{\"title\":\"t\",\"metadata\":{\"deep\":{" + key + ":1}}}").post("/api/conversations"), 400)
                    .body("errors[0].field", org.hamcrest.Matchers.startsWith("metadata"));
        }
        assertEquals(0L, Db.tx(() -> io.synapse.chat.Conversation.count("userId", viewer.id())));
    }

    @Test
    void chatAndRunBodies() {
        Api.Login viewer = Api.user("viewer");
        String conversation = Api.json(viewer.as()).body(Map.of("title", "clean")).post("/api/conversations").then().statusCode(201)
                .extract().path("id");
        String answer = Api.json(viewer.as()).body(Map.of("role", "assistant", "content", "an answer")).post("/api/conversations/" + conversation + "/messages")
                .then().statusCode(201).extract().path("id");
        refusedEverywhere(viewer::as, cases("{\"title\":@,\"metadata\":{\"k\":@}}", "POST", "/api/conversations"),
                () -> Db.tx(() -> io.synapse.chat.Conversation.count("userId", viewer.id())));
        refusedEverywhere(viewer::as, cases("{\"title\":@}", "PATCH", "/api/conversations/" + conversation),
                () -> Db.tx(() -> io.synapse.chat.Conversation.count("userId = ?1 and title = 'clean'", viewer.id())) - 1);
        refusedEverywhere(viewer::as, cases("{\"role\":\"assistant\",\"content\":@,\"model\":@,\"sql_query\":@,\"metadata\":{\"a\":[@]},"
                + "\"citations\":[{\"source_index\":1,\"document_title\":@,\"text_start_index\":0,\"text_end_index\":1}]}", "POST",
                "/api/conversations/" + conversation + "/messages"), () -> Db.tx(() -> io.synapse.chat.Message.count()));
        refusedEverywhere(viewer::as, cases("{\"rating\":\"thumbs_up\",\"comment\":@}", "PUT", "/api/messages/" + answer + "/feedback"),
                () -> Db.tx(() -> io.synapse.chat.Feedback.count()));
        refusedEverywhere(viewer::as, cases("{\"agent_type\":@,\"model\":@,\"input\":{\"q\":@},\"metadata\":{\"m\":@}}", "POST", "/api/runs"),
                () -> Db.tx(() -> io.synapse.runs.Run.count()));
    }

    @Test
    void reportBodies() {
        Api.Login manager = Api.user("manager");
        refusedEverywhere(manager::as, cases("{\"name\":@,\"content\":@,\"format\":\"markdown\"}", "POST", "/api/reports"),
                () -> Db.tx(() -> io.synapse.reports.Report.count()));
        refusedEverywhere(manager::as, cases("{\"name\":@,\"template\":\"sales-overview\",\"parameters\":{\"uf\":@},\"role\":\"viewer\","
                + "\"cron\":\"0 0 7 ? * MON\"}", "POST", "/api/report-schedules"), () -> Db.tx(() -> io.synapse.reports.ReportSchedule.count()));
    }

    @Test
    void everyTextQueryParameterIsCheckedBeforeTheEndpointRuns() throws Exception {
        Api.Login manager = Api.user("manager");
        String admin = Api.admin();
        List<String> lists = List.of("/api/users?q=", "/api/users?role=", "/api/conversations?q=", "/api/runs?agent_type=", "/api/runs?model=",
                "/api/audit-logs?action=", "/api/audit-logs?resource_type=", "/api/audit-logs?resource_id=", "/api/faturamento?uf=",
                "/api/faturamento?cidade=", "/api/faturamento?sku=", "/api/estoque?centro=", "/api/clientes?q=", "/api/reports?q=",
                "/api/feedback?model=", "/api/imports?kind=", "/api/analytics/business/sales-by-uf?uf=", "/api/admin/tokens?service_name=");
        for (String list : lists) {
            String name = list.substring(list.indexOf('?') + 1, list.length() - 1);
            for (String value : List.of("%00", "a%00b")) {
                Response response = given().urlEncodingEnabled(false).auth().oauth2(list.contains("users") || list.contains("audit")
                        || list.contains("tokens") ? admin : manager.accessToken()).get(list + value);
                assertProblem(response, 400).body("errors[0].field", equalTo(name));
            }
        }
        // Also unauthenticated, and in a parameter's name.
        assertProblem(given().urlEncodingEnabled(false).get("/api/users?q%00=x"), 400);
        assertProblem(given().urlEncodingEnabled(false).get("/q/health/ready?x=%00"), 400);
        // Malformed percent-encoding, which no HTTP client library will send: over a raw socket.
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", io.restassured.RestAssured.port)) {
            socket.getOutputStream().write("GET /api/users?q=%zz HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"
                    .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String answer = new String(socket.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            // Refused before any route of ours runs (Vert.x answers it, with an empty body): never a 500.
            assertTrue(answer.startsWith("HTTP/1.1 400"), answer);
        }
    }
}
