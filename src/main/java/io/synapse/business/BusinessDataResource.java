package io.synapse.business;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.security.identity.SecurityIdentity;
import io.synapse.business.analytics.BusinessFilter;
import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;

/** The seed's business tables. Everyone signed in reads them; managers rename clients; only imports write rows. */
@Path("/api")
@Tag(name = "business")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
public class BusinessDataResource {

    @Inject
    BusinessDataService data;

    @Inject
    SecurityIdentity identity;

    @Operation(operationId = "listClientes", summary = "List clients, by code or name")
    @GET
    @Path("/clientes")
    @RolesAllowed(Roles.VIEWER)
    public Page<ClienteView> clientes(@QueryParam("q") String q, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        if (q != null && q.length() > 100) {
            throw ProblemException.invalidField("q", "must be at most 100 characters");
        }
        return data.clientes(q, PageRequest.of(limit, cursor));
    }

    @Operation(operationId = "getCliente", summary = "Get a client by code")
    @GET
    @Path("/clientes/{code}")
    @RolesAllowed(Roles.VIEWER)
    public ClienteView cliente(@PathParam("code") int code) {
        return data.cliente(code);
    }

    @Operation(operationId = "renameCliente", summary = "Rename a client")
    @PATCH
    @Path("/clientes/{code}")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Roles.MANAGER)
    public ClienteView rename(@PathParam("code") int code, @Valid @NotNull ClienteUpdate update) {
        return data.rename(Actor.of(identity), code, update);
    }

    /** Filters: cliente, from, to, centro, tipo_material, grupo, cod_produto, sku; newest first. */
    @Operation(operationId = "listEstoque", summary = "List stock positions, newest first")
    @GET
    @Path("/estoque")
    @RolesAllowed(Roles.VIEWER)
    public Page<EstoqueView> estoque(@Context UriInfo uri) {
        var params = io.synapse.business.analytics.BusinessAnalyticsResource.single(uri);
        return data.estoque(BusinessFilter.of(params), PageRequest.of(params.get("limit"), params.get("cursor")));
    }

    /** Filters: cliente, from, to, centro, grupo, cod_produto, sku, uf, cidade; newest first. */
    @Operation(operationId = "listFaturamento", summary = "List sales, newest first")
    @GET
    @Path("/faturamento")
    @RolesAllowed(Roles.VIEWER)
    public Page<FaturamentoView> faturamento(@Context UriInfo uri) {
        var params = io.synapse.business.analytics.BusinessAnalyticsResource.single(uri);
        return data.faturamento(BusinessFilter.of(params), PageRequest.of(params.get("limit"), params.get("cursor")));
    }
}
