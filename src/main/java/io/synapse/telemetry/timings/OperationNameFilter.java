package io.synapse.telemetry.timings;

import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.SimpleResourceInfo;

import io.vertx.ext.web.RoutingContext;

/** Names the operation a request reached (e.g. DocumentResource.upload) for {@link RequestTimings}: few names, never ids from the path. */
public class OperationNameFilter {

    @ServerRequestFilter
    public void name(SimpleResourceInfo resource, RoutingContext ctx) {
        if (resource != null && resource.getResourceClass() != null) {
            ctx.put(RequestTimings.OPERATION, resource.getResourceClass().getSimpleName() + "." + resource.getMethodName());
        }
    }
}
