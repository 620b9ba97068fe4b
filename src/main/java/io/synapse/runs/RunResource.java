package io.synapse.runs;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import io.quarkus.security.identity.SecurityIdentity;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;
import io.synapse.common.web.QueryParams;

@Path("/api/runs")
@Tag(name = "runs")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class RunResource {

    @Inject
    RunService runs;

    @Inject
    SecurityIdentity identity;

    /** Own runs; managers and admins everyone's (user_id narrows). */
    @Operation(operationId = "listRuns", summary = "List runs")
    @GET
    @RolesAllowed(Roles.VIEWER)
    public Page<RunView> list(@QueryParam("status") String status, @QueryParam("agent_type") String agentType,
            @QueryParam("model") String model, @QueryParam("conversation_id") String conversationId, @QueryParam("user_id") String userId,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        RunService.Filter filter = new RunService.Filter(QueryParams.parse("status", status, RunStatus::parse, 
                        "must be one of pending, processing, completed, failed, cancelled"),
                blankToNull(agentType), blankToNull(model), QueryParams.uuid("conversation_id", conversationId), QueryParams.uuid("user_id", userId),
                QueryParams.instant("from", from), QueryParams.instant("to", to));
        return runs.list(Actor.of(identity), filter, PageRequest.of(limit, cursor));
    }

    @Operation(operationId = "createRun", summary = "Start a run")
    @APIResponseSchema(value = RunView.class, responseCode = "201", responseDescription = "Created")
    @POST
    @RolesAllowed(Roles.VIEWER)
    public RestResponse<RunView> create(@Valid @NotNull RunCreate request) {
        RunView created = runs.create(Actor.of(identity), request);
        return RestResponse.ResponseBuilder.<RunView>created(URI.create("/api/runs/" + created.id())).entity(created).build();
    }

    @Operation(operationId = "getRun", summary = "Get a run")
    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public RunView get(@PathParam("id") UUID id) {
        return runs.get(Actor.of(identity), id);
    }

    /** Legal transitions only (409 otherwise); the owner or an admin. */
    @Operation(operationId = "updateRun", summary = "Move a run on or record its figures")
    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public RunView update(@PathParam("id") UUID id, @Valid @NotNull RunUpdate update) {
        return runs.update(Actor.of(identity), id, update);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
