package io.synapse.telemetry.clickhouse;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.synapse.common.error.ProblemException;
import io.synapse.telemetry.TelemetryConfig;

/**
 * ClickHouse's HTTP interface, spoken directly: statements in the body, rows as JSONEachRow. The
 * JDBC driver (com.clickhouse:clickhouse-jdbc 0.10) needs a server newer than the 18.16 release
 * Debian ships, which is what our CI can install; the HTTP interface is the one every release
 * shares. Values reach SQL only through {@link #quote} and numbers, never concatenated raw.
 */
@ApplicationScoped
public class ClickHouseClient {

    @Inject
    TelemetryConfig config;

    @Inject
    ObjectMapper mapper;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(java.time.Duration.ofSeconds(5)).build();

    /** A string literal: ClickHouse escapes backslash and quote with a backslash. */
    public static String quote(String value) {
        return "'" + value.replace("\\", "\\\\").replace("'", "\\'") + "'";
    }

    public String database() {
        return config.clickhouse().database();
    }

    /** Runs a statement that returns nothing of interest (DDL, ALTER). */
    public void execute(String sql) {
        send(null, sql);
    }

    /** Runs a SELECT; each row is a JSON object (64-bit integers arrive as strings: read them with asLong()). */
    public List<JsonNode> select(String sql) {
        String body = send(null, sql + " FORMAT JSONEachRow");
        List<JsonNode> rows = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isBlank()) {
                try {
                    rows.add(mapper.readTree(line));
                } catch (IOException e) {
                    throw new IllegalStateException("ClickHouse answered a row that is not JSON: " + line, e);
                }
            }
        }
        return rows;
    }

    /** Inserts rows given as JSONEachRow lines. */
    public void insert(String table, String jsonEachRow) {
        send("INSERT INTO " + database() + "." + table + " FORMAT JSONEachRow", jsonEachRow);
    }

    private String send(String queryParameter, String body) {
        String url = config.clickhouse().url() + "/" + (queryParameter == null ? "" : "?query=" + URLEncoder.encode(queryParameter, StandardCharsets.UTF_8));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(config.clickhouse().timeout())
                .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        String credentials = config.clickhouse().user() + ":" + config.clickhouse().password().orElse("");
        request.header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
        HttpResponse<String> response;
        try {
            response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw ProblemException.serviceUnavailable("ClickHouse cannot be reached (" + e.getClass().getSimpleName() + "): telemetry is unavailable", 5);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ProblemException.serviceUnavailable("Interrupted while waiting for ClickHouse", 5);
        }
        if (response.statusCode() != 200) {
            throw new ClickHouseException(response.statusCode(), response.body());
        }
        return response.body();
    }

    /** ClickHouse refused a statement: a defect on our side, reported with ClickHouse's own words in the log. */
    public static final class ClickHouseException extends RuntimeException {
        ClickHouseException(int status, String body) {
            super("ClickHouse answered " + status + ": " + (body.length() > 500 ? body.substring(0, 500) : body).trim());
        }
    }
}
