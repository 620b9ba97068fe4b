package io.synapse.datasources;

import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.StreamingOutput;

import org.jboss.logging.Logger;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.synapse.common.error.ProblemException;
import io.synapse.common.security.Actor;
import io.synapse.datasources.analytics.QueryRecorder;
import io.synapse.datasources.exec.OpenQuery;
import io.synapse.datasources.exec.QueryFailure;
import io.synapse.datasources.exec.QueryRunner;
import io.synapse.datasources.exec.ResultWriter;
import io.synapse.datasources.guard.GuardedStatement;
import io.synapse.datasources.guard.SqlGuard;
import io.synapse.datasources.guard.SqlRefusals;
import io.synapse.datasources.guard.SqlRefused;

/**
 * Runs a statement on a registered database: the guard, then execution, then rows streamed to
 * the client, with one query_analytics row for every outcome (refused, failed, delivered).
 * Everything that can fail before the first row is an ordinary problem response.
 */
@ApplicationScoped
public class QueryService {

    private static final Logger LOG = Logger.getLogger(QueryService.class);

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

    /** A statement ready to stream, and the analytics row that will say how it went. */
    public record Prepared(OpenQuery query, QueryRecorder.Entry entry, int maxRows) {
    }

    /** The connection a statement may run on: visible to the caller and passing its last test. */
    public DatabaseConnection queryable(Actor actor, UUID id) {
        return QuarkusTransaction.requiringNew().call(() -> {
            DatabaseConnection c = ConnectionAccess.visible(actor, id);
            ConnectionAccess.requireQueryable(c);
            return c;
        });
    }

    public Prepared prepare(Actor actor, UUID connectionId, QueryRequest request) {
        DatabaseConnection c = queryable(actor, connectionId);
        int maxRows = request.limit() != null ? Math.min(request.limit(), config.query().maxRows()) : config.query().maxRows();
        QueryRecorder.Entry entry = new QueryRecorder.Entry(actor, connectionId, "sql", request.sql());
        return open(c, request.sql(), request.params(), maxRows, entry, "sql");
    }

    /** Guards and executes; the entry is recorded here when it fails, by the streaming side when it runs. */
    public Prepared open(DatabaseConnection c, String sql, Map<String, Object> params, int maxRows, QueryRecorder.Entry entry, String field) {
        if (sql.length() > config.query().maxSqlLength()) {
            throw ProblemException.invalidField(field, "must be at most " + config.query().maxSqlLength() + " characters");
        }
        GuardedStatement statement;
        try {
            statement = guard.check(sql, c.engine, maxRows, c.allowedSchemas());
        } catch (SqlRefused refused) {
            recorder.record(entry.failed("refused:" + refused.reason(), refused.getMessage(), null));
            throw SqlRefusals.problem(refused, field);
        }
        entry.sql(statement.checkedSql());
        List<String> missing = statement.parameters().stream().filter(name -> params == null || !params.containsKey(name)).distinct().toList();
        if (!missing.isEmpty()) {
            throw ProblemException.unprocessable("params", "the statement uses " + String.join(", ", missing.stream().map(n -> ":" + n).toList())
                    + " but params has no value for it");
        }
        try {
            return new Prepared(runner.open(c, statement, params, maxRows), entry, maxRows);
        } catch (QueryFailure failure) {
            recorder.record(entry.failed(failure.errorClass(), failure.getMessage(), null));
            throw failure.toProblem();
        } catch (QueryRunner.MissingParameter e) {
            throw ProblemException.unprocessable("params", "no usable value for :" + e.getMessage());
        }
    }

    /** The rows as JSON or CSV, written as they are read; the analytics row is recorded when the stream ends. */
    public StreamingOutput stream(Prepared prepared, boolean csv) {
        return out -> {
            try (OpenQuery query = prepared.query()) {
                ResultWriter.Outcome outcome = write(query, out, prepared.maxRows(), csv);
                if (outcome.failure() != null) {
                    recorder.record(prepared.entry().failed(outcome.failure().errorClass(), outcome.failure().getMessage(), outcome.durationMs()));
                } else {
                    recorder.record(prepared.entry().succeeded(outcome.durationMs(), outcome.rows(), outcome.bytes(), outcome.truncated()));
                }
            } catch (IOException | RuntimeException e) {
                // Most often the client went away mid-stream; the statement is rolled back and closed all the same.
                LOG.debugf("Streaming a query result ended early: %s", e.toString());
                recorder.record(prepared.entry().failed("stream_interrupted", e.getClass().getSimpleName(), prepared.query().elapsedMs()));
                throw e;
            }
        };
    }

    private ResultWriter.Outcome write(OpenQuery query, OutputStream out, int maxRows, boolean csv) throws IOException {
        long maxBytes = config.query().maxBytes().asLongValue();
        return csv ? ResultWriter.csv(query, out, maxRows, maxBytes) : ResultWriter.json(query, out, maxRows, maxBytes, mapper);
    }
}
