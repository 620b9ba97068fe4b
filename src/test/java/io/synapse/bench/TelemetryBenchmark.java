package io.synapse.bench;

import java.io.StringReader;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import io.synapse.support.Api;
import io.synapse.telemetry.analytics.WorkloadAnalytics;
import io.synapse.telemetry.analytics.WorkloadGrouping;
import io.synapse.telemetry.clickhouse.ClickHouseClient;
import io.synapse.telemetry.clickhouse.ClickHouseWorkloads;
import io.synapse.telemetry.ingest.WorkloadEventRow;
import io.synapse.telemetry.ingest.WorkloadEventWriter;
import io.synapse.telemetry.partitions.PartitionedTable;
import io.synapse.telemetry.partitions.Partitions;
import io.synapse.telemetry.rollup.RollupJob;

/**
 * Issue 12's figures, printed, never asserted (src/bench/telemetry.sh):
 * 1. ingestion into PostgreSQL through the API (batches of 10,000, several clients at once), the
 *    store alone (no HTTP, no JSON), and COPY of the same rows into a table of the same shape;
 * 2. 10,000,000 events over 30 days: analytics p50/p95 over 30 days read raw and from rollups, the
 *    rollup's own time, and disk per million events;
 * 3. the same ingestion into ClickHouse (when one answers on 127.0.0.1:8123) and its analytics over
 *    10,000,000 events.
 */
@QuarkusTest
@Tag("benchmark")
class TelemetryBenchmark {

    private static final int EVENTS = Integer.getInteger("bench.events", 300_000);
    private static final int BIG = Integer.getInteger("bench.big", 10_000_000);
    private static final int CLIENTS = Integer.getInteger("bench.clients", 2);
    private static final int BATCH = 10_000;
    private static final String[] MODELS = { "gpt-4o", "gpt-4o-mini", "llama-3-70b", "claude-3", "mistral-large" };
    private static final String[] TYPES = { "chat", "embedding", "agent", "batch" };

    @Inject
    AgroalDataSource dataSource;

    @Inject
    WorkloadEventWriter writer;

    @Inject
    Partitions partitions;

    @Inject
    RollupJob rollup;

    @Inject
    WorkloadAnalytics analytics;

    @Inject
    ClickHouseWorkloads clickhouse;

    @Inject
    ClickHouseClient clickhouseClient;

    @Inject
    ObjectMapper mapper;

    @Inject
    io.synapse.telemetry.ingest.BatchReader reader;

    private static List<WorkloadEventRow> rows(int n, long seed, UUID user) {
        Random random = new Random(seed);
        Instant now = Instant.now().minusSeconds(60);
        List<WorkloadEventRow> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int prompt = random.nextInt(2000);
            int completion = random.nextInt(800);
            rows.add(new WorkloadEventRow(UUID.randomUUID(), now.minusMillis((long) (random.nextDouble() * 6 * 3_600_000)), user,
                    "wl-" + random.nextInt(5000), TYPES[random.nextInt(TYPES.length)], "completion", null, MODELS[random.nextInt(MODELS.length)],
                    random.nextInt(50) == 0 ? "error" : "ok", prompt, completion, prompt + completion,
                    (int) Math.round(Math.exp(random.nextGaussian() + 6)), BigDecimal.valueOf(random.nextInt(100_000), 8), null, null, null));
        }
        return rows;
    }

    private String json(List<WorkloadEventRow> batch) throws Exception {
        List<Object> events = new ArrayList<>(batch.size());
        for (WorkloadEventRow r : batch) {
            events.add(java.util.Map.of("event_id", r.eventId().toString(), "timestamp", r.occurredAt().toString(), "workload_id", r.workloadId(),
                    "workload_type", r.workloadType(), "event_type", r.eventType(), "model", r.model(), "status", r.status(),
                    "prompt_tokens", r.promptTokens(), "completion_tokens", r.completionTokens(), "latency_ms", r.latencyMs()));
        }
        return mapper.writeValueAsString(events);
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static String percentiles(List<Double> millis) {
        double[] sorted = millis.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return "p50 %.0f ms, p95 %.0f ms (%d runs)".formatted(sorted[(int) Math.ceil(0.5 * sorted.length) - 1],
                sorted[(int) Math.ceil(0.95 * sorted.length) - 1], sorted.length);
    }

    @Test
    void ingestionAnalyticsAndDisk() throws Exception {
        Api.Login manager = Api.user("manager");
        int port = io.restassured.RestAssured.port;
        System.out.printf("BENCH machine: %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(),
                java.nio.file.Files.readString(java.nio.file.Path.of("/proc/loadavg")).trim());

        // 1a. Through the API: JSON bodies prepared up front, CLIENTS senders at once.
        List<WorkloadEventRow> api = rows(EVENTS, 1, manager.id());
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < api.size(); i += BATCH) {
            bodies.add(json(api.subList(i, Math.min(api.size(), i + BATCH))));
        }
        System.out.printf("BENCH request body: %.1f MB per 10,000 events%n", bodies.get(0).length() / 1e6);
        long start = System.nanoTime();
        for (String body : bodies) {
            reader.read(new java.io.ByteArrayInputStream(body.getBytes(java.nio.charset.StandardCharsets.UTF_8)), false,
                    io.synapse.telemetry.ingest.WorkloadEventIn.class, BATCH);
        }
        System.out.printf("BENCH JSON reading and binding alone: %,.0f events/s (one thread)%n", EVENTS / seconds(start));
        HttpClient http = HttpClient.newHttpClient();
        start = System.nanoTime();
        try (ExecutorService pool = Executors.newFixedThreadPool(CLIENTS)) {
            List<Future<Integer>> sent = new ArrayList<>();
            for (String body : bodies) {
                sent.add(pool.submit(() -> http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/telemetry/workload-events"))
                        .header("Authorization", "Bearer " + manager.accessToken()).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString()).statusCode()));
            }
            for (Future<Integer> f : sent) {
                if (f.get() != 202) {
                    throw new IllegalStateException("ingest answered " + f.get());
                }
            }
        }
        double apiSeconds = seconds(start);
        System.out.printf("BENCH PostgreSQL ingest through the API: %,d events in %.1f s = %,.0f events/s (%d clients, batches of 10,000)%n",
                EVENTS, apiSeconds, EVENTS / apiSeconds, CLIENTS);

        // 1b. The store alone: validated rows, one unnest() insert per batch, one writer at a time.
        List<WorkloadEventRow> direct = rows(EVENTS, 2, manager.id());
        start = System.nanoTime();
        for (int i = 0; i < direct.size(); i += BATCH) {
            writer.write(direct.subList(i, Math.min(direct.size(), i + BATCH)));
        }
        double storeSeconds = seconds(start);
        System.out.printf("BENCH PostgreSQL store alone (COPY; INSERT ... ON CONFLICT only for a retry; 1 writer): %,.0f events/s%n", EVENTS / storeSeconds);

        // 1c. COPY of the same rows into a table of the same shape and partitions.
        List<WorkloadEventRow> copied = rows(EVENTS, 3, manager.id());
        StringBuilder text = new StringBuilder();
        for (WorkloadEventRow r : copied) {
            text.append(r.eventId()).append('\t').append(r.occurredAt()).append('\t').append(r.userId()).append('\t').append(r.workloadId()).append('\t')
                    .append(r.workloadType()).append('\t').append(r.eventType()).append('\t').append(r.model()).append('\t').append(r.status())
                    .append('\t').append(r.promptTokens()).append('\t').append(r.completionTokens()).append('\t').append(r.totalTokens())
                    .append('\t').append(r.latencyMs()).append('\t').append(r.cost().toPlainString()).append('\n');
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("DROP TABLE IF EXISTS bench_copy");
            s.execute("CREATE TABLE bench_copy (LIKE workload_events INCLUDING DEFAULTS INCLUDING CONSTRAINTS, PRIMARY KEY (occurred_at, event_id))"
                    + " PARTITION BY RANGE (occurred_at)");
            LocalDate today = LocalDate.now(ZoneOffset.UTC);
            for (LocalDate d : List.of(today.minusDays(1), today, today.plusDays(1))) {
                s.execute("CREATE TABLE bench_copy_" + d.toString().replace("-", "") + " PARTITION OF bench_copy FOR VALUES FROM ('" + d
                        + " 00:00+00') TO ('" + d.plusDays(1) + " 00:00+00')");
            }
            start = System.nanoTime();
            long n = c.unwrap(PGConnection.class).getCopyAPI().copyIn("COPY bench_copy (event_id, occurred_at, user_id, workload_id, workload_type,"
                    + " event_type, model, status, prompt_tokens, completion_tokens, total_tokens, latency_ms, cost) FROM STDIN", new StringReader(text.toString()));
            double copySeconds = seconds(start);
            System.out.printf("BENCH COPY of the same rows: %,d rows = %,.0f rows/s; the API reaches %.2f of COPY, the store alone %.2f%n", n,
                    n / copySeconds, copySeconds / apiSeconds, copySeconds / storeSeconds);
            s.execute("DROP TABLE bench_copy");
        }

        // 2. 10,000,000 events over 30 days, written by SQL; analytics raw (every hour queued) and from rollups.
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        partitions.ensure(PartitionedTable.WORKLOAD_EVENTS, IntStream.rangeClosed(0, 31).mapToObj(today::minusDays).toList());
        start = System.nanoTime();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("SET synchronous_commit = off");
            for (int part = 0; part < 10; part++) {
                s.execute("""
                        INSERT INTO workload_events (event_id, occurred_at, user_id, workload_id, workload_type, event_type, model, status,
                            prompt_tokens, completion_tokens, total_tokens, latency_ms, cost)
                        SELECT gen_random_uuid(), now() - random() * interval '30 days', '%s', 'wl-' || (random() * 5000)::int,
                               (ARRAY['chat','embedding','agent','batch'])[1 + (random() * 3)::int], 'completion',
                               (ARRAY['gpt-4o','gpt-4o-mini','llama-3-70b','claude-3','mistral-large'])[1 + (random() * 4)::int],
                               CASE WHEN random() < 0.02 THEN 'error' ELSE 'ok' END, p, q, p + q, exp(random() * 2 + 5)::int,
                               round((random() * 0.001)::numeric, 8)
                        FROM (SELECT (random() * 2000)::int AS p, (random() * 800)::int AS q FROM generate_series(1, %d)) g"""
                        .formatted(manager.id(), BIG / 10));
            }
            s.execute("ANALYZE workload_events");
        }
        System.out.printf("BENCH seeded %,d events over 30 days by SQL in %.0f s%n", BIG, seconds(start));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("""
                        SELECT sum(pg_total_relation_size(child.oid)), (SELECT count(*) FROM workload_events)
                        FROM pg_inherits i JOIN pg_class child ON child.oid = i.inhrelid JOIN pg_class p ON p.oid = i.inhparent
                        WHERE p.relname = 'workload_events'""")) {
            rs.next();
            System.out.printf("BENCH disk: %,d events take %.0f MB with their index = %.0f MB per million events%n", rs.getLong(2),
                    rs.getLong(1) / 1e6, rs.getLong(1) / 1e6 / (rs.getLong(2) / 1e6));
        }
        Instant to = Instant.now();
        Instant from = to.minus(Duration.ofDays(30));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute("INSERT INTO telemetry_rollup_queue (stream, bucket) SELECT 'workload', h FROM generate_series(date_trunc('hour', now())"
                    + " - interval '31 days', date_trunc('hour', now()), interval '1 hour') h");
        }
        var actor = new io.synapse.common.security.Actor(manager.id(), manager.id().toString(), manager.email(), null, null, null, null,
                java.util.Set.of("viewer", "rep", "manager"));
        List<Double> raw = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long t = System.nanoTime();
            analytics.report(actor, from, to, WorkloadGrouping.DAY, new WorkloadAnalytics.Filters(null, null, null));
            raw.add((System.nanoTime() - t) / 1e6);
        }
        System.out.printf("BENCH analytics over 30 days (%,d+ events, group_by=day) read raw: %s%n", BIG, percentiles(raw));
        start = System.nanoTime();
        int hours = rollup.runOnce();
        System.out.printf("BENCH rollup of %d hours (%,d events) in %.0f s%n", hours, BIG + 3L * EVENTS, seconds(start));
        for (WorkloadGrouping grouping : List.of(WorkloadGrouping.DAY, WorkloadGrouping.MODEL, WorkloadGrouping.USER)) {
            List<Double> rolled = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                long t = System.nanoTime();
                analytics.report(actor, from, to, grouping, new WorkloadAnalytics.Filters(null, null, null));
                rolled.add((System.nanoTime() - t) / 1e6);
            }
            System.out.printf("BENCH analytics over 30 days from rollups, group_by=%s: %s%n", grouping.value(), percentiles(rolled));
        }
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                var rs = s.executeQuery("SELECT pg_total_relation_size('workload_metrics_hourly'), count(*) FROM workload_metrics_hourly")) {
            rs.next();
            System.out.printf("BENCH rollups: %,d rows, %.0f MB%n", rs.getLong(2), rs.getLong(1) / 1e6);
        }

        // 3. ClickHouse, when one answers.
        try {
            clickhouseClient.select("SELECT 1 AS one");
        } catch (RuntimeException e) {
            System.out.println("BENCH ClickHouse: none on 127.0.0.1:8123, skipped");
            return;
        }
        List<WorkloadEventRow> ch = rows(EVENTS, 4, manager.id());
        start = System.nanoTime();
        for (int i = 0; i < ch.size(); i += BATCH) {
            clickhouse.write(ch.subList(i, Math.min(ch.size(), i + BATCH)));
        }
        double chSeconds = seconds(start);
        System.out.printf("BENCH ClickHouse %s store (duplicate check + JSONEachRow insert, 1 writer): %,.0f events/s%n",
                clickhouseClient.select("SELECT version() AS v").get(0).get("v").asText(), EVENTS / chSeconds);
        String db = clickhouseClient.database();
        start = System.nanoTime();
        clickhouseClient.execute("""
                INSERT INTO %s.workload_events (event_id, timestamp, ts_ms, user_id, workload_id, workload_type, event_type, event_category,
                    model, status, prompt_tokens, completion_tokens, total_tokens, latency_ms, latency_bucket, cost, metrics, dimensions, metadata)
                SELECT generateUUIDv4(), toDateTime(ts), ts * 1000, '%s', concat('wl-', toString(number %% 5000)), 'chat', 'completion', '',
                       'gpt-4o', if(number %% 50 = 0, 'error', 'ok'), toUInt32(number %% 2000), toUInt32(number %% 800),
                       toUInt32(number %% 2000 + number %% 800), toUInt32(lat), toUInt16(least(255, ceil(8 * log2(greatest(lat, 1))))),
                       toDecimal64(0.0001, 8), '', '', ''
                FROM (SELECT number, toUInt32(toUnixTimestamp(now()) - rand() %% (30 * 86400)) AS ts, 150 + rand() %% 2000 AS lat
                      FROM numbers(%d))""".formatted(db, manager.id(), BIG));
        System.out.printf("BENCH ClickHouse seeded %,d events by INSERT SELECT in %.0f s%n", BIG, seconds(start));
        List<Double> chTimes = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            long t = System.nanoTime();
            clickhouse.report(from, to, WorkloadGrouping.DAY, new WorkloadAnalytics.Filters(null, null, null));
            chTimes.add((System.nanoTime() - t) / 1e6);
        }
        System.out.printf("BENCH ClickHouse analytics over 30 days (%,d+ events, group_by=day): %s%n", BIG, percentiles(chTimes));
        System.out.printf("BENCH ClickHouse disk: %s%n", clickhouseClient.select("SELECT sum(bytes_on_disk) AS b, sum(rows) AS r FROM system.parts"
                + " WHERE active AND database = " + ClickHouseClient.quote(db) + " AND table = 'workload_events'").get(0));
        clickhouseClient.execute("DROP DATABASE " + db);
    }
}
