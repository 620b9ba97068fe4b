package io.synapse.common.web;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.context.ContextNotActiveException;
import jakarta.inject.Inject;

import io.quarkus.vertx.http.runtime.CurrentVertxRequest;

/** The current HTTP request's {@link RequestInfo}, or NONE outside a request (scheduler, startup). */
@ApplicationScoped
public class CurrentRequest {

    @Inject
    CurrentVertxRequest vertxRequest;

    public RequestInfo info() {
        try {
            return RequestInfo.of(vertxRequest.getCurrent());
        } catch (ContextNotActiveException e) {
            return RequestInfo.NONE;
        }
    }
}
