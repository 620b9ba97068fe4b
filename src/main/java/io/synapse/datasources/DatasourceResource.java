package io.synapse.datasources;

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
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;

import org.eclipse.microprofile.context.ManagedExecutor;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.synapse.chat.EmitterReplyStream;
import io.synapse.datasources.ask.AskRequest;
import io.synapse.datasources.ask.AskService;
import io.synapse.datasources.ask.AskView;
import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;
import io.synapse.common.web.QueryParams;
import io.synapse.datasources.introspect.TableView;

/**
 * Registered databases (README: Datasources, with the role matrix). Managers and admins register,
 * test, introspect and query them; everyone they are shared with reads them and asks questions.
 */
@Path("/api/datasources")
@Tag(name = "datasources")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DatasourceResource {

    @Inject
    ConnectionService connections;

    @Inject
    QueryService queries;

    @Inject
    AskService asks;

    @Inject
    ManagedExecutor executor;

    @Inject
    ObjectMapper mapper;

    @Inject
    SecurityIdentity identity;

    @Operation(operationId = "listDatasources", summary = "List the database connections you may use")
    @GET
    @RolesAllowed(Roles.VIEWER)
    public Page<ConnectionView> list(@QueryParam("q") String q, @QueryParam("engine") String engine, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        if (q != null && q.length() > 200) {
            throw ProblemException.invalidField("q", "must be at most 200 characters");
        }
        return connections.list(Actor.of(identity), q, QueryParams.parse("engine", engine, Engine::parse, "must be one of postgresql, mariadb, mysql"),
                PageRequest.of(limit, cursor));
    }

    @Operation(operationId = "createDatasource", summary = "Register a database connection (its password is stored encrypted)")
    @APIResponseSchema(value = ConnectionView.class, responseCode = "201", responseDescription = "Created")
    @POST
    @RolesAllowed(Roles.MANAGER)
    public RestResponse<ConnectionView> create(@Valid @NotNull ConnectionCreate request) {
        ConnectionView created = connections.create(Actor.of(identity), request);
        return RestResponse.ResponseBuilder.<ConnectionView>created(URI.create("/api/datasources/" + created.id())).entity(created).build();
    }

    @Operation(operationId = "getDatasource", summary = "Get a database connection")
    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public ConnectionView get(@PathParam("id") UUID id) {
        return connections.get(Actor.of(identity), id);
    }

    @Operation(operationId = "updateDatasource", summary = "Change a database connection (owner or admin)")
    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.MANAGER)
    public ConnectionView update(@PathParam("id") UUID id, @Valid @NotNull ConnectionUpdate update) {
        return connections.update(Actor.of(identity), id, update);
    }

    @Operation(operationId = "deleteDatasource", summary = "Delete a database connection with its catalogue and templates")
    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @RolesAllowed(Roles.MANAGER)
    public void delete(@PathParam("id") UUID id) {
        connections.delete(Actor.of(identity), id);
    }

    /** Connects and reports the server version and anything the login could write; the verdict gates queries. */
    @Operation(operationId = "testDatasource", summary = "Test a connection: reachability, version and write privileges")
    @POST
    @Path("/{id}/test")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.MANAGER)
    public ConnectionCheck test(@PathParam("id") UUID id) {
        return connections.test(Actor.of(identity), id);
    }

    @Operation(operationId = "introspectDatasource", summary = "Read the database's catalogue (tables, columns, keys) and store it")
    @POST
    @Path("/{id}/introspect")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.MANAGER)
    public ConnectionService.SchemaRefresh introspect(@PathParam("id") UUID id) {
        return connections.introspect(Actor.of(identity), id);
    }

    @Operation(operationId = "getDatasourceSchema", summary = "List the tables of the last introspected catalogue")
    @GET
    @Path("/{id}/schema")
    @RolesAllowed(Roles.VIEWER)
    public Page<TableView> schema(@PathParam("id") UUID id, @QueryParam("q") String q, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        if (q != null && q.length() > 200) {
            throw ProblemException.invalidField("q", "must be at most 200 characters");
        }
        return connections.schema(Actor.of(identity), id, q, PageRequest.of(limit, cursor));
    }

    /**
     * A question in plain words: the model writes the SQL from the relevant tables, the guard and
     * the read-only transaction run it, and the answer (SQL, rows, a sentence) is stored in the
     * conversation. With Accept: text/event-stream: start, sql, rows, token... and done events.
     */
    @Operation(operationId = "askDatasource", summary = "Ask a database a question in plain words (NL to SQL)")
    @POST
    @Path("/{id}/ask")
    @RolesAllowed(Roles.VIEWER)
    public AskView ask(@PathParam("id") UUID id, @Valid @NotNull AskRequest request) {
        return asks.answer(asks.start(Actor.of(identity), id, request), null);
    }

    @POST
    @Path("/{id}/ask")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RolesAllowed(Roles.VIEWER)
    @Blocking
    public Multi<OutboundSseEvent> askStreaming(@PathParam("id") UUID id, @Valid @NotNull AskRequest request, @Context Sse sse) {
        AskService.Started started = asks.start(Actor.of(identity), id, request);
        return Multi.createFrom().<OutboundSseEvent>emitter(emitter -> executor.execute(() -> asks.stream(started, new EmitterReplyStream(emitter, sse, mapper))));
    }

    /**
     * Runs one read-only statement and streams its rows: JSON (columns, rows, row_count,
     * truncated, duration_ms) or, with Accept: text/csv or format=csv, CSV.
     */
    @Operation(operationId = "queryDatasource", summary = "Run a guarded read-only SQL statement and stream its rows")
    @POST
    @Path("/{id}/query")
    @Produces({ MediaType.APPLICATION_JSON, DatasourceQueries.CSV })
    @RolesAllowed(Roles.MANAGER)
    public Response query(@PathParam("id") UUID id, @QueryParam("format") String format, @HeaderParam("Accept") String accept,
            @Valid @NotNull QueryRequest request) {
        boolean csv = DatasourceQueries.wantsCsv(format, accept);
        return DatasourceQueries.streamed(queries, queries.prepare(Actor.of(identity), id, request), csv);
    }
}
