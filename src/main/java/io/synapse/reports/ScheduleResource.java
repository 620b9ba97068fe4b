package io.synapse.reports;

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

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import io.quarkus.security.identity.SecurityIdentity;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;

@Path("/api/report-schedules")
@Tag(name = "reports")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.MANAGER)
public class ScheduleResource {

    @Inject
    ScheduleService schedules;

    @Inject
    SecurityIdentity identity;

    @Operation(operationId = "listReportSchedules", summary = "List report schedules")
    @GET
    public Page<ScheduleView> list(@QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return schedules.list(PageRequest.of(limit, cursor));
    }

    @Operation(operationId = "createReportSchedule", summary = "Schedule a report")
    @APIResponseSchema(value = ScheduleView.class, responseCode = "201", responseDescription = "Created")
    @POST
    public RestResponse<ScheduleView> create(@Valid @NotNull ScheduleCreate request) {
        ScheduleView created = schedules.create(Actor.of(identity), request);
        return RestResponse.ResponseBuilder.<ScheduleView>created(URI.create("/api/report-schedules/" + created.id())).entity(created).build();
    }

    @Operation(operationId = "getReportSchedule", summary = "Get a report schedule")
    @GET
    @Path("/{id}")
    public ScheduleView get(@PathParam("id") UUID id) {
        return schedules.get(id);
    }

    @Operation(operationId = "updateReportSchedule", summary = "Change a report schedule")
    @PATCH
    @Path("/{id}")
    public ScheduleView update(@PathParam("id") UUID id, @Valid @NotNull ScheduleUpdate request) {
        return schedules.update(Actor.of(identity), id, request);
    }

    @Operation(operationId = "deleteReportSchedule", summary = "Delete a report schedule")
    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    public void delete(@PathParam("id") UUID id) {
        schedules.delete(id);
    }
}
