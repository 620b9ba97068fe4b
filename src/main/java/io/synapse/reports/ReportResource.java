package io.synapse.reports;

import java.net.URI;
import java.util.List;
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

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import io.quarkus.security.identity.SecurityIdentity;
import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;

@Path("/api/reports")
@Tag(name = "reports")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ReportResource {

    static final String CSV = "text/csv";

    @Inject
    ReportService reports;

    @Inject
    DeliveryService deliveries;

    @Inject
    SecurityIdentity identity;

    @Operation(operationId = "listReports", summary = "List reports (managers)")
    @GET
    @RolesAllowed(Roles.MANAGER)
    public Page<ReportView> list(@QueryParam("q") String q, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        if (q != null && q.length() > 200) {
            throw ProblemException.invalidField("q", "must be at most 200 characters");
        }
        return reports.list(q, PageRequest.of(limit, cursor));
    }

    /** From content (html or markdown, sanitised) or from a template over the business analytics. */
    @Operation(operationId = "createReport", summary = "Create a report from content or a template")
    @APIResponseSchema(value = ReportView.class, responseCode = "201", responseDescription = "Created")
    @POST
    @RolesAllowed(Roles.MANAGER)
    public RestResponse<ReportView> create(@Valid @NotNull ReportCreate request) {
        ReportView created = reports.create(Actor.of(identity), request);
        return RestResponse.ResponseBuilder.<ReportView>created(URI.create("/api/reports/" + created.id())).entity(created).build();
    }

    /**
     * format=json (default: the report with its HTML in content), html (the page itself) or csv (the
     * figures of a generated report). An Accept of text/html or text/csv chooses the same way.
     * Managers read every report; others only those delivered to them.
     */
    @Operation(operationId = "getReport", summary = "Get a report as JSON, HTML or CSV")
    @GET
    @Path("/{id}")
    @Produces({ MediaType.APPLICATION_JSON, MediaType.TEXT_HTML, CSV })
    @RolesAllowed(Roles.VIEWER)
    public Response get(@PathParam("id") UUID id, @QueryParam("format") String format, @HeaderParam("Accept") String accept) {
        String chosen = format != null && !format.isBlank() ? format.trim()
                : accept != null && accept.startsWith(MediaType.TEXT_HTML) ? "html" : accept != null && accept.startsWith(CSV) ? "csv" : "json";
        if (!List.of("json", "html", "csv").contains(chosen)) {
            throw ProblemException.invalidField("format", "must be json, html or csv");
        }
        Report report = reports.read(Actor.of(identity), id);
        return switch (chosen) {
            case "html" -> Response.ok("<!DOCTYPE html><html><head><meta charset=\"utf-8\"><title>" + ReportRenderer.escape(report.name)
                    + "</title></head><body>" + report.content + "</body></html>", MediaType.TEXT_HTML + ";charset=UTF-8").build();
            case "csv" -> Response.ok(reports.csv(report), CSV + ";charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"report-" + report.id + ".csv\"").build();
            default -> Response.ok(ReportView.full(report), MediaType.APPLICATION_JSON_TYPE).build();
        };
    }

    @Operation(operationId = "updateReport", summary = "Rename a report or replace its content")
    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.MANAGER)
    public ReportView update(@PathParam("id") UUID id, @Valid @NotNull ReportUpdate update) {
        return reports.update(Actor.of(identity), id, update);
    }

    @Operation(operationId = "deleteReport", summary = "Delete a report with its deliveries")
    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @RolesAllowed(Roles.MANAGER)
    public void delete(@PathParam("id") UUID id) {
        reports.delete(Actor.of(identity), id);
    }

    /** {user_ids} or {role}: in-app for every active recipient, e-mail for those with receive_email (the rest: skipped). */
    @Operation(operationId = "deliverReport", summary = "Deliver a report to users or a role")
    @POST
    @Path("/{id}/deliveries")
    @RolesAllowed(Roles.MANAGER)
    public DeliveryResult deliver(@PathParam("id") UUID id, @Valid @NotNull DeliveryRequest request) {
        return deliveries.deliver(Actor.of(identity), id, request);
    }

    @Operation(operationId = "listReportDeliveries", summary = "List a report's deliveries")
    @GET
    @Path("/{id}/deliveries")
    @RolesAllowed(Roles.MANAGER)
    public Page<DeliveryView> deliveries(@PathParam("id") UUID id, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return deliveries.list(id, PageRequest.of(limit, cursor));
    }
}
