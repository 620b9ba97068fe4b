package io.synapse.datasources.exec;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.synapse.common.web.CsvCell;

/**
 * Writes rows as they are read, so memory stays flat whatever the result's size; stops at the
 * row cap or the byte cap and says so. JSON: {"columns", "rows", "row_count", "truncated",
 * "duration_ms"}, the last three after the rows. CSV: a header line, then the rows (RFC 4180,
 * cells that a spreadsheet would run as formulas quoted).
 */
public final class ResultWriter {

    /** How a streamed result ended. failure is set when the database failed after the first row. */
    public record Outcome(int rows, long bytes, boolean truncated, int durationMs, QueryFailure failure) {
    }

    /** Rows held in memory for an answer stored with its message. */
    public record Collected(List<Column> columns, List<List<Object>> rows, boolean truncated, int durationMs, long bytes) {
    }

    private ResultWriter() {
    }

    public static Outcome json(OpenQuery query, OutputStream out, int maxRows, long maxBytes, ObjectMapper mapper) throws IOException {
        Counting counting = new Counting(out);
        int count = 0;
        boolean truncated = false;
        QueryFailure failure = null;
        try (JsonGenerator json = mapper.getFactory().createGenerator(counting)) {
            json.writeStartObject();
            json.writeArrayFieldStart("columns");
            for (Column column : query.columns()) {
                json.writeStartObject();
                json.writeStringField("name", column.name());
                json.writeStringField("type", column.type());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeArrayFieldStart("rows");
            try {
                while (query.next()) {
                    if (count >= maxRows || counting.count >= maxBytes) {
                        truncated = true;
                        break;
                    }
                    mapper.writeValue(json, query.row());
                    count++;
                    json.flush();
                }
            } catch (SQLException e) {
                failure = QueryFailure.of(e);
            }
            json.writeEndArray();
            json.writeNumberField("row_count", count);
            json.writeBooleanField("truncated", truncated);
            json.writeNumberField("duration_ms", query.elapsedMs());
            if (failure != null) {
                json.writeObjectFieldStart("error");
                json.writeStringField("error_class", failure.errorClass());
                json.writeStringField("detail", failure.getMessage());
                json.writeEndObject();
            }
            json.writeEndObject();
        }
        return new Outcome(count, counting.count, truncated, query.elapsedMs(), failure);
    }

    public static Outcome csv(OpenQuery query, OutputStream out, int maxRows, long maxBytes) throws IOException {
        Counting counting = new Counting(out);
        Writer writer = new OutputStreamWriter(counting, StandardCharsets.UTF_8);
        int count = 0;
        boolean truncated = false;
        QueryFailure failure = null;
        writer.write(String.join(",", query.columns().stream().map(c -> CsvCell.of(c.name())).toList()));
        writer.write("\r\n");
        try {
            while (query.next()) {
                writer.flush();
                if (count >= maxRows || counting.count >= maxBytes) {
                    truncated = true;
                    break;
                }
                List<Object> row = query.row();
                for (int i = 0; i < row.size(); i++) {
                    if (i > 0) {
                        writer.write(',');
                    }
                    Object value = row.get(i);
                    writer.write(value == null ? "" : value instanceof Number || value instanceof Boolean ? value.toString() : CsvCell.of(value.toString()));
                }
                writer.write("\r\n");
                count++;
            }
        } catch (SQLException e) {
            // A CSV has no place for an error: the client learns it from the missing rows and the analytics row.
            failure = QueryFailure.of(e);
        }
        writer.flush();
        return new Outcome(count, counting.count, truncated, query.elapsedMs(), failure);
    }

    /** Up to maxRows rows and roughly maxBytes of JSON, in memory. */
    public static Collected collect(OpenQuery query, int maxRows, long maxBytes, ObjectMapper mapper) throws QueryFailure {
        List<List<Object>> rows = new ArrayList<>();
        long bytes = 0;
        boolean truncated = false;
        try {
            while (query.next()) {
                if (rows.size() >= maxRows || bytes >= maxBytes) {
                    truncated = true;
                    break;
                }
                List<Object> row = query.row();
                bytes += mapper.writeValueAsBytes(row).length;
                rows.add(row);
            }
        } catch (SQLException e) {
            throw QueryFailure.of(e);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return new Collected(query.columns(), rows, truncated, query.elapsedMs(), bytes);
    }

    private static final class Counting extends FilterOutputStream {
        long count;

        Counting(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
            count += len;
        }
    }
}
