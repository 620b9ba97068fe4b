package io.synapse.common.error;

import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

import jakarta.inject.Inject;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.ElementKind;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.synapse.telemetry.AuditRecorder;

/**
 * Turns every failure into application/problem+json. Nothing here lets a stack trace or an SQL
 * message reach the caller; unexpected errors are logged with the request id instead.
 */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @Inject
    AuditRecorder audit;

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        Response.ResponseBuilder builder = respond(e.problem());
        if (e.retryAfterSeconds() != null) {
            builder.header(HttpHeaders.RETRY_AFTER, e.retryAfterSeconds());
        }
        if (e.problem().status() == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return builder.build();
    }

    @ServerExceptionMapper
    public Response validation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(fieldOf(v), v.getMessage()))
                .sorted(Comparator.comparing(FieldError::field).thenComparing(FieldError::message))
                .toList();
        String detail = errors.stream().map(f -> f.field() + " " + f.message()).collect(Collectors.joining("; "));
        return respond(Problem.validation(detail, errors)).build();
    }

    @ServerExceptionMapper
    public Response unknownField(UnrecognizedPropertyException e) {
        String field = pathOf(e);
        return respond(Problem.validation(field + " is not a known field", List.of(new FieldError(field, "is not a known field")))).build();
    }

    @ServerExceptionMapper
    public Response wrongType(InvalidFormatException e) {
        return wrongShape(e);
    }

    @ServerExceptionMapper
    public Response wrongShape(MismatchedInputException e) {
        String field = pathOf(e);
        if (field.isEmpty()) {
            return respond(Problem.of(400, "malformed-body", "Malformed body", "The body is not the JSON object this endpoint expects")).build();
        }
        return respond(Problem.validation(field + " has the wrong type or shape",
                List.of(new FieldError(field, "has the wrong type or shape")))).build();
    }

    @ServerExceptionMapper
    public Response badValue(JsonMappingException e) {
        String field = pathOf(e);
        Throwable cause = e.getCause();
        String message = cause instanceof IllegalArgumentException && cause.getMessage() != null ? cause.getMessage() : "is not a valid value";
        if (field.isEmpty()) {
            return respond(Problem.of(400, "malformed-body", "Malformed body", "The body could not be read: " + message)).build();
        }
        return respond(Problem.validation(field + " " + message, List.of(new FieldError(field, message)))).build();
    }

    @ServerExceptionMapper
    public Response malformed(JsonParseException e) {
        return respond(Problem.of(400, "malformed-json", "Malformed JSON", "The body is not valid JSON")).build();
    }

    @ServerExceptionMapper
    public Response otherJson(JsonProcessingException e) {
        return respond(Problem.of(400, "malformed-json", "Malformed JSON", "The body is not valid JSON")).build();
    }

    @ServerExceptionMapper
    public Response unauthenticated(AuthenticationFailedException e) {
        return denied(401, "Missing, invalid, expired or revoked credentials", e.getMessage());
    }

    @ServerExceptionMapper
    public Response unauthorized(UnauthorizedException e) {
        return denied(401, "Authentication is required", null);
    }

    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e) {
        return denied(403, "Your role does not allow this operation", null);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e);
        }
        if (status == 400 && e.getCause() instanceof JsonMappingException mapping) {
            // Quarkus REST wraps some Jackson failures (an enum creator refusing a value): report the field.
            return badValue(mapping);
        }
        if (status == 400) {
            // JAX-RS raises a bare 400 when it cannot read the body at all (truncated JSON, wrong charset).
            return respond(Problem.of(400, "malformed-body", "Malformed body", "The body is not valid JSON of the shape this endpoint expects")).build();
        }
        String title = Response.Status.fromStatusCode(status) == null ? "Error" : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No such resource";
            case 405 -> "Method not allowed on this resource";
            case 406 -> "This resource cannot produce the requested media type";
            case 415 -> "Unsupported media type: send application/json";
            default -> title;
        };
        return respond(Problem.of(status, slug(title), title, detail)).build();
    }

    /** Seconds a client should wait before retrying while the database is unreachable. */
    static final int DATABASE_RETRY_AFTER = 5;

    @ServerExceptionMapper(priority = jakarta.ws.rs.Priorities.USER + 1000)
    public Response unexpected(Throwable e) {
        if (databaseUnavailable(e)) {
            LOG.warnf("Database unavailable: %s", rootMessage(e));
            return respond(Problem.of(503, "unavailable", "Service unavailable",
                    "The database cannot be reached right now; nothing was changed. Retry after the Retry-After delay"))
                    .header(HttpHeaders.RETRY_AFTER, DATABASE_RETRY_AFTER).build();
        }
        SQLException sql = sqlCause(e);
        if (sql != null && sql.getSQLState() != null) {
            switch (sql.getSQLState()) {
                case "23505":
                    return respond(Problem.of(409, "conflict", "Conflict", "A row with the same unique value already exists")).build();
                case "23503":
                    return respond(Problem.of(409, "conflict", "Conflict", "The row is referenced by, or references, a row that does not exist")).build();
                case "23514", "22001", "22P02":
                    return respond(Problem.of(422, "unprocessable", "Unprocessable request", "A value breaks a constraint of the data model")).build();
                default:
                    break;
            }
        }
        LOG.error("Unexpected error", e);
        return respond(Problem.of(500, "internal", "Internal error",
                "An unexpected error occurred; quote the X-Request-Id header when reporting it")).build();
    }

    /** The audit row keeps the internal reason (e.g. "session ended"); the caller only gets the generic detail. */
    private Response denied(int status, String detail, String reason) {
        audit.event(status == 401 ? "auth.denied.unauthenticated" : "auth.denied.forbidden")
                .failure(status, reason == null ? detail : reason).recordLater();
        Response.ResponseBuilder builder = respond(Problem.of(status, status == 401 ? "unauthorized" : "forbidden",
                status == 401 ? "Unauthorized" : "Forbidden", detail));
        if (status == 401) {
            builder.header(HttpHeaders.WWW_AUTHENTICATE, "Bearer");
        }
        return builder.build();
    }

    static Response.ResponseBuilder respond(Problem problem) {
        return Response.status(problem.status()).type(Problem.MEDIA_TYPE).entity(problem);
    }

    /**
     * PostgreSQL stopped, restarting, refusing connections or out of connections, or the pool could
     * not hand out a connection in time: the request may succeed later, so 503, not 500.
     */
    static boolean databaseUnavailable(Throwable e) {
        if (sqlCause(e) == null && !(e instanceof org.hibernate.exception.JDBCConnectionException)) {
            return false; // only failures on the way to the database: nothing else says "the database" to the caller
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.sql.SQLTransientConnectionException || t instanceof java.sql.SQLNonTransientConnectionException
                    || t instanceof org.hibernate.exception.JDBCConnectionException || t instanceof java.net.ConnectException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")
                        || state.equals("53300"))) {
                    return true;
                }
                if (state == null && sql.getMessage() != null && sql.getMessage().contains("acquisition timeout")) {
                    return true; // Agroal: no connection within quarkus.datasource.jdbc.acquisition-timeout
                }
            }
        }
        return false;
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getClass().getSimpleName() + ": " + root.getMessage();
    }

    private static SQLException sqlCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof SQLException sql) {
                return sql;
            }
        }
        return null;
    }

    private static String slug(String title) {
        return title.toLowerCase().replaceAll("[^a-z0-9]+", "-");
    }

    private static String pathOf(JsonMappingException e) {
        return JsonFieldErrors.pathOf(e);
    }

    private static String fieldOf(ConstraintViolation<?> violation) {
        List<String> parts = new ArrayList<>();
        String parameter = null;
        for (Path.Node node : violation.getPropertyPath()) {
            if (node.getKind() == ElementKind.PARAMETER) {
                parameter = node.getName();
            } else if (node.getKind() == ElementKind.PROPERTY) {
                parts.add(snake(node.getName()));
            }
        }
        if (parts.isEmpty()) {
            return parameter == null ? "body" : snake(parameter);
        }
        return String.join(".", parts);
    }

    private static String snake(String name) {
        return name.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase();
    }
}
