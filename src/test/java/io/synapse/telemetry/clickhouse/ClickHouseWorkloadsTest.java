package io.synapse.telemetry.clickhouse;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import io.synapse.support.Api;
import io.synapse.telemetry.analytics.LatencyBuckets;

/**
 * The ClickHouse store through the same API: figures equal an independent computation over the
 * events sent (the PostgreSQL store's tests compare with SQL; both follow the same definitions).
 * Needs a ClickHouse on 127.0.0.1:8123 (.ci/run installs Debian's); elsewhere the class is skipped
 * unless SYNAPSE_TEST_CLICKHOUSE=required, which makes a missing server a failure.
 */
@QuarkusTest
@TestProfile(ClickHouseProfile.class)
class ClickHouseWorkloadsTest {

    private static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    static String clickhouse(String sql) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8123/"))
                .POST(HttpRequest.BodyPublishers.ofString(sql)).timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(response.body());
        }
        return response.body();
    }

    @BeforeAll
    static void clickhouseAnswers() throws Exception {
        boolean up;
        try {
            up = clickhouse("SELECT 1").trim().equals("1");
        } catch (java.io.IOException e) {
            up = false;
        }
        if (!up && "required".equals(System.getenv("SYNAPSE_TEST_CLICKHOUSE"))) {
            throw new IllegalStateException("SYNAPSE_TEST_CLICKHOUSE=required but no ClickHouse answers on 127.0.0.1:8123");
        }
        Assumptions.assumeTrue(up, "No ClickHouse on 127.0.0.1:8123: the ClickHouse store tests are skipped (.ci/run installs one)");
    }

    @org.junit.jupiter.api.AfterAll
    static void dropDatabase() throws Exception {
        try {
            clickhouse("DROP DATABASE IF EXISTS " + ClickHouseProfile.DATABASE);
        } catch (java.io.IOException e) {
            // no server: nothing was created
        }
    }

    record Sent(Instant at, String user, String model, String status, Integer latency, int prompt, int completion, BigDecimal cost) {
    }

    @Test
    void sameApiSameFiguresIdempotentRetriesAndLateEvents() throws Exception {
        Api.Login manager = Api.user("manager");
        Api.Login alice = Api.user("viewer");
        Api.Login bob = Api.user("viewer");
        String type = "ch-" + UUID.randomUUID().toString().substring(0, 8);
        Instant now = Instant.now();
        Instant start = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(5));
        Random random = new Random(7);
        String[] models = { "gpt-4o", "llama-3", null };
        List<Map<String, Object>> events = new ArrayList<>();
        List<Sent> sent = new ArrayList<>();
        long span = Duration.between(start, now).toMillis();
        for (int i = 0; i < 300; i++) {
            Instant at = start.plusMillis((long) (random.nextDouble() * span));
            Integer latency = random.nextInt(10) == 0 ? null : (int) Math.round(Math.exp(random.nextGaussian() * 1.2 + 5));
            BigDecimal cost = random.nextBoolean() ? new BigDecimal("0.%08d".formatted(random.nextInt(100_000_000))) : null;
            Api.Login owner = random.nextBoolean() ? alice : bob;
            Sent s = new Sent(at, owner.id().toString(), models[random.nextInt(3)], random.nextInt(8) == 0 ? "error" : "ok", latency,
                    random.nextInt(500), random.nextInt(800), cost);
            sent.add(s);
            events.add(event(type, s));
        }
        post(manager.as(), events).then().statusCode(202).body("inserted", equalTo(300));
        post(manager.as(), events).then().statusCode(202).body("inserted", equalTo(0)).body("duplicates", equalTo(300));

        Instant from = start.plus(Duration.ofMinutes(30));
        Instant to = now.plusSeconds(60);
        for (String groupBy : List.of("hour", "day", "model", "workload_type", "user")) {
            assertMatches(manager.as(), groupBy, type, from, to, sent);
        }
        Sent late = new Sent(start.plus(Duration.ofMinutes(90)), alice.id().toString(), "gpt-4o", "error", 99_999, 1000, 1000, new BigDecimal("1.5"));
        post(manager.as(), List.of(event(type, late))).then().statusCode(202).body("inserted", equalTo(1));
        sent.add(late);
        assertMatches(manager.as(), "hour", type, from, to, sent);
        // A viewer sees their own events only.
        assertMatches(alice.as(), "model", type, from, to, sent.stream().filter(s -> s.user().equals(alice.id().toString())).toList());

        String aliceWorkload = (String) events.stream().filter(e -> alice.id().toString().equals(e.get("user_id"))).findFirst().orElseThrow()
                .get("workload_id");
        alice.as().queryParam("limit", 500).get("/api/analytics/recent-workloads").then().statusCode(200).body("items.workload_id", hasItem(aliceWorkload));
        bob.as().queryParam("limit", 500).get("/api/analytics/recent-workloads").then().statusCode(200).body("items.workload_id", not(hasItem(aliceWorkload)));
        String cursor = manager.as().queryParam("limit", 2).get("/api/analytics/recent-workloads").then().statusCode(200)
                .body("items.size()", equalTo(2)).extract().path("next_cursor");
        manager.as().queryParam("limit", 2).queryParam("cursor", cursor).get("/api/analytics/recent-workloads").then().statusCode(200)
                .body("items.size()", equalTo(2));
        assertTrue(clickhouse("SELECT count() FROM " + ClickHouseProfile.DATABASE + ".workload_events WHERE workload_type = '" + type + "'")
                .trim().equals("301"));
    }

    private static Map<String, Object> event(String type, Sent s) {
        Map<String, Object> e = new java.util.LinkedHashMap<>();
        e.put("event_id", UUID.randomUUID().toString());
        e.put("timestamp", s.at().toString());
        e.put("user_id", s.user());
        e.put("workload_id", "wl-" + UUID.randomUUID().toString().substring(0, 6));
        e.put("workload_type", type);
        e.put("event_type", "completion");
        if (s.model() != null) {
            e.put("model", s.model());
        }
        e.put("status", s.status());
        if (s.latency() != null) {
            e.put("latency_ms", s.latency());
        }
        e.put("prompt_tokens", s.prompt());
        e.put("completion_tokens", s.completion());
        if (s.cost() != null) {
            e.put("cost", s.cost());
        }
        return e;
    }

    private static io.restassured.response.Response post(RequestSpecification as, List<?> events) {
        return as.contentType(ContentType.JSON).body(events).post("/api/telemetry/workload-events");
    }

    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:00:00'Z'").withZone(ZoneOffset.UTC);
    private static final DateTimeFormatter DAY = DateTimeFormatter.ofPattern("yyyy-MM-dd").withZone(ZoneOffset.UTC);

    private static void assertMatches(RequestSpecification as, String groupBy, String type, Instant from, Instant to, List<Sent> sent) throws Exception {
        JsonNode report = JSON.readTree(as.queryParam("group_by", groupBy).queryParam("workload_type", type).queryParam("from", from.toString())
                .queryParam("to", to.toString()).get("/api/analytics/workloads").then().statusCode(200).extract().asString());
        Function<Sent, String> keyOf = switch (groupBy) {
            case "hour" -> s -> HOUR.format(s.at());
            case "day" -> s -> DAY.format(s.at());
            case "model" -> s -> s.model() == null ? "" : s.model();
            case "workload_type" -> s -> type;
            default -> Sent::user;
        };
        Map<String, List<Sent>> expected = new TreeMap<>();
        for (Sent s : sent) {
            if (!s.at().isBefore(from) && s.at().isBefore(to)) {
                expected.computeIfAbsent(keyOf.apply(s), k -> new ArrayList<>()).add(s);
            }
        }
        assertEquals(expected.size(), report.get("groups").size(), groupBy + ": " + report);
        for (JsonNode group : report.get("groups")) {
            check(groupBy + " " + group.get("key").asText(), expected.get(group.get("key").asText()), group);
        }
        check(groupBy + " totals", expected.values().stream().flatMap(List::stream).toList(), report.get("totals"));
    }

    private static void check(String where, List<Sent> events, JsonNode actual) {
        assertTrue(events != null && !events.isEmpty(), where + " is not expected");
        assertEquals(events.size(), actual.get("events").asLong(), where);
        assertEquals(events.stream().filter(s -> s.status().equals("error")).count(), actual.get("errors").asLong(), where);
        assertEquals(events.stream().mapToLong(Sent::prompt).sum(), actual.get("prompt_tokens").asLong(), where);
        assertEquals(events.stream().mapToLong(Sent::completion).sum(), actual.get("completion_tokens").asLong(), where);
        assertEquals(events.stream().mapToLong(s -> s.prompt() + s.completion()).sum(), actual.get("total_tokens").asLong(), where);
        BigDecimal cost = events.stream().map(s -> s.cost() == null ? BigDecimal.ZERO : s.cost()).reduce(BigDecimal.ZERO, BigDecimal::add);
        assertEquals(0, cost.compareTo(actual.get("cost").decimalValue()), where + " cost " + cost + " vs " + actual.get("cost"));
        List<Integer> latencies = events.stream().map(Sent::latency).filter(java.util.Objects::nonNull).sorted().toList();
        JsonNode latency = actual.get("latency");
        assertEquals(latencies.size(), latency.get("count").asLong(), where);
        if (latencies.isEmpty()) {
            return;
        }
        int max = latencies.get(latencies.size() - 1);
        assertEquals(latencies.get(0).intValue(), latency.get("min_ms").asInt(), where);
        assertEquals(max, latency.get("max_ms").asInt(), where);
        assertEquals(latencies.stream().mapToLong(Integer::longValue).sum() / (double) latencies.size(), latency.get("avg_ms").asDouble(), 0.01, where);
        double[] ps = { 0.5, 0.95, 0.99 };
        String[] names = { "p50_ms", "p95_ms", "p99_ms" };
        for (int i = 0; i < 3; i++) {
            // percentile_disc: the first value whose cumulative share reaches p; reported as its bucket's upper bound, at most the maximum.
            int value = latencies.get((int) Math.max(1, Math.ceil(ps[i] * latencies.size())) - 1);
            assertEquals(Math.min(LatencyBuckets.upper(LatencyBuckets.bucket(value)), max), latency.get(names[i]).asInt(), where + " " + names[i]);
        }
    }
}
