package io.synapse.runs;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.security.identity.SecurityIdentity;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;
import io.synapse.common.web.QueryParams;

@Path("/api/analytics/usage")
@Tag(name = "runs")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    @Inject
    UsageAnalytics analytics;

    @Inject
    SecurityIdentity identity;

    /** The caller's own usage; managers and admins see everyone's (user_id narrows). Default: the last 30 days by day. */
    @Operation(operationId = "getUsage", summary = "Usage analytics: runs, tokens, errors, latency and cost")
    @GET
    @RolesAllowed(Roles.VIEWER)
    public UsageReport usage(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("group_by") String groupBy,
            @QueryParam("user_id") String userId) {
        return analytics.usage(Actor.of(identity), QueryParams.instant("from", from), QueryParams.instant("to", to),
                QueryParams.parse("group_by", groupBy, UsageGrouping::parse, "must be one of day, model, user, api_key"),
                QueryParams.uuid("user_id", userId));
    }
}
