package io.synapse.identity;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.eclipse.microprofile.openapi.annotations.Operation;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.synapse.budgets.BudgetService;
import io.synapse.budgets.BudgetStatus;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;

@Path("/api/me")
@Tag(name = "me")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class MeResource {

    @Inject
    ProfileService profiles;

    @Inject
    SecurityIdentity identity;

    @Inject
    ObjectMapper mapper;

    @Inject
    BudgetService budgets;

    @Operation(operationId = "getMe", summary = "Get my profile")
    @GET
    public UserView me() {
        // The credential check read the whole user row for this request; service tokens have none.
        CurrentUser user = CurrentUser.of(identity);
        return user != null ? user.view(mapper) : profiles.me(Actor.of(identity));
    }

    @Operation(operationId = "updateMe", summary = "Change my profile, preferences or password")
    @PATCH
    public UserView update(@Valid @NotNull ProfileUpdate request) {
        return profiles.update(Actor.of(identity), request);
    }

    @Operation(operationId = "getMyBudget", summary = "The budgets that apply to me (or to this API key) with what this period has spent")
    @GET
    @Path("/budget")
    public java.util.List<BudgetStatus> budget() {
        return budgets.status(Actor.of(identity));
    }

    @Operation(operationId = "listMySessions", summary = "List my login sessions")
    @GET
    @Path("/sessions")
    public Page<SessionView> sessions(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return profiles.sessions(Actor.of(identity), PageRequest.of(limit, cursor));
    }

    @Operation(operationId = "endMySession", summary = "End one of my login sessions")
    @DELETE
    @Path("/sessions/{id}")
    @ResponseStatus(204)
    public void endSession(@PathParam("id") UUID id) {
        profiles.endSession(Actor.of(identity), id);
    }
}
