package io.synapse.common.web;

import java.util.UUID;
import java.util.regex.Pattern;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

import org.jboss.logging.MDC;

import io.vertx.ext.web.Router;

/**
 * Gives every response, /q endpoints included, an X-Request-Id: the caller's if it is sane,
 * otherwise a new one. Registered on the Vert.x router so it runs before REST and security.
 */
@ApplicationScoped
public class RequestIdFilter {

    public static final String HEADER = "X-Request-Id";
    public static final String CONTEXT_KEY = "synapse.request-id";
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9._:-]{1,100}");

    void register(@Observes Router router) {
        router.route().order(Integer.MIN_VALUE).handler(ctx -> {
            String id = ctx.request().getHeader(HEADER);
            if (id == null || !SAFE.matcher(id).matches()) {
                id = UUID.randomUUID().toString();
            }
            ctx.put(CONTEXT_KEY, id);
            ctx.response().putHeader(HEADER, id);
            MDC.put("request_id", id);
            ctx.next();
        });
    }
}
