package io.synapse.datasources.analytics;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;
import io.synapse.common.web.QueryParams;

@Path("/api/analytics/queries")
@Tag(name = "datasources")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
public class QueryUsageResource {

    @Inject
    QueryUsage usage;

    /** Default: the last 30 days grouped by day, connection, user and origin; group_by takes any subset. */
    @Operation(operationId = "getQueryAnalytics", summary = "Query analytics: statements, errors, refusals, p50/p95 duration and rows")
    @GET
    @RolesAllowed(Roles.MANAGER)
    public QueryUsageReport report(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("group_by") String groupBy,
            @QueryParam("connection_id") String connectionId, @QueryParam("user_id") String userId, @QueryParam("origin") String origin) {
        return usage.report(QueryParams.instant("from", from), QueryParams.instant("to", to), QueryUsage.parseGroupBy(groupBy),
                QueryParams.uuid("connection_id", connectionId), QueryParams.uuid("user_id", userId),
                QueryParams.parse("origin", origin, o -> {
                    if (!o.equals("nl") && !o.equals("template") && !o.equals("sql")) {
                        throw new IllegalArgumentException();
                    }
                    return o;
                }, "must be one of nl, template, sql"));
    }
}
