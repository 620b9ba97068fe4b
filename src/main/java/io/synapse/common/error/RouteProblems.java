package io.synapse.common.error;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.vertx.ext.web.RoutingContext;

/**
 * Problem responses for the Vert.x routes that refuse a request before REST sees it (strict HTTP,
 * query-parameter checks), written by the same ObjectMapper as ProblemMappers' answers.
 */
@ApplicationScoped
public class RouteProblems {

    @Inject
    ObjectMapper json;

    public void send(RoutingContext ctx, Problem problem) {
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        ctx.response().setStatusCode(problem.status()).putHeader("Content-Type", Problem.MEDIA_TYPE).end(body);
    }

    /** 400 naming one field or parameter, as ProblemMappers answers a validation failure. */
    public void invalid(RoutingContext ctx, String field, String message) {
        send(ctx, Problem.validation(field + " " + message, List.of(new FieldError(field, message))));
    }
}
