package io.synapse.common.web;

import java.util.Set;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.synapse.common.error.Problem;
import io.synapse.common.error.RouteProblems;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;

/**
 * HTTP rules that hold for every route, framework endpoints included, checked before REST:
 * <ul>
 * <li>/q/* (health, metrics, OpenAPI) is read-only: any other method is 405, not 200;</li>
 * <li>a body without a Content-Type is 415: it is never guessed to be JSON.</li>
 * </ul>
 */
@ApplicationScoped
public class StrictHttp {

    private static final Set<HttpMethod> READ_ONLY = Set.of(HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS);
    private static final Set<HttpMethod> WITH_BODY = Set.of(HttpMethod.POST, HttpMethod.PUT, HttpMethod.PATCH);

    @Inject
    RouteProblems problems;

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 2).handler(ctx -> {
            HttpMethod method = ctx.request().method();
            // The normalised path, as routing sees it: /%71/health is /q/health.
            if (ctx.normalizedPath().startsWith("/q/") && !READ_ONLY.contains(method)) {
                ctx.response().putHeader("Allow", "GET, HEAD, OPTIONS");
                problems.send(ctx, Problem.of(405, "method-not-allowed", "Method Not Allowed", "Method not allowed on this resource"));
                return;
            }
            if (WITH_BODY.contains(method) && hasBody(ctx) && blank(ctx.request().getHeader("Content-Type"))) {
                problems.send(ctx, Problem.of(415, "unsupported-media-type", "Unsupported Media Type",
                        "A body needs a Content-Type: application/json (text/csv or multipart/form-data for imports)"));
                return;
            }
            ctx.next();
        });
    }

    private static boolean hasBody(RoutingContext ctx) {
        String length = ctx.request().getHeader("Content-Length");
        if (length == null) {
            return ctx.request().getHeader("Transfer-Encoding") != null;
        }
        return !length.trim().equals("0");
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

}
