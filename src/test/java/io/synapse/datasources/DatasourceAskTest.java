package io.synapse.datasources;

import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.synapse.chat.FakeModelProviderLog;
import io.synapse.chat.Message;
import io.synapse.chat.ModelProviderProfile;
import io.synapse.datasources.analytics.QueryAnalytics;
import io.synapse.runs.Run;
import io.synapse.runs.RunStatus;
import io.synapse.support.Api;
import io.synapse.support.Db;
import io.synapse.support.UserDatabases;

/** Questions in plain words, against the fake OpenAI-compatible provider (shares the chat tests' profile: no extra restart). */
@QuarkusTest
@TestProfile(ModelProviderProfile.class)
class DatasourceAskTest {

    private static Response ask(Api.Login user, UUID connection, Map<String, Object> body) {
        return Api.json(user.as()).body(body).post("/api/datasources/" + connection + "/ask");
    }

    @Test
    void aQuestionIsAnsweredWithSqlRowsAndWordsAndStoredInTheConversation() {
        Api.Login manager = Api.user("manager");
        for (String engine : List.of("postgresql", "mariadb")) {
            UUID id = Datasources.ready(manager, engine);
            Response response = ask(manager, id, Map.of("question", "How many customers per state? SQL<<SELECT state, count(*) AS n FROM customers GROUP BY state ORDER BY state>>"));
            response.then().statusCode(200).body("sql", startsWith("SELECT state, count(*) AS n FROM customers GROUP BY state ORDER BY state"))
                    .body("columns.name", equalTo(List.of("state", "n"))).body("rows", equalTo(List.of(List.of("PR", 2), List.of("SP", 1))))
                    .body("row_count", equalTo(2)).body("truncated", equalTo(false)).body("answer", startsWith("In short: Rows (2)"))
                    .body("retried", equalTo(false)).body("run.status", equalTo("completed")).body("run.agent_type", equalTo("datasource_ask"))
                    .body("run.total_tokens", notNullValue()).body("run.cost_estimate", notNullValue());
            UUID conversation = UUID.fromString(response.path("conversation_id"));
            UUID answerId = UUID.fromString(response.path("answer_message_id"));

            Message answer = Db.tx(() -> Message.<Message>findById(answerId));
            assertTrue(answer.sqlQuery.startsWith("SELECT state"));
            assertNotNull(answer.queryResult);
            manager.as().get("/api/conversations/" + conversation).then().statusCode(200).body("connection_id", equalTo(id.toString()))
                    .body("message_count", equalTo(2));
            manager.as().get("/api/conversations/" + conversation + "/messages").then().body("items[1].sql_query", startsWith("SELECT state"))
                    .body("items[1].query_result.rows[0][0]", equalTo("PR"));
            QueryAnalytics row = Db.tx(() -> QueryAnalytics.<QueryAnalytics>find("conversationId", conversation).firstResult());
            assertEquals("nl", row.origin);
            assertEquals(answerId, row.messageId);
            assertTrue(row.question.startsWith("How many customers"));
            assertNotNull(row.totalTokens);

            // A follow-up in the same conversation; the prompt carried the relevant tables, not the whole catalogue.
            ask(manager, id, Map.of("question", "And orders? SQL<<SELECT count(*) FROM orders>>", "conversation_id", conversation.toString())).then()
                    .statusCode(200).body("conversation_id", equalTo(conversation.toString())).body("rows[0][0]", equalTo(4));
            String system = FakeModelProviderLog.lastSystemPromptContaining("translate questions");
            assertTrue(system.contains("orders"), system);
            assertFalse(system.contains("guard_items"), system);
        }
    }

    /** Budgets (issue 14) are checked before the first provider call: a refused question stores nothing and calls no model. */
    @Test
    void aQuestionThatWouldPassTheBudgetIsRefusedBeforeTheModelIsAsked() {
        Api.Login manager = Api.user("manager");
        UUID id = Datasources.ready(manager, "postgresql");
        Api.json(Api.asAdmin()).body(Map.of("scope", "user", "user_id", manager.id(), "period", "day", "token_limit", 50_000))
                .post("/api/admin/budgets").then().statusCode(201);
        Db.run(() -> {
            io.synapse.runs.Run spent = new io.synapse.runs.Run();
            spent.userId = manager.id();
            spent.agentType = "earlier";
            spent.status = io.synapse.runs.RunStatus.COMPLETED;
            spent.totalTokens = 49_990;
            spent.persist();
        });
        long runsBefore = Db.tx(() -> io.synapse.runs.Run.count("userId", manager.id()));
        long messagesBefore = Db.tx(() -> Message.count());
        Response refused = ask(manager, id, Map.of("question", "How many customers? SQL<<SELECT count(*) FROM customers>>"));
        assertProblem(refused, 429);
        refused.then().body("type", equalTo("https://synapse.dev/problems/budget-exceeded")).body("problems[0].token_limit", equalTo(50_000))
                .body("problems[0].tokens_used", equalTo(49_990));
        assertEquals(runsBefore, (long) Db.tx(() -> io.synapse.runs.Run.count("userId", manager.id())));
        assertEquals(messagesBefore, (long) Db.tx(() -> Message.count()));
    }

    @Test
    void aDatabaseErrorIsFedBackOnceForACorrectedStatement() {
        Api.Login manager = Api.user("manager");
        UUID id = Datasources.ready(manager, "postgresql");
        ask(manager, id, Map.of("question", "Total sales? SQL<<SELECT sum(total) FROM orders>> RETRY<<SELECT sum(amount) AS total FROM orders>>")).then()
                .statusCode(200).body("retried", equalTo(true)).body("sql", startsWith("SELECT sum(amount)")).body("rows[0][0]", equalTo(542.85f));
        // Still wrong after the retry: 422, the run failed, the conversation says so.
        Response failed = ask(manager, id, Map.of("question", "Broken? SQL<<SELECT nope FROM orders>>"));
        assertProblem(failed, 422);
        Run run = Db.tx(() -> Run.<Run>find("userId = ?1 and status = ?2 order by createdAt desc", manager.id(), RunStatus.FAILED).firstResult());
        assertEquals("database_error", run.errorCode);
    }

    @Test
    void hostileSqlFromTheModelIsRefusedAndNothingChanges() {
        Api.Login manager = Api.user("manager");
        String before = UserDatabases.guardItems(true);
        UUID id = Datasources.ready(manager, "postgresql");
        for (String hostile : List.of("DELETE FROM guard_items", "SELECT pg_sleep(10)", "SELECT 1; DROP TABLE guard_items",
                "WITH d AS (DELETE FROM guard_items RETURNING id) SELECT * FROM d", "SELECT * FROM pg_shadow")) {
            assertProblem(ask(manager, id, Map.of("question", "Do it SQL<<" + hostile + ">>")), 422).body("type", containsString("sql-refused"));
        }
        assertEquals(before, UserDatabases.guardItems(true));
        assertEquals(5L, (long) Db.tx(() -> Run.count("userId = ?1 and errorCode = 'sql_refused'", manager.id())));
    }

    @Test
    void providerFailuresAndMissingAnswersAreReported() {
        Api.Login manager = Api.user("manager");
        UUID id = Datasources.ready(manager, "mariadb");
        assertProblem(ask(manager, id, Map.of("question", "[500] anything")), 502);
        // The summary failing still answers with the rows.
        ask(manager, id, Map.of("question", "Count [summary500] SQL<<SELECT count(*) AS n FROM customers>>")).then().statusCode(200)
                .body("rows[0][0]", equalTo(3)).body("answer", equalTo("The query returned 1 row."));
    }

    @Test
    void theAnswerStreamsAsServerSentEvents() {
        Api.Login manager = Api.user("manager");
        UUID id = Datasources.ready(manager, "postgresql");
        String body = Api.json(manager.as()).accept("text/event-stream").body(Map.of("question", "Names? SQL<<SELECT name FROM customers ORDER BY id>>"))
                .post("/api/datasources/" + id + "/ask").then().statusCode(200).contentType(startsWith("text/event-stream")).extract().asString();
        int start = body.indexOf("event:start");
        int sql = body.indexOf("event:sql");
        int rows = body.indexOf("event:rows");
        int token = body.indexOf("event:token");
        int done = body.indexOf("event:done");
        assertTrue(start >= 0 && start < sql && sql < rows && rows < token && token < done, body);
        assertTrue(body.contains("\"Acme\""), body);
    }

    @Test
    void accessRolesAndBadInput() {
        Api.Login owner = Api.user("manager");
        Api.Login viewer = Api.user("viewer");
        UUID id = Datasources.ready(owner, "postgresql");
        assertProblem(ask(viewer, id, Map.of("question", "x")), 404);
        Datasources.share(owner, id, "viewer");
        ask(viewer, id, Map.of("question", "Count SQL<<SELECT count(*) FROM customers>>")).then().statusCode(200).body("rows[0][0]", equalTo(3));
        // Another user's conversation is not theirs to continue.
        UUID ownersConversation = UUID.fromString(ask(owner, id, Map.of("question", "Hi SQL<<SELECT 1>>")).then().statusCode(200).extract()
                .path("conversation_id"));
        assertProblem(ask(viewer, id, Map.of("question", "Hi", "conversation_id", ownersConversation.toString())), 404);
        // A conversation about another connection cannot be continued here.
        UUID other = Datasources.ready(owner, "mariadb");
        assertProblem(ask(owner, other, Map.of("question", "Hi", "conversation_id", ownersConversation.toString())), 422);

        assertProblem(ask(owner, id, Map.of()), 400);
        assertProblem(ask(owner, id, Map.of("question", "")), 400);
        assertProblem(ask(owner, id, Map.of("question", "q".repeat(2001))), 400);
        assertProblem(ask(owner, id, Map.of("question", 5)), 400);
        assertProblem(ask(owner, id, Map.of("question", "x", "conversation_id", "nope")), 400);
        assertProblem(ask(owner, UUID.randomUUID(), Map.of("question", "x")), 404);
        assertProblem(ask(owner, id, Map.of("question", "x", "conversation_id", UUID.randomUUID().toString())), 404);
        assertProblem(ask(owner, Datasources.register(owner, "postgresql", UserDatabases.READER), Map.of("question", "x")), 409);
    }
}
