package io.synapse.datasources;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import io.synapse.common.error.ProblemException;

/** How a statement's rows are answered, for ad-hoc queries and template runs alike. */
public final class DatasourceQueries {

    public static final String CSV = "text/csv";

    private DatasourceQueries() {
    }

    /** format=csv|json wins; else an Accept of text/csv. */
    public static boolean wantsCsv(String format, String accept) {
        if (format != null && !format.isBlank()) {
            return switch (format.trim()) {
                case "csv" -> true;
                case "json" -> false;
                default -> throw ProblemException.invalidField("format", "must be json or csv");
            };
        }
        return accept != null && accept.startsWith(CSV);
    }

    public static Response streamed(QueryService queries, QueryService.Prepared prepared, boolean csv) {
        return csv
                ? Response.ok(queries.stream(prepared, true), CSV + ";charset=UTF-8").header("Content-Disposition", "attachment; filename=\"query.csv\"").build()
                : Response.ok(queries.stream(prepared, false), MediaType.APPLICATION_JSON_TYPE).build();
    }
}
