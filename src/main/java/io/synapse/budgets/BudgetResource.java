package io.synapse.budgets;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

import io.quarkus.security.identity.SecurityIdentity;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;
import io.synapse.common.web.QueryParams;

/** Token and cost budgets per role, user or API key (README: Budgets). Admins only; every change is audited. */
@Path("/api/admin/budgets")
@Tag(name = "admin")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class BudgetResource {

    @Inject
    BudgetService budgets;

    @Inject
    SecurityIdentity identity;

    @Operation(operationId = "listBudgets", summary = "List budgets, optionally by scope, user, API key or issued token (admin)")
    @GET
    public Page<BudgetView> list(@QueryParam("scope") String scope, @QueryParam("user_id") String userId,
            @QueryParam("api_key_id") String apiKeyId, @QueryParam("issued_token_id") String issuedTokenId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return budgets.list(QueryParams.parse("scope", scope, BudgetScope::parse, "must be role, user, api_key or issued_token"),
                QueryParams.uuid("user_id", userId), QueryParams.uuid("api_key_id", apiKeyId),
                QueryParams.uuid("issued_token_id", issuedTokenId), PageRequest.of(limit, cursor));
    }

    @Operation(operationId = "getBudget", summary = "Get one budget (admin)")
    @GET
    @Path("/{id}")
    public BudgetView get(@PathParam("id") UUID id) {
        return budgets.get(id);
    }

    @Operation(operationId = "createBudget", summary = "Set a daily or monthly budget for a role, a user or an API key (admin, audited)")
    @APIResponseSchema(value = BudgetView.class, responseCode = "201", responseDescription = "Created")
    @POST
    public RestResponse<BudgetView> create(@Valid @NotNull BudgetCreate request) {
        BudgetView created = budgets.create(Actor.of(identity), request);
        return RestResponse.ResponseBuilder.<BudgetView>created(URI.create("/api/admin/budgets/" + created.id())).entity(created).build();
    }

    @Operation(operationId = "updateBudget", summary = "Replace a budget's limits (admin, audited)")
    @PUT
    @Path("/{id}")
    public BudgetView update(@PathParam("id") UUID id, @Valid @NotNull BudgetLimits limits) {
        return budgets.update(Actor.of(identity), id, limits);
    }

    @Operation(operationId = "deleteBudget", summary = "Remove a budget (admin, audited)")
    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    public void delete(@PathParam("id") UUID id) {
        budgets.delete(id);
    }
}
