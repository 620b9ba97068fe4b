package io.synapse.telemetry.ingest;

import java.io.InputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.synapse.common.error.FieldError;
import io.synapse.common.error.Problem;
import io.synapse.common.error.ProblemException;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;
import io.synapse.common.web.CurrentRequest;
import io.synapse.identity.User;
import io.synapse.telemetry.TelemetryConfig;
import io.synapse.telemetry.settings.SettingCatalog;
import io.synapse.telemetry.settings.Settings;

/**
 * All or nothing per batch: every item is read and checked first, and a batch with any bad item is
 * refused (400, each bad item named by index and field) with nothing stored, so a client never has
 * to work out which half of a batch landed. Events are attributed to the caller unless a manager
 * (or a service with the manager role) names a user_id, which must exist.
 */
@ApplicationScoped
public class TelemetryIngest {

    @Inject
    BatchReader reader;

    @Inject
    ObjectMapper mapper;

    @Inject
    TelemetryConfig config;

    @Inject
    Settings settings;

    @Inject
    WorkloadEventWriter workloadWriter;

    @Inject
    TelemetryWriter writer;

    @Inject
    io.synapse.telemetry.clickhouse.ClickHouseWorkloads clickhouse;

    @Inject
    CurrentRequest currentRequest;

    interface Rule<I, R> {
        R check(int index, I in, BatchReader.Batch<?> batch, IngestWindow window);
    }

    public IngestResult workloadEvents(Actor actor, InputStream body, boolean ndjson) {
        boolean mayAttribute = actor.has(Roles.MANAGER);
        List<WorkloadEventRow> rows = read(body, ndjson, WorkloadEventIn.class, SettingCatalog.RETENTION_WORKLOAD_EVENTS,
                (i, in, batch, window) -> WorkloadEventRules.check(i, in, batch, window, actor.userId(), mayAttribute, mapper),
                WorkloadEventRow::userId, actor);
        return IngestResult.of(rows.size(), config.store() == TelemetryConfig.Store.CLICKHOUSE ? clickhouse.write(rows) : workloadWriter.write(rows));
    }

    public IngestResult productEvents(Actor actor, InputStream body, boolean ndjson) {
        boolean mayAttribute = actor.has(Roles.MANAGER);
        List<ProductEventRow> rows = read(body, ndjson, ProductEventIn.class, SettingCatalog.RETENTION_EVENTS,
                (i, in, batch, window) -> ProductEventRules.check(i, in, batch, window, actor.userId(), mayAttribute, mapper),
                ProductEventRow::userId, actor);
        return IngestResult.of(rows.size(), writer.writeEvents(rows, currentRequest.info()));
    }

    public IngestResult metrics(Actor actor, InputStream body, boolean ndjson) {
        List<MetricPointRow> rows = read(body, ndjson, MetricPointIn.class, SettingCatalog.RETENTION_PERFORMANCE_METRICS,
                (i, in, batch, window) -> MetricPointRules.check(i, in, batch, window, actor.userId(), mapper), MetricPointRow::userId, actor);
        return IngestResult.of(rows.size(), writer.writeMetrics(rows));
    }

    private <I, R> List<R> read(InputStream body, boolean ndjson, Class<I> type, String retentionSetting, Rule<I, R> rule,
            Function<R, UUID> userOf, Actor actor) {
        BatchReader.Batch<I> batch = reader.read(body, ndjson, type, config.ingest().maxBatch());
        IngestWindow window = IngestWindow.of(Instant.now(), config.ingest().maxLateness(), settings.duration(retentionSetting),
                config.ingest().maxClockSkew());
        List<R> rows = new ArrayList<>(batch.items().size());
        for (int i = 0; i < batch.items().size(); i++) {
            I item = batch.items().get(i);
            if (item != null) {
                R row = rule.check(i, item, batch, window);
                if (row != null) {
                    rows.add(row);
                }
            }
        }
        if (batch.errors().isEmpty()) {
            checkUsersExist(rows, userOf, actor, batch);
        }
        if (!batch.errors().isEmpty()) {
            int bad = batch.items().size() - rows.size();
            throw new ProblemException(Problem.validation(bad + " of " + batch.items().size() + " items are invalid; nothing was stored"
                    + (batch.errors().size() >= BatchReader.MAX_ERRORS ? " (the first " + BatchReader.MAX_ERRORS + " errors are listed)" : ""),
                    batch.errors()));
        }
        return rows;
    }

    /** Users named by a manager must exist: one query for the batch's distinct ids. */
    private <R> void checkUsersExist(List<R> rows, Function<R, UUID> userOf, Actor actor, BatchReader.Batch<?> batch) {
        Set<UUID> named = new HashSet<>();
        for (R row : rows) {
            UUID user = userOf.apply(row);
            if (user != null && !user.equals(actor.userId())) {
                named.add(user);
            }
        }
        if (named.isEmpty()) {
            return;
        }
        Set<UUID> known = new HashSet<>(io.quarkus.narayana.jta.QuarkusTransaction.requiringNew().call(() -> User.getEntityManager()
                .createQuery("SELECT u.id FROM User u WHERE u.id IN :ids", UUID.class).setParameter("ids", named).getResultList()));
        for (int i = 0; i < rows.size(); i++) {
            UUID user = userOf.apply(rows.get(i));
            if (user != null && named.contains(user) && !known.contains(user)) {
                batch.add(new FieldError("[" + i + "].user_id", "is not a known user"));
            }
        }
    }
}
