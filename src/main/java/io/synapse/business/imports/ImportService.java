package io.synapse.business.imports;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

import org.hibernate.Session;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;
import org.postgresql.PGConnection;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.synapse.business.BusinessConfig;
import io.synapse.business.analytics.AnalyticsCache;
import io.synapse.common.error.Problem;
import io.synapse.common.error.ProblemException;
import io.synapse.common.security.Actor;
import io.synapse.telemetry.AuditRecorder;

/**
 * Loads a CSV file all or nothing. The attempt is recorded first (its own transaction, so a
 * refusal stays on record); then, in one transaction holding a per-table advisory lock (so two
 * imports of one table queue up): COPY into a temporary staging table with every cell checked,
 * the duplicate check on the file's SHA-256, new clients named "Cliente N" in code order as the
 * seed does, the optional replacement of earlier rows, the insert, the attempt's outcome and its
 * audit row. A bad file loads nothing and answers 422 with the first 100 problems.
 */
@ApplicationScoped
public class ImportService {

    private static final Logger LOG = Logger.getLogger(ImportService.class);

    @Inject
    EntityManager em;

    @Inject
    AuditRecorder audit;

    @Inject
    AnalyticsCache cache;

    @Inject
    BusinessConfig config;

    /** A refusal found while loading: rolled back, then recorded on the attempt. */
    private static final class Refused extends RuntimeException {
        final String status;
        final CopyLoader.Result result;
        final ProblemException problem;

        Refused(String status, CopyLoader.Result result, ProblemException problem) {
            super(problem.getMessage(), null, false, false);
            this.status = status;
            this.result = result;
            this.problem = problem;
        }
    }

    public DataImportView load(Actor actor, ImportKind kind, boolean replace, String fileName, InputStream body) {
        long started = System.nanoTime();
        UUID userId = actor == null ? null : actor.userId();
        Long id = QuarkusTransaction.requiringNew().call(() -> begin(kind, replace, fileName, userId));
        try {
            DataImportView done = QuarkusTransaction.requiringNew().timeout((int) config.importTimeout().toSeconds())
                    .call(() -> loadInTransaction(id, kind, replace, body, started));
            return done;
        } catch (Refused refused) {
            QuarkusTransaction.requiringNew().run(() -> {
                DataImport row = finish(id, refused.status, refused.result, started);
                row.problems = refused.result.problems().isEmpty() ? null : refused.result.problems();
                row.errorMessage = refused.problem.getMessage();
                audit.event("import." + refused.status).resource("data_import", id).meta("kind", kind.table())
                        .failure(refused.problem.problem().status(), refused.problem.getMessage()).record();
            });
            throw refused.problem;
        } catch (RuntimeException e) {
            // Managers read error_message: it gets a reason they can act on, never the exception's text
            // (SQL, table names); the detail stays in the log beside the request id.
            LOG.errorf(e, "Import %d of %s failed", id, kind.table());
            String requestId = MDC.get("request_id") instanceof String r ? r : null;
            QuarkusTransaction.requiringNew().run(() -> {
                DataImport row = finish(id, "failed", null, started);
                row.errorMessage = "The import failed on the server and nothing was loaded; try again, and quote request id "
                        + (requestId == null ? "(none)" : requestId) + " if it fails again";
            });
            throw e;
        }
    }

    private Long begin(ImportKind kind, boolean replace, String fileName, UUID userId) {
        DataImport row = new DataImport();
        row.kind = kind.table();
        row.mode = replace ? "replace" : "append";
        row.status = "running";
        row.fileName = fileName;
        row.userId = userId;
        row.startedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        row.persist();
        return row.id;
    }

    private DataImportView loadInTransaction(Long id, ImportKind kind, boolean replace, InputStream body, long started) {
        lock("synapse.import." + kind.table());
        // The rows arrive before their new clients exist: the client reference is checked at commit.
        em.createNativeQuery("SET CONSTRAINTS " + kind.table() + "_cod_cliente_fkey DEFERRED").executeUpdate();
        int replaced = 0;
        if (replace) {
            // Before the COPY, which leaves the new rows alone; a refused file rolls it back with everything else.
            replaced = em.createNativeQuery("DELETE FROM " + kind.table()).executeUpdate();
        }
        CopyLoader.Result result = em.unwrap(Session.class).doReturningWork(connection -> {
            try {
                return new CopyLoader(kind, id).load(connection.unwrap(PGConnection.class), body);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (!result.problems().isEmpty()) {
            throw new Refused("rejected", result, new ProblemException(new Problem(Problem.TYPE_BASE + "import-rejected", "File rejected", 422,
                    rejectedDetail(result),
                    null, result.problems())));
        }
        List<?> earlier = em.createNativeQuery("SELECT id FROM data_imports WHERE kind = ?1 AND sha256 = ?2 AND status = 'succeeded'")
                .setParameter(1, kind.table()).setParameter(2, result.sha256()).getResultList();
        if (!earlier.isEmpty() && !replace) {
            throw new Refused("duplicate", result, ProblemException.conflict("This file was already loaded into " + kind.table() + " by import "
                    + earlier.get(0) + "; send it with mode=replace to load it again"));
        }
        if (replace) {
            em.createNativeQuery("UPDATE data_imports SET status = 'replaced' WHERE kind = ?1 AND status = 'succeeded'")
                    .setParameter(1, kind.table()).executeUpdate();
        }
        // Both tables create clients: one lock for the numbering, whichever table is loading.
        lock("synapse.import.clientes");
        int clients = em.createNativeQuery("""
                INSERT INTO clientes (cod_cliente, nome)
                SELECT code, 'Cliente ' || ((SELECT count(*) FROM clientes) + row_number() OVER (ORDER BY code))
                FROM unnest(cast(?1 as integer[])) AS fresh(code)
                WHERE NOT EXISTS (SELECT 1 FROM clientes c WHERE c.cod_cliente = fresh.code)
                ORDER BY code""").setParameter(1, result.clientCodes()).executeUpdate();
        int loaded = result.rows();
        cache.bump();
        DataImport row = finish(id, "succeeded", result, started);
        row.rowsLoaded = loaded;
        row.clientsCreated = clients;
        DataImportView view = DataImportView.of(row);
        audit.event("import.succeeded").resource("data_import", id).newValues(view).meta("kind", kind.table())
                .meta("rows_replaced", replaced).record();
        return view;
    }

    private DataImport finish(Long id, String status, CopyLoader.Result result, long started) {
        DataImport row = DataImport.findById(id);
        row.status = status;
        if (result != null) {
            row.sha256 = result.sha256();
            row.bytes = result.bytes();
            row.rowsTotal = result.rows() + result.rejected();
            row.rowsRejected = result.rejected();
        }
        row.finishedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        row.durationMs = (int) Duration.ofNanos(System.nanoTime() - started).toMillis();
        return row;
    }

    private static String rejectedDetail(CopyLoader.Result result) {
        int total = result.rows() + result.rejected();
        String what = result.rejected() == 0 ? "the file's header or format is wrong" : result.rejected() + " of " + total + " rows have problems";
        return "Nothing was loaded: " + what + (result.problems().size() == CopyLoader.MAX_PROBLEMS ? " (the first 100 problems are listed)" : "");
    }

    private void lock(String name) {
        io.synapse.common.persistence.TransactionLock.acquire(em, name);
    }

}
