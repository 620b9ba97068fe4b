package io.synapse.datasources.ask;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.synapse.chat.ChatTranscript;
import io.synapse.chat.ReplyStream;
import io.synapse.chat.provider.ChatTurn;
import io.synapse.chat.provider.ModelProvider;
import io.synapse.chat.provider.ProviderFailure;
import io.synapse.chat.provider.ProviderReply;
import io.synapse.common.error.Problem;
import io.synapse.common.error.ProblemException;
import io.synapse.common.input.StorableText;
import io.synapse.common.security.Actor;
import io.synapse.datasources.ConnectionService;
import io.synapse.datasources.DatabaseConnection;
import io.synapse.datasources.DatasourcesConfig;
import io.synapse.datasources.QueryService;
import io.synapse.datasources.analytics.QueryRecorder;
import io.synapse.datasources.exec.OpenQuery;
import io.synapse.datasources.exec.QueryFailure;
import io.synapse.datasources.exec.QueryRunner;
import io.synapse.datasources.exec.ResultWriter;
import io.synapse.datasources.guard.GuardedStatement;
import io.synapse.datasources.guard.SqlGuard;
import io.synapse.datasources.guard.SqlRefusals;
import io.synapse.datasources.guard.SqlRefused;
import io.synapse.datasources.introspect.DatabaseSchema;
import io.synapse.datasources.templates.QueryTemplate;
import io.synapse.runs.Run;
import io.synapse.budgets.BudgetService;
import io.synapse.runs.RunService;
import io.synapse.runs.RunStatus;
import io.synapse.runs.RunUpdate;
import io.synapse.runs.RunView;

/**
 * Questions in plain words about a registered database. The relevant part of the catalogue and
 * matching templates go to the configured model with the question; its SQL passes the same
 * guard and read-only execution as any statement (a database error is fed back once for a
 * corrected statement); the rows and a short answer in words are stored in the conversation as
 * the assistant's message, and the run accounts for every model call. Like chat replies, no
 * transaction is held while the model or the database works.
 */
@ApplicationScoped
public class AskService {

    private static final Logger LOG = Logger.getLogger(AskService.class);
    private static final int SUMMARY_ROWS = 20;
    private static final int HISTORY_TURNS = 6;

    @Inject
    ModelProvider provider;

    @Inject
    BudgetService budgets;

    @Inject
    ChatTranscript transcript;

    @Inject
    RunService runs;

    @Inject
    QueryService queries;

    @Inject
    ConnectionService connections;

    @Inject
    SqlGuard guard;

    @Inject
    QueryRunner runner;

    @Inject
    QueryRecorder recorder;

    @Inject
    DatasourcesConfig config;

    @Inject
    ObjectMapper mapper;

    /** A question stored with its processing run, ready for the model. */
    public record Started(Actor actor, DatabaseConnection connection, String question, UUID conversationId, UUID questionId, UUID runId,
            List<ChatTurn> turns, long startNanos) {
    }

    private static final class Usage {
        Integer prompt;
        Integer completion;
        String model;

        void add(ProviderReply reply) {
            prompt = sum(prompt, reply.promptTokens());
            completion = sum(completion, reply.completionTokens());
            model = reply.model() != null ? reply.model() : model;
        }

        Integer total() {
            return sum(prompt, completion);
        }

        private static Integer sum(Integer a, Integer b) {
            if (a == null) {
                return b;
            }
            return b == null ? a : Integer.valueOf(a + b);
        }
    }

    /** Everything that can fail as an ordinary problem response: access, the provider's configuration, the catalogue, storing the question. */
    public Started start(Actor actor, UUID connectionId, AskRequest request) {
        if (actor.userId() == null) {
            throw ProblemException.forbidden("Service tokens have no conversations; use a user's token or API key");
        }
        DatabaseConnection c = queries.queryable(actor, connectionId);
        if (!provider.configured()) {
            throw ProblemException.serviceUnavailable(
                    "No model provider is configured: set SYNAPSE_CHAT_PROVIDER_BASE_URL (and _API_KEY, _MODEL) to ask questions in plain words");
        }
        if (c.schemaRefreshedAt == null) {
            connections.refreshCatalogue(c);
        }
        List<DatabaseSchema> tables = QuarkusTransaction.requiringNew().call(() -> DatabaseSchema.<DatabaseSchema>list(
                "connectionId = ?1 and refreshedAt = (select max(s.refreshedAt) from DatabaseSchema s where s.connectionId = ?1) order by id", c.id));
        List<DatabaseSchema> relevant = SchemaRanker.rank(request.question(), tables, Math.max(1, config.ask().maxTables()));
        String examples = examples(actor, c.id, request.question());
        return QuarkusTransaction.requiringNew().call(() -> {
            UUID conversation = transcript.forConnection(actor, request.conversationId(), c.id, request.question().trim());
            ChatTranscript.Stored question = transcript.question(actor, conversation, request.question());
            List<ChatTurn> turns = new ArrayList<>();
            turns.add(new ChatTurn("system", systemPrompt(c, relevant, examples)));
            for (Map.Entry<String, String> turn : transcript.history(conversation, question.sequenceNumber(), HISTORY_TURNS)) {
                turns.add(new ChatTurn(turn.getKey().equals("assistant") ? "assistant" : "user", turn.getValue()));
            }
            turns.add(new ChatTurn("user", request.question()));
            Map<String, Object> input = new LinkedHashMap<>();
            input.put("connection_id", c.id.toString());
            input.put("question_message_id", question.id().toString());
            input.put("tables", relevant.stream().map(t -> t.schemaName + "." + t.tableName).toList());
            // Two calls (the SQL, then the answer in words); a 429 here rolls the question back. A corrected
            // statement, when needed, is a third call the reservation does not cover.
            BudgetService.Reservation reservation = budgets.reserveFor(actor, turns, 2);
            Run run = runs.startProcessing(actor.userId(), conversation, question.id(), RunService.ASK_AGENT_TYPE, provider.model(), input);
            reservation.stamp(run, actor);
            return new Started(actor, c, request.question(), conversation, question.id(), run.id, turns, System.nanoTime());
        });
    }

    /** The whole exchange; with events, the SQL, the rows and the answer's tokens are sent as they come. */
    public AskView answer(Started started, ReplyStream events) {
        Usage usage = new Usage();
        List<ChatTurn> turns = new ArrayList<>(started.turns());
        String sql = null;
        try {
            ProviderReply first = provider.complete(turns);
            usage.add(first);
            sql = SqlReply.extract(first.content());
            ResultWriter.Collected rows;
            boolean retried = false;
            try {
                rows = execute(started, sql, usage);
            } catch (QueryFailure failure) {
                if (failure.status() != 422) {
                    throw failure;
                }
                // Once: the database's own words back to the model, for a corrected statement.
                retried = true;
                turns.add(new ChatTurn("assistant", first.content()));
                turns.add(new ChatTurn("user", "The database answered with an error: " + failure.getMessage()
                        + "\nReply with a corrected SQL statement only, in a ```sql block."));
                ProviderReply second = provider.complete(turns);
                usage.add(second);
                sql = SqlReply.extract(second.content());
                rows = execute(started, sql, usage);
            }
            if (events != null) {
                events.send("sql", Map.of("sql", sql, "retried", retried));
                events.send("rows", Map.of("columns", rows.columns(), "rows", rows.rows(), "row_count", rows.rows().size(), "truncated", rows.truncated()));
            }
            String answer = summarise(started, sql, rows, usage, events);
            return finish(started, sql, rows, answer, retried, usage);
        } catch (ProviderFailure failure) {
            fail(started, failure.code(), failure.getMessage(), sql, usage);
            throw failure.toProblem(started.runId());
        } catch (SqlRefused refused) {
            fail(started, "sql_refused", "The model's statement was refused: " + refused.getMessage(), sql, usage);
            throw SqlRefusals.problem(refused, "sql");
        } catch (QueryFailure failure) {
            fail(started, failure.errorClass(), failure.getMessage(), sql, usage);
            throw failure.toProblem();
        } catch (ProblemException problem) {
            fail(started, "ask_failed", problem.getMessage(), sql, usage);
            throw problem;
        } catch (RuntimeException e) {
            LOG.errorf(e, "Question run %s failed", started.runId());
            fail(started, "ask_failed", "The question could not be answered", sql, usage);
            throw ProblemException.badGateway("The question could not be answered; run " + started.runId() + " is marked failed");
        }
    }

    /** The SSE variant: start, sql, rows, token..., done; or error (a problem) when anything fails after start. */
    public void stream(Started started, ReplyStream events) {
        try {
            Map<String, Object> start = new LinkedHashMap<>();
            start.put("conversation_id", started.conversationId());
            start.put("question_message_id", started.questionId());
            start.put("run_id", started.runId());
            events.send("start", start);
            events.send("done", answer(started, events));
        } catch (ProblemException problem) {
            events.send("error", problem.problem());
        } catch (RuntimeException e) {
            LOG.errorf(e, "Streamed question run %s failed", started.runId());
            events.send("error", Problem.of(500, "internal", "Internal error", "The question could not be answered; quote the X-Request-Id header"));
        } finally {
            events.close();
        }
    }

    private ResultWriter.Collected execute(Started started, String sql, Usage usage) throws QueryFailure {
        DatabaseConnection c = started.connection();
        int maxRows = Math.max(1, config.ask().maxRows());
        QueryRecorder.Entry entry = new QueryRecorder.Entry(started.actor(), c.id, "nl", sql).question(started.question())
                .chat(started.conversationId(), null, started.runId()).tokens(usage.prompt, usage.completion, usage.total(), usage.model);
        GuardedStatement statement;
        try {
            statement = guard.check(sql, c.engine, maxRows, c.allowedSchemas());
        } catch (SqlRefused refused) {
            recorder.record(entry.failed("refused:" + refused.reason(), refused.getMessage(), null));
            throw refused;
        }
        if (!statement.parameters().isEmpty()) {
            SqlRefused refused = new SqlRefused("positional_parameter", "The model's statement has parameters (:" + statement.parameters().get(0) + ")");
            recorder.record(entry.failed("refused:" + refused.reason(), refused.getMessage(), null));
            throw refused;
        }
        entry.sql(statement.checkedSql());
        try (OpenQuery query = runner.open(c, statement, Map.of(), maxRows)) {
            ResultWriter.Collected rows = ResultWriter.collect(query, maxRows, config.ask().maxResultBytes().asLongValue(), mapper);
            recorder.record(entry.succeeded(rows.durationMs(), rows.rows().size(), rows.bytes(), rows.truncated()));
            return rows;
        } catch (QueryFailure failure) {
            recorder.record(entry.failed(failure.errorClass(), failure.getMessage(), null));
            throw failure;
        }
    }

    private String summarise(Started started, String sql, ResultWriter.Collected rows, Usage usage, ReplyStream events) {
        List<ChatTurn> turns = List.of(new ChatTurn("system", "You answer a question from the result of a SQL query, in one or two short sentences, "
                + "in the language of the question. Use only the rows given; say so when they do not answer it."),
                new ChatTurn("user", "Question: " + started.question() + "\nSQL: " + sql + "\nColumns: " + rows.columns().stream().map(c -> c.name()).toList()
                        + "\nRows (" + rows.rows().size() + (rows.truncated() ? ", more not shown" : "") + "): " + json(rows.rows().subList(0,
                                Math.min(SUMMARY_ROWS, rows.rows().size())))));
        try {
            ProviderReply reply;
            if (events != null) {
                try (ModelProvider.ProviderResponse response = provider.open(turns, true)) {
                    reply = response.read(delta -> events.send("token", Map.of("delta", delta)));
                }
            } else {
                reply = provider.complete(turns);
            }
            usage.add(reply);
            if (!reply.content().isBlank()) {
                return reply.content();
            }
        } catch (ProviderFailure failure) {
            // The rows stand on their own: the answer in words is the part that may be missing.
            LOG.warnf("Summary of question run %s failed: %s", started.runId(), failure.getMessage());
        }
        return "The query returned " + rows.rows().size() + (rows.truncated() ? " or more rows." : rows.rows().size() == 1 ? " row." : " rows.");
    }

    private AskView finish(Started started, String sql, ResultWriter.Collected rows, String answer, boolean retried, Usage usage) {
        int latency = latency(started);
        return QuarkusTransaction.requiringNew().call(() -> {
            Map<String, Object> result = new LinkedHashMap<>();
            result.put("columns", rows.columns());
            result.put("rows", clean(rows.rows()));
            result.put("row_count", rows.rows().size());
            result.put("truncated", rows.truncated());
            Map<String, Object> metadata = new LinkedHashMap<>();
            metadata.put("run_id", started.runId().toString());
            metadata.put("connection_id", started.connection().id.toString());
            metadata.put("retried", retried);
            String model = StorableText.shorten(usage.model != null ? usage.model : provider.model(), 100);
            ChatTranscript.Stored stored = transcript.answer(started.actor(), started.conversationId(), StorableText.clean(answer), model, usage.total(), sql,
                    result, rows.durationMs(), null, metadata);
            Map<String, Object> output = new LinkedHashMap<>();
            output.put("answer_message_id", stored.id().toString());
            output.put("sql", sql);
            output.put("row_count", rows.rows().size());
            output.put("retried", retried);
            RunView run = runs.apply(Run.findForUpdate(started.runId()), new RunUpdate(RunStatus.COMPLETED, output, null, null, usage.prompt,
                    usage.completion, usage.total(), provider.cost(usage.prompt, usage.completion), latency, null));
            QueryRecorderLinks.link(started.runId(), stored.id());
            return new AskView(started.conversationId(), started.questionId(), stored.id(), sql, rows.columns(), rows.rows(), rows.rows().size(),
                    rows.truncated(), answer, retried, run);
        });
    }

    /** The run is failed and the conversation says why; best effort, like chat replies (the stuck-run sweep is the backstop). */
    private void fail(Started started, String code, String message, String sql, Usage usage) {
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                ChatTranscript.Stored stored = transcript.answer(started.actor(), started.conversationId(),
                        "I could not answer this question.", StorableText.shorten(provider.model(), 100), usage.total(), sql == null ? null : StorableText.clean(sql),
                        null, null, StorableText.shorten(StorableText.clean(message), 10_000), Map.of("run_id", started.runId().toString(), "error_code", code));
                Map<String, Object> output = new LinkedHashMap<>();
                output.put("answer_message_id", stored.id().toString());
                runs.apply(Run.findForUpdate(started.runId()), new RunUpdate(RunStatus.FAILED, output, code, StorableText.shorten(message, 10_000),
                        usage.prompt, usage.completion, usage.total(), provider.cost(usage.prompt, usage.completion), latency(started), null));
            });
        } catch (RuntimeException e) {
            LOG.errorf(e, "Could not mark question run %s failed; the stuck-run sweep will", started.runId());
        }
    }

    private String examples(Actor actor, UUID connectionId, String question) {
        List<QueryTemplate> templates = QuarkusTransaction.requiringNew().call(() -> QueryTemplate.<QueryTemplate>find(
                "connectionId = ?1 and (userId = ?2 or sharedWithRole in ?3) order by isVerified desc, usageCount desc", connectionId, actor.userId(),
                actor.roles().isEmpty() ? List.of("-") : List.copyOf(actor.roles())).range(0, 199).list());
        var words = SchemaRanker.words(question);
        StringBuilder out = new StringBuilder();
        int used = 0;
        for (QueryTemplate t : templates) {
            String about = t.name + " " + (t.questionTemplate == null ? "" : t.questionTemplate) + " " + (t.description == null ? "" : t.description);
            if (used < 3 && SchemaRanker.words(about).stream().anyMatch(words::contains)) {
                out.append("Example question: ").append(t.questionTemplate != null ? t.questionTemplate : t.name).append("\nExample SQL: ")
                        .append(t.sqlTemplate.replace('\n', ' ')).append('\n');
                used++;
            }
        }
        return out.toString();
    }

    private static String systemPrompt(DatabaseConnection c, List<DatabaseSchema> tables, String examples) {
        String dialect = c.engine.isPostgres() ? "PostgreSQL" : c.engine.value().equals("mysql") ? "MySQL" : "MariaDB";
        return "You translate questions into one read-only SQL query for a " + dialect + " database. Use only the tables and columns below. "
                + "Reply with the SQL alone in a ```sql block: a single SELECT (or WITH ... SELECT) statement, without comments or parameters, "
                + "that changes nothing. If the tables cannot answer the question, reply with SELECT 'cannot answer' AS reason.\n\nSchema:\n"
                + SchemaRanker.describe(tables) + (examples.isEmpty() ? "" : "\nQueries that answered similar questions:\n" + examples);
    }

    private String json(Object value) {
        try {
            return mapper.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            return String.valueOf(value);
        }
    }

    /** Rows from someone else's database become a jsonb column here: text PostgreSQL cannot store is cleaned. */
    private static List<List<Object>> clean(List<List<Object>> rows) {
        return rows.stream().map(row -> row.stream().map(v -> v instanceof String s ? (Object) StorableText.clean(s) : v).toList()).toList();
    }

    private static int latency(Started started) {
        return (int) Math.min(Integer.MAX_VALUE, (System.nanoTime() - started.startNanos()) / 1_000_000);
    }
}
