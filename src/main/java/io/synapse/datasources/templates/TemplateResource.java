package io.synapse.datasources.templates;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

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
import io.synapse.datasources.DatasourceQueries;
import io.synapse.datasources.QueryService;

@Path("/api/query-templates")
@Tag(name = "datasources")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TemplateResource {

    @Inject
    TemplateService templates;

    @Inject
    QueryService queries;

    @Inject
    SecurityIdentity identity;

    @Operation(operationId = "listQueryTemplates", summary = "List the query templates you may run")
    @GET
    @RolesAllowed(Roles.VIEWER)
    public Page<TemplateView> list(@QueryParam("connection_id") String connectionId, @QueryParam("category") String category, @QueryParam("q") String q,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        if (q != null && q.length() > 200 || category != null && category.length() > 50) {
            throw ProblemException.invalidField(q != null && q.length() > 200 ? "q" : "category", "is too long");
        }
        return templates.list(Actor.of(identity), QueryParams.uuid("connection_id", connectionId), category, q, PageRequest.of(limit, cursor));
    }

    @Operation(operationId = "createQueryTemplate", summary = "Create a parameterised query template")
    @APIResponseSchema(value = TemplateView.class, responseCode = "201", responseDescription = "Created")
    @POST
    @RolesAllowed(Roles.MANAGER)
    public RestResponse<TemplateView> create(@Valid @NotNull TemplateCreate request) {
        TemplateView created = templates.create(Actor.of(identity), request);
        return RestResponse.ResponseBuilder.<TemplateView>created(URI.create("/api/query-templates/" + created.id())).entity(created).build();
    }

    @Operation(operationId = "getQueryTemplate", summary = "Get a query template")
    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public TemplateView get(@PathParam("id") UUID id) {
        return templates.get(Actor.of(identity), id);
    }

    @Operation(operationId = "updateQueryTemplate", summary = "Change a query template (owner or admin)")
    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.MANAGER)
    public TemplateView update(@PathParam("id") UUID id, @Valid @NotNull TemplateUpdate update) {
        return templates.update(Actor.of(identity), id, update);
    }

    @Operation(operationId = "deleteQueryTemplate", summary = "Delete a query template")
    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @RolesAllowed(Roles.MANAGER)
    public void delete(@PathParam("id") UUID id) {
        templates.delete(Actor.of(identity), id);
    }

    /** Rows as JSON or, with Accept: text/csv or format=csv, CSV, exactly as POST /api/datasources/{id}/query. */
    @Operation(operationId = "runQueryTemplate", summary = "Run a query template with typed parameters")
    @POST
    @Path("/{id}/run")
    @Produces({ MediaType.APPLICATION_JSON, DatasourceQueries.CSV })
    @RolesAllowed(Roles.VIEWER)
    public Response run(@PathParam("id") UUID id, @QueryParam("format") String format, @HeaderParam("Accept") String accept, @Valid TemplateRun run) {
        boolean csv = DatasourceQueries.wantsCsv(format, accept);
        return DatasourceQueries.streamed(queries, templates.prepare(Actor.of(identity), id, run), csv);
    }
}
