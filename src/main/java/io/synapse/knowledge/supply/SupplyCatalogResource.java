package io.synapse.knowledge.supply;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
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
import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;
import io.synapse.common.web.QueryParams;

/** Seed 004's supply catalog: everyone reads and searches it, managers keep it. */
@Path("/api/supply-catalog")
@Tag(name = "knowledge")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SupplyCatalogResource {

    @Inject
    SupplyCatalogService catalog;

    @Inject
    SecurityIdentity identity;

    /** Newest first; q is full-text over name, category, provider and specifications (words, "phrases", -exclusions). */
    @Operation(operationId = "listSupplyItems", summary = "List and search the supply catalog")
    @GET
    @RolesAllowed(Roles.VIEWER)
    public Page<SupplyView> list(@QueryParam("q") String q, @QueryParam("category") String category, @QueryParam("provider") String provider,
            @QueryParam("is_active") String active, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        if (q != null && q.length() > 200 || category != null && category.length() > 100 || provider != null && provider.length() > 100) {
            throw ProblemException.invalidField(q != null && q.length() > 200 ? "q" : category != null && category.length() > 100 ? "category" : "provider",
                    "is too long");
        }
        Boolean isActive = QueryParams.parse("is_active", active, v -> switch (v) {
            case "true" -> Boolean.TRUE;
            case "false" -> Boolean.FALSE;
            default -> throw new IllegalArgumentException();
        }, "must be true or false");
        return catalog.list(new SupplyCatalogService.Filter(q, category, provider, isActive), PageRequest.of(limit, cursor));
    }

    @Operation(operationId = "createSupplyItem", summary = "Add an item to the supply catalog (managers)")
    @APIResponseSchema(value = SupplyView.class, responseCode = "201", responseDescription = "Created")
    @POST
    @RolesAllowed(Roles.MANAGER)
    public RestResponse<SupplyView> create(@Valid @NotNull SupplyCreate request) {
        SupplyView created = catalog.create(Actor.of(identity), request);
        return RestResponse.ResponseBuilder.<SupplyView>created(URI.create("/api/supply-catalog/" + created.id())).entity(created).build();
    }

    @Operation(operationId = "getSupplyItem", summary = "Get a supply catalog item")
    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public SupplyView get(@PathParam("id") UUID id) {
        return catalog.get(id);
    }

    @Operation(operationId = "updateSupplyItem", summary = "Change a supply catalog item (managers)")
    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.MANAGER)
    public SupplyView update(@PathParam("id") UUID id, @Valid @NotNull SupplyUpdate update) {
        return catalog.update(id, update);
    }

    @Operation(operationId = "deleteSupplyItem", summary = "Delete a supply catalog item (managers)")
    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @RolesAllowed(Roles.MANAGER)
    public void delete(@PathParam("id") UUID id) {
        catalog.delete(id);
    }
}
