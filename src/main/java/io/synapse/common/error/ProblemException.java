package io.synapse.common.error;

import java.util.List;

/** A failure the caller caused (or may retry), answered as problem+json with its status. */
public class ProblemException extends RuntimeException {

    private final transient Problem problem;
    private final Long retryAfterSeconds;

    public ProblemException(Problem problem) {
        this(problem, null);
    }

    private ProblemException(Problem problem, Long retryAfterSeconds) {
        super(problem.detail(), null, false, false);
        this.problem = problem;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public Problem problem() {
        return problem;
    }

    public Long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public static ProblemException badRequest(String detail) {
        return new ProblemException(Problem.of(400, "bad-request", "Bad request", detail));
    }

    public static ProblemException invalidField(String field, String message) {
        return new ProblemException(Problem.validation(field + ": " + message, List.of(new FieldError(field, message))));
    }

    public static ProblemException unprocessable(String field, String message) {
        return new ProblemException(new Problem(Problem.TYPE_BASE + "unprocessable", "Unprocessable request", 422,
                field + ": " + message, List.of(new FieldError(field, message))));
    }

    /** Unknown ids and other users' rows look the same: the caller learns nothing either way. */
    public static ProblemException notFound(String resourceType, Object id) {
        return new ProblemException(Problem.of(404, "not-found", "Not found", resourceType + " " + id + " was not found"));
    }

    public static ProblemException conflict(String detail) {
        return new ProblemException(Problem.of(409, "conflict", "Conflict", detail));
    }

    public static ProblemException unauthorized(String detail) {
        return new ProblemException(Problem.of(401, "unauthorized", "Unauthorized", detail));
    }

    public static ProblemException forbidden(String detail) {
        return new ProblemException(Problem.of(403, "forbidden", "Forbidden", detail));
    }

    /** A refusal with its own problem body that can be retried after a delay (a spent budget). */
    public static ProblemException retryLater(Problem problem, long retryAfterSeconds) {
        return new ProblemException(problem, Math.max(1, retryAfterSeconds));
    }

    public static ProblemException tooManyRequests(String detail, long retryAfterSeconds) {
        return new ProblemException(Problem.of(429, "rate-limited", "Too many requests", detail), Math.max(1, retryAfterSeconds));
    }

    /** An upstream service (the model provider) answered with an error or nonsense. */
    public static ProblemException badGateway(String detail) {
        return new ProblemException(Problem.of(502, "bad-gateway", "Bad gateway", detail));
    }

    /** An upstream service (the model provider) did not answer in time. */
    public static ProblemException gatewayTimeout(String detail) {
        return new ProblemException(Problem.of(504, "gateway-timeout", "Gateway timeout", detail));
    }

    public static ProblemException serviceUnavailable(String detail) {
        return new ProblemException(Problem.of(503, "unavailable", "Service unavailable", detail));
    }

    /** A store we depend on is down: the client may try again after a while. */
    public static ProblemException serviceUnavailable(String detail, long retryAfterSeconds) {
        return new ProblemException(Problem.of(503, "unavailable", "Service unavailable", detail), Math.max(1, retryAfterSeconds));
    }
}
