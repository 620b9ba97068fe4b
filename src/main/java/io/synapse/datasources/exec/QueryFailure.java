package io.synapse.datasources.exec;

import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;

import io.synapse.common.error.ProblemException;
import io.synapse.common.input.StorableText;

/**
 * A statement failed on the user's database. errorClass goes to query_analytics.error_class; the
 * status tells the client whose fault it was: 422 the statement (the database refused it, or a
 * write stopped by the read-only transaction), 502 the database (unreachable, login refused),
 * 503 its pool is busy, 504 the statement timeout.
 */
public class QueryFailure extends Exception {

    public static final String TIMEOUT = "statement_timeout";
    public static final String READ_ONLY = "read_only_violation";
    public static final String UNREACHABLE = "unreachable";
    public static final String LOGIN = "login_failed";
    public static final String PERMISSION = "permission_denied";
    public static final String DATABASE = "database_error";
    public static final String BUSY = "pool_exhausted";

    private final String errorClass;
    private final int status;

    public QueryFailure(String errorClass, int status, String message) {
        super(message, null, false, false);
        this.errorClass = errorClass;
        this.status = status;
    }

    public String errorClass() {
        return errorClass;
    }

    public int status() {
        return status;
    }

    public static QueryFailure of(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String message = message(e);
        if (e instanceof SQLTimeoutException || "57014".equals(state) || e.getErrorCode() == 1969 || e.getErrorCode() == 3024) {
            return new QueryFailure(TIMEOUT, 504, "The statement ran longer than the statement timeout and was cancelled");
        }
        if ("25006".equals(state) || e.getErrorCode() == 1792) {
            return new QueryFailure(READ_ONLY, 422, "The database refused a write inside the read-only transaction: " + message);
        }
        if (state.isEmpty() && message.contains("acquisition timeout")) {
            return new QueryFailure(BUSY, 503, "Every connection to this database is in use; try again shortly");
        }
        if (state.startsWith("28") || e.getErrorCode() == 1045) {
            return new QueryFailure(LOGIN, 502, "The database refused the login: " + message);
        }
        if (state.startsWith("08") || e instanceof SQLTransientConnectionException || state.isEmpty() && e.getErrorCode() == 0) {
            return new QueryFailure(UNREACHABLE, 502, "The database could not be reached: " + message);
        }
        if ("42501".equals(state) || e.getErrorCode() == 1142 || e.getErrorCode() == 1143 || e.getErrorCode() == 1044) {
            return new QueryFailure(PERMISSION, 422, "The login lacks the privilege for this: " + message);
        }
        return new QueryFailure(DATABASE, 422, "The database refused the statement: " + message);
    }

    public ProblemException toProblem() {
        return switch (status) {
            case 504 -> ProblemException.gatewayTimeout(getMessage());
            case 502 -> ProblemException.badGateway(getMessage());
            case 503 -> ProblemException.serviceUnavailable(getMessage());
            default -> ProblemException.unprocessable("sql", getMessage());
        };
    }

    /** The database's own words, storable and short; never a stack trace. */
    private static String message(SQLException e) {
        String text = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return StorableText.shorten(StorableText.clean(text.replaceAll("\\s+", " ").trim()), 400);
    }
}
