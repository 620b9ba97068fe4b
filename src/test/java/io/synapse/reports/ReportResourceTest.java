package io.synapse.reports;

import static io.restassured.RestAssured.given;
import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.synapse.business.Csv;
import io.synapse.support.Api;
import io.synapse.support.Db;
import io.synapse.telemetry.AuditLog;

/** Reports, deliveries and schedules, with a real SMTP server (GreenMail) in the test JVM on the port the test profile mails to. */
@QuarkusTest
class ReportResourceTest {

    static GreenMail smtp;

    @Inject
    ScheduleService schedules;

    @BeforeAll
    static void startSmtp() {
        smtp = new GreenMail(ServerSetupTest.SMTP);
        smtp.start();
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @BeforeEach
    void clearMail() throws Exception {
        // E-mail goes out after the answer: let the previous test's sends finish before emptying the
        // mailboxes, or the purge races an SMTP session that is still delivering (seen to stall it).
        Db.eventually(() -> Db.tx(() -> ReportDelivery.count("channel = 'email' and status = 'pending'")) == 0, 30);
        smtp.purgeEmailFromAllMailboxes();
    }

    private static String name(String prefix) {
        return prefix + " " + UUID.randomUUID();
    }

    private static Response create(Api.Login user, Map<String, ?> body) {
        return Api.json(user.as()).body(body).post("/api/reports");
    }

    private static String report(Api.Login manager, String content) {
        return create(manager, Map.of("name", name("Report"), "content", content)).then().statusCode(201).extract().path("id");
    }

    static List<MimeMessage> mailTo(GreenMail smtp, String email) {
        List<MimeMessage> found = new ArrayList<>();
        for (MimeMessage m : smtp.getReceivedMessages()) {
            try {
                if (m.getAllRecipients()[0].toString().equals(email)) {
                    found.add(m);
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return found;
    }

    @Test
    void contentIsSanitisedAndNamesAreUnique() {
        Api.Login manager = Api.user("manager");
        String name = name("Q3");
        String id = create(manager, Map.of("name", name, "content",
                "<h1 onclick=\"steal()\">Q3</h1><script>alert(1)</script><p>ok <a href=\"javascript:alert(2)\">x</a> <b>bold</b></p>"))
                .then().statusCode(201).body("source", equalTo("html")).body("has_figures", equalTo(false)).extract().path("id");
        String content = manager.as().get("/api/reports/" + id).then().statusCode(200).extract().path("content");
        assertTrue(content.contains("<b>bold</b>"), content);
        assertTrue(!content.contains("script") && !content.contains("onclick") && !content.contains("javascript:"), content);
        manager.as().get("/api/reports/" + id + "?format=html").then().statusCode(200).contentType(startsWith("text/html"))
                .body(containsString("<b>bold</b>"));
        assertProblem(manager.as().get("/api/reports/" + id + "?format=csv"), 409);
        assertProblem(create(manager, Map.of("name", name, "content", "again")), 409);
        String md = create(manager, Map.of("name", name("Notes"), "format", "markdown", "content", "# Title\n\n* one\n* two\n\n<script>x</script>"))
                .then().statusCode(201).body("source", equalTo("markdown")).extract().path("id");
        String html = manager.as().get("/api/reports/" + md).then().extract().path("content");
        assertTrue(html.contains("<h1>Title</h1>") && html.contains("<li>one</li>") && !html.contains("<script"), html);
        Api.json(manager.as()).body(Map.of("name", name("Renamed"))).patch("/api/reports/" + md).then().statusCode(200);
        Api.json(manager.as()).body(Map.of("content", "<i>new</i><img src=x onerror=alert(1)>")).patch("/api/reports/" + md).then().statusCode(200);
        String patched = manager.as().get("/api/reports/" + md).then().extract().path("content");
        assertTrue(patched.contains("new") && !patched.contains("onerror"), patched);
        manager.as().delete("/api/reports/" + md).then().statusCode(204);
        assertProblem(manager.as().get("/api/reports/" + md), 404);
        assertEquals(1L, (long) Db.tx(() -> AuditLog.count("action = 'report.delete' and resourceId = ?1", md)));
    }

    /** Issue 9: Markdown nested 50,000 levels deep overflowed the renderer's stack (500). */
    @Test
    void deeplyNestedContentIsRefusedOrFlattenedNeverA500() {
        Api.Login manager = Api.user("manager");
        long before = Db.tx(() -> Report.count());
        for (String deep : List.of("> ".repeat(50_000) + "x", "- ".repeat(20_000) + "x", "* ".repeat(150) + "x")) {
            assertProblem(create(manager, Map.of("name", name("Deep"), "content", deep, "format", "markdown")), 422)
                    .body("errors[0].field", equalTo("content"));
        }
        assertEquals(before, (long) Db.tx(() -> Report.count()));
        // Moderate nesting is fine.
        create(manager, Map.of("name", name("Nested"), "content", "> ".repeat(20) + "quoted", "format", "markdown")).then().statusCode(201);
        // HTML: the sanitiser balances tags with a nesting limit of its own and never recurses per level.
        String id = create(manager, Map.of("name", name("Deep HTML"), "content", "<div>".repeat(5_000) + "x" + "</div>".repeat(5_000)))
                .then().statusCode(201).extract().path("id");
        manager.as().get("/api/reports/" + id + "?format=html").then().statusCode(200)
                .header("Content-Security-Policy", org.hamcrest.Matchers.containsString("default-src 'none'"))
                .header("X-Content-Type-Options", equalTo("nosniff"));
    }

    @Test
    void templatesRenderTablesSvgChartsAndCsv() {
        Api.Login manager = Api.user("manager");
        StringBuilder sales = new StringBuilder(Csv.FATURAMENTO_HEADER).append('\n');
        sales.append(Csv.sale("2036-03-01", "9600001", "SP", "10")).append('\n').append(Csv.sale("2036-03-02", "9600002", "PR", "4")).append('\n');
        Csv.upload(manager, "faturamento", sales.toString(), null).then().statusCode(201);
        String id = create(manager, Map.of("name", name("Sales"), "template", "sales-overview",
                "parameters", Map.of("from", "2036-01-01", "to", "2037-01-01")))
                .then().statusCode(201).body("source", equalTo("template")).body("has_figures", equalTo(true))
                .body("parameters.from", equalTo("2036-01-01")).extract().path("id");
        String html = manager.as().accept("text/html").get("/api/reports/" + id).then().statusCode(200).extract().asString();
        assertTrue(html.contains("<table>") && html.contains("<svg") && html.contains("Sales by state (UF)") && html.contains("<td>SP</td>"), html);
        String csv = manager.as().get("/api/reports/" + id + "?format=csv").then().statusCode(200).contentType(startsWith("text/csv"))
                .extract().asString();
        assertTrue(csv.contains("uf,tons,invoices,clients,share_pct\r\nSP,10.000,1,1,71.43\r\nPR,4.000,1,1,28.57"), csv);
        assertProblem(create(manager, Map.of("name", name("x"), "template", "weather")), 422).body("errors[0].field", equalTo("template"));
        assertProblem(create(manager, Map.of("name", name("x"), "template", "sales-overview", "parameters", Map.of("from", "soon"))), 400);
        assertProblem(create(manager, Map.of("name", name("x"), "template", "sales-overview", "content", "both")), 422);
        assertProblem(Api.json(manager.as()).body(Map.of("content", "<p>x</p>")).patch("/api/reports/" + id), 422);
    }

    @Test
    void deliveriesMailThoseWhoWantItAndNobodyTwice() throws Exception {
        Api.Login manager = Api.user("manager");
        Api.Login wants = Api.user("viewer");
        Api.Login noMail = Api.user("rep");
        Api.json(noMail.as()).body(Map.of("receive_email", false)).patch("/api/me").then().statusCode(200);
        Api.Login suspended = Api.user("viewer");
        Api.json(Api.asAdmin()).body(Map.of("status", "suspended")).patch("/api/users/" + suspended.id()).then().statusCode(200);
        String id = report(manager, "<p>Monthly <b>numbers</b></p>");
        String reportName = manager.as().get("/api/reports/" + id).then().extract().path("name");

        Response result = Api.json(manager.as()).body(Map.of("user_ids", List.of(wants.id(), noMail.id(), suspended.id())))
                .post("/api/reports/" + id + "/deliveries");
        result.then().statusCode(200).body("recipients", equalTo(3)).body("created", equalTo(2)).body("excluded_suspended", equalTo(1))
                .body("deliveries", hasSize(4));
        Map<String, String> statuses = new HashMap<>();
        List<Map<String, Object>> rows = result.path("deliveries");
        for (Map<String, Object> row : rows) {
            statuses.put(row.get("user_id") + "/" + row.get("channel"), (String) row.get("status"));
        }
        // E-mail goes out just after the answer.
        assertEquals("pending", statuses.get(wants.id() + "/email"));
        assertEquals("sent", statuses.get(wants.id() + "/in_app"));
        assertEquals("skipped", statuses.get(noMail.id() + "/email"));
        assertEquals("sent", statuses.get(noMail.id() + "/in_app"));
        UUID email = UUID.fromString(result.path("deliveries.find { it.channel == 'email' && it.status == 'pending' }.id"));
        Db.eventually(() -> "sent".equals(Db.tx(() -> ReportDelivery.<ReportDelivery>findById(email).status)), 20);
        Db.eventually(() -> mailTo(smtp, wants.email()).size() == 1, 20);
        List<MimeMessage> mails = mailTo(smtp, wants.email());
        assertEquals(1, mails.size());
        assertEquals("Synapse report: " + reportName, mails.get(0).getSubject());
        assertTrue(GreenMailUtil.getBody(mails.get(0)).contains("numbers"));
        assertEquals(0, mailTo(smtp, noMail.email()).size());
        assertEquals(0, mailTo(smtp, suspended.email()).size());

        // The same again: nothing new, nobody mailed twice.
        Api.json(manager.as()).body(Map.of("user_ids", List.of(wants.id(), noMail.id()))).post("/api/reports/" + id + "/deliveries")
                .then().statusCode(200).body("created", equalTo(0)).body("already_delivered", equalTo(2));
        Thread.sleep(300);
        assertEquals(1, mailTo(smtp, wants.email()).size());

        // Recipients see it in /api/me/reports and reading it marks it read; others do not see it at all.
        wants.as().get("/api/me/reports?unread=true").then().statusCode(200).body("items.report_id", org.hamcrest.Matchers.hasItem(id))
                .body("items.find { it.report_id == '" + id + "' }.email_status", equalTo("sent"));
        wants.as().get("/api/reports/" + id).then().statusCode(200).body("content", containsString("numbers"));
        wants.as().get("/api/me/reports").then().body("items.find { it.report_id == '" + id + "' }.read_at", notNullValue());
        wants.as().get("/api/me/reports?unread=true").then().body("items.report_id", not(org.hamcrest.Matchers.hasItem(id)));
        noMail.as().get("/api/me/reports").then().body("items.find { it.report_id == '" + id + "' }.email_status", equalTo("skipped"));
        Api.Login stranger = Api.user("rep");
        assertProblem(stranger.as().get("/api/reports/" + id), 404);
        assertProblem(stranger.as().get("/api/reports/" + id + "?format=html"), 404);
        stranger.as().get("/api/me/reports").then().statusCode(200).body("items", hasSize(0));
        manager.as().get("/api/reports/" + id + "/deliveries").then().statusCode(200).body("items", hasSize(4));
    }

    @Test
    void deliveringToARoleReachesEveryoneAtOrAboveIt() {
        Api.Login manager = Api.user("manager");
        Api.Login otherManager = Api.user("manager");
        Api.Login viewer = Api.user("viewer");
        String id = report(manager, "<p>For managers</p>");
        Response result = Api.json(manager.as()).body(Map.of("role", "manager")).post("/api/reports/" + id + "/deliveries");
        result.then().statusCode(200);
        List<String> users = result.path("deliveries.user_id");
        assertTrue(users.contains(otherManager.id().toString()));
        assertTrue(users.contains(manager.id().toString()));
        assertTrue(!users.contains(viewer.id().toString()));
        long admins = Db.tx(() -> io.synapse.identity.User.count("role = ?1", io.synapse.common.security.Role.ADMIN));
        assertTrue(result.<Integer>path("recipients") >= 2 + admins - 1);
        // Every manager and admin the suite has made gets this one: let the mail drain before the next test.
        UUID report = UUID.fromString(id);
        Db.eventually(() -> Db.tx(() -> ReportDelivery.count("reportId = ?1 and status = 'pending'", report)) == 0, 60);
    }

    @Test
    void schedulesFireOnceAcrossConcurrentTicksAndDeliver() throws Exception {
        Api.Login manager = Api.user("manager");
        Api.Login reader = Api.user("viewer");
        String scheduleName = name("Weekly");
        Response created = Api.json(manager.as()).body(Map.of("name", scheduleName, "template", "inventory-overview", "cron", "0 0 7 ? * MON",
                "user_ids", List.of(reader.id()), "parameters", Map.of("centro", "1101"))).post("/api/report-schedules");
        created.then().statusCode(201).body("next_run_at", notNullValue()).body("enabled", equalTo(true));
        UUID id = UUID.fromString(created.path("id"));
        Db.run(() -> ReportSchedule.update("nextRunAt = ?1 where id = ?2", Instant.now().minusSeconds(5), id));
        ExecutorService pool = Executors.newFixedThreadPool(3);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Integer>> runs = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            Callable<Integer> tick = () -> {
                start.await();
                return schedules.tick();
            };
            runs.add(pool.submit(tick));
        }
        start.countDown();
        int total = 0;
        for (Future<Integer> run : runs) {
            total += run.get();
        }
        pool.shutdown();
        assertEquals(1, total);
        assertEquals(1L, (long) Db.tx(() -> Report.count("scheduleId", id)));
        ReportSchedule after = Db.tx(() -> ReportSchedule.findById(id));
        assertTrue(after.nextRunAt.isAfter(Instant.now()));
        assertNotNull(after.lastReportId);
        assertEquals(null, after.lastError);
        Db.eventually(() -> mailTo(smtp, reader.email()).size() == 1, 20);
        assertTrue(mailTo(smtp, reader.email()).get(0).getSubject().contains(scheduleName));
        assertEquals(0, schedules.tick());
        manager.as().get("/api/report-schedules/" + id).then().statusCode(200).body("last_report_id", equalTo(after.lastReportId.toString()));
        Api.json(manager.as()).body(Map.of("enabled", false)).patch("/api/report-schedules/" + id).then().statusCode(200)
                .body("next_run_at", nullValue());
        manager.as().get("/api/report-schedules?limit=1").then().statusCode(200).body("items", hasSize(1));
        manager.as().delete("/api/report-schedules/" + id).then().statusCode(204);
        assertProblem(manager.as().get("/api/report-schedules/" + id), 404);
    }

    @Test
    void rolesAndBadInputAreProblemsAndChangeNothing() {
        Api.Login manager = Api.user("manager");
        String id = report(manager, "<p>guarded</p>");
        for (String role : List.of("viewer", "rep")) {
            Api.Login user = Api.user(role);
            assertProblem(user.as().get("/api/reports"), 403);
            assertProblem(create(user, Map.of("name", name("x"), "content", "x")), 403);
            assertProblem(Api.json(user.as()).body(Map.of("name", "x")).patch("/api/reports/" + id), 403);
            assertProblem(user.as().delete("/api/reports/" + id), 403);
            assertProblem(Api.json(user.as()).body(Map.of("role", "viewer")).post("/api/reports/" + id + "/deliveries"), 403);
            assertProblem(user.as().get("/api/report-schedules"), 403);
            assertProblem(Api.json(user.as()).body(Map.of("name", "s", "template", "sales-overview", "cron", "0 0 7 * * ?", "role", "viewer"))
                    .post("/api/report-schedules"), 403);
        }
        assertProblem(given().get("/api/reports"), 401);
        assertProblem(given().get("/api/me/reports"), 401);
        long before = Db.tx(() -> Report.count());
        assertProblem(manager.as().contentType("application/json").body("{\"name\":").post("/api/reports"), 400);
        assertProblem(create(manager, Map.of("content", "no name")), 400);
        assertProblem(create(manager, Map.of("name", "n".repeat(201), "content", "x")), 400);
        assertProblem(create(manager, Map.of("name", name("x"))), 422);
        assertProblem(create(manager, Map.of("name", name("x"), "content", "x", "format", "pdf")), 400);
        assertProblem(create(manager, Map.of("name", name("x"), "content", "x", "id", UUID.randomUUID().toString())), 400);
        assertProblem(manager.as().contentType("application/json").body("{\"name\": 5, \"content\": \"x\"}").post("/api/reports"), 400);
        assertEquals(before, (long) Db.tx(() -> Report.count()));
        String unknown = UUID.randomUUID().toString();
        assertProblem(manager.as().get("/api/reports/" + unknown), 404);
        assertProblem(Api.json(manager.as()).body(Map.of("name", "x")).patch("/api/reports/" + unknown), 404);
        assertProblem(manager.as().delete("/api/reports/" + unknown), 404);
        assertProblem(Api.json(manager.as()).body(Map.of("role", "viewer")).post("/api/reports/" + unknown + "/deliveries"), 404);
        assertProblem(manager.as().get("/api/reports/" + id + "?format=pdf"), 400);
        long rows = Db.tx(() -> ReportDelivery.count("reportId", UUID.fromString(id)));
        assertProblem(Api.json(manager.as()).body(Map.of("user_ids", List.of(UUID.randomUUID()))).post("/api/reports/" + id + "/deliveries"), 422);
        assertProblem(Api.json(manager.as()).body(Map.of("user_ids", List.of(manager.id()), "role", "viewer")).post("/api/reports/" + id + "/deliveries"), 422);
        assertProblem(Api.json(manager.as()).body(Map.of()).post("/api/reports/" + id + "/deliveries"), 422);
        assertProblem(Api.json(manager.as()).body(Map.of("role", "boss")).post("/api/reports/" + id + "/deliveries"), 400);
        assertProblem(Api.json(manager.as()).body(Map.of("user_ids", List.of("nope"))).post("/api/reports/" + id + "/deliveries"), 400);
        assertEquals(rows, (long) Db.tx(() -> ReportDelivery.count("reportId", UUID.fromString(id))));
        long schedulesBefore = Db.tx(() -> ReportSchedule.count());
        Map<String, Object> schedule = new HashMap<>(Map.of("name", name("s"), "template", "sales-overview", "cron", "not a cron", "role", "viewer"));
        assertProblem(Api.json(manager.as()).body(schedule).post("/api/report-schedules"), 422).body("errors[0].field", equalTo("cron"));
        schedule.put("cron", "0 0 7 * * ?");
        schedule.put("template", "nope");
        assertProblem(Api.json(manager.as()).body(schedule).post("/api/report-schedules"), 422).body("errors[0].field", equalTo("template"));
        schedule.put("template", "sales-overview");
        schedule.remove("role");
        assertProblem(Api.json(manager.as()).body(schedule).post("/api/report-schedules"), 422);
        schedule.put("role", "viewer");
        schedule.put("parameters", Map.of("uf", "x".repeat(11)));
        assertProblem(Api.json(manager.as()).body(schedule).post("/api/report-schedules"), 400);
        assertEquals(schedulesBefore, (long) Db.tx(() -> ReportSchedule.count()));
        assertProblem(manager.as().get("/api/report-schedules/" + unknown), 404);
        assertProblem(manager.as().get("/api/me/reports?unread=maybe"), 400);
        assertProblem(manager.as().get("/api/me/reports?cursor=x"), 400);
    }
}
