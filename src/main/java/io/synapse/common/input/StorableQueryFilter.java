package io.synapse.common.input;

import java.util.Map;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;

import io.synapse.common.error.RouteProblems;
import io.vertx.ext.web.Router;

/**
 * {@link StorableText} for query parameters, once for every endpoint: a NUL or an unpaired
 * surrogate in any parameter's name or value is a 400 naming the parameter, before REST, security
 * or the database sees it. Runs right after the request id is set (RequestIdFilter).
 */
@ApplicationScoped
public class StorableQueryFilter {

    private static final Pattern PRINTABLE_NAME = Pattern.compile("[A-Za-z0-9._\\[\\]-]{1,64}");

    @Inject
    RouteProblems problems;

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE + 1).handler(ctx -> {
            String query = ctx.request().query();
            if (query != null && !query.isEmpty()) {
                Iterable<Map.Entry<String, String>> parameters;
                try {
                    parameters = ctx.queryParams().entries();
                } catch (RuntimeException e) {
                    // Vert.x reports a malformed escape (?q=%zz) as an HttpException(400) without a body.
                    problems.invalid(ctx, "query", "is not valid percent-encoding");
                    return;
                }
                for (Map.Entry<String, String> parameter : parameters) {
                    String reason = StorableText.refusal(parameter.getKey());
                    if (reason == null) {
                        reason = StorableText.refusal(parameter.getValue());
                    }
                    if (reason != null) {
                        String name = PRINTABLE_NAME.matcher(parameter.getKey()).matches() ? parameter.getKey() : "query";
                        problems.invalid(ctx, name, reason);
                        return;
                    }
                }
            }
            ctx.next();
        });
    }
}
