package io.synapse.common.web;

import java.net.InetAddress;

import io.vertx.ext.web.RoutingContext;

/** What an audit row or a session records about the HTTP request it came from. */
public record RequestInfo(InetAddress ip, String userAgent, String requestId) {

    public static final RequestInfo NONE = new RequestInfo(null, null, null);
    private static final int MAX_USER_AGENT = 512;

    public static RequestInfo of(RoutingContext ctx) {
        if (ctx == null) {
            return NONE;
        }
        InetAddress ip = null;
        if (ctx.request().remoteAddress() != null && ctx.request().remoteAddress().hostAddress() != null) {
            try {
                // ofLiteral never does a DNS lookup, unlike getByName.
                ip = InetAddress.ofLiteral(ctx.request().remoteAddress().hostAddress());
            } catch (IllegalArgumentException ignored) {
                // unix socket or unparseable peer: leave it out
            }
        }
        String agent = ctx.request().getHeader("User-Agent");
        if (agent != null && agent.length() > MAX_USER_AGENT) {
            agent = agent.substring(0, MAX_USER_AGENT);
        }
        return new RequestInfo(ip, agent, ctx.get(RequestIdFilter.CONTEXT_KEY));
    }

    public String ipText() {
        return ip == null ? "unknown" : ip.getHostAddress();
    }
}
