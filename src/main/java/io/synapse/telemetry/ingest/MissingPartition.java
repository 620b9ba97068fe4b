package io.synapse.telemetry.ingest;

import java.sql.SQLException;

/** An insert met a day without a partition (SQLSTATE 23514, "no partition of relation ... found for row"). */
final class MissingPartition extends RuntimeException {

    private MissingPartition(SQLException cause) {
        super(cause.getMessage(), cause);
    }

    static RuntimeException orRethrow(SQLException e) {
        if ("23514".equals(e.getSQLState()) && e.getMessage() != null && e.getMessage().contains("no partition")) {
            return new MissingPartition(e);
        }
        return new IllegalStateException(e.getMessage(), e);
    }
}
