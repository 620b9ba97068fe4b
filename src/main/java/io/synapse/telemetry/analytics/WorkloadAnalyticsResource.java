package io.synapse.telemetry.analytics;

import java.time.LocalDate;

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

import io.quarkus.security.identity.SecurityIdentity;
import io.synapse.common.error.ProblemException;
import io.synapse.common.input.TimeBounds;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;
import io.synapse.common.web.QueryParams;

/** Workload analytics, recent workloads and user activity: the caller's own; managers and admins see everyone's (user_id narrows). */
@Path("/api/analytics")
@Tag(name = "telemetry")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class WorkloadAnalyticsResource {

    @Inject
    WorkloadAnalytics analytics;

    @Inject
    ActivityQueries activity;

    @Inject
    SecurityIdentity identity;

    /** Default: the last 7 days by day. */
    @Operation(operationId = "getWorkloadAnalytics", summary = "Workload events: counts, tokens, cost, error rate and latency percentiles")
    @GET
    @Path("/workloads")
    public WorkloadReport workloads(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("group_by") String groupBy,
            @QueryParam("user_id") String userId, @QueryParam("model") String model, @QueryParam("workload_type") String workloadType) {
        return analytics.report(Actor.of(identity), QueryParams.instant("from", from), QueryParams.instant("to", to),
                QueryParams.parse("group_by", groupBy, WorkloadGrouping::parse, "must be one of hour, day, model, workload_type, user"),
                new WorkloadAnalytics.Filters(QueryParams.uuid("user_id", userId), text("model", model, 255), text("workload_type", workloadType, 100)));
    }

    @Operation(operationId = "listRecentWorkloads", summary = "Workloads seen in the last 7 days, most recent first (seed 004 recent_workloads)")
    @GET
    @Path("/recent-workloads")
    public Page<RecentWorkloadView> recentWorkloads(@QueryParam("user_id") String userId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        return activity.recentWorkloads(Actor.of(identity), QueryParams.uuid("user_id", userId), PageRequest.of(limit, cursor));
    }

    /** Default: the last 30 days. Dates are UTC days; to is exclusive. */
    @Operation(operationId = "listUserActivity", summary = "Daily activity per user and action, newest day first (seed 004 user_activity)")
    @GET
    @Path("/user-activity")
    public Page<UserActivityView> userActivity(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("user_id") String userId,
            @QueryParam("action") String action, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return activity.userActivity(Actor.of(identity), QueryParams.uuid("user_id", userId), text("action", action, 200), date("from", from),
                date("to", to), PageRequest.of(limit, cursor));
    }

    private static String text(String name, String value, int max) {
        if (value == null || value.isBlank()) {
            return null;
        }
        if (value.length() > max) {
            throw ProblemException.invalidField(name, "must be at most " + max + " characters");
        }
        return value;
    }

    private static LocalDate date(String name, String value) {
        LocalDate date = QueryParams.parse(name, value, LocalDate::parse, "must be a date (YYYY-MM-DD)");
        if (date != null && !TimeBounds.holds(date)) {
            throw ProblemException.invalidField(name, TimeBounds.OUT_OF_RANGE);
        }
        return date;
    }
}
