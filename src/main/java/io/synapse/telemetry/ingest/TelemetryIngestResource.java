package io.synapse.telemetry.ingest;

import java.io.InputStream;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;

/**
 * Telemetry ingestion (README: Telemetry): a JSON array, or NDJSON sent as application/x-ndjson,
 * of up to synapse.telemetry.ingest.max-batch items. Any authenticated caller may post; events are
 * the caller's own unless a manager names user_id.
 */
@Path("/api/telemetry")
@Tag(name = "telemetry")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@Consumes({ MediaType.APPLICATION_JSON, TelemetryIngestResource.NDJSON })
@RolesAllowed(Roles.VIEWER)
public class TelemetryIngestResource {

    static final String NDJSON = "application/x-ndjson";

    @Inject
    TelemetryIngest ingest;

    @Inject
    SecurityIdentity identity;

    @Operation(operationId = "ingestWorkloadEvents", summary = "Store a batch of workload events (idempotent by event_id and timestamp)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = WorkloadEventIn.class)))
    @APIResponse(responseCode = "202", description = "Stored: counts of new and already-stored events",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IngestResult.class)))
    @POST
    @Path("/workload-events")
    public Response workloadEvents(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        return Response.accepted(ingest.workloadEvents(Actor.of(identity), body, ndjson(contentType))).build();
    }

    @Operation(operationId = "ingestProductEvents", summary = "Store a batch of product events (seed 003 events; idempotent by id and timestamp)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = ProductEventIn.class)))
    @APIResponse(responseCode = "202", description = "Stored: counts of new and already-stored events",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IngestResult.class)))
    @POST
    @Path("/events")
    public Response events(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        return Response.accepted(ingest.productEvents(Actor.of(identity), body, ndjson(contentType))).build();
    }

    @Operation(operationId = "ingestPerformanceMetrics", summary = "Store a batch of performance metrics (seed 003 performance_metrics)")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(type = SchemaType.ARRAY, implementation = MetricPointIn.class)))
    @APIResponse(responseCode = "202", description = "Stored: how many metrics",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = IngestResult.class)))
    @POST
    @Path("/metrics")
    public Response metrics(@HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, InputStream body) {
        return Response.accepted(ingest.metrics(Actor.of(identity), body, ndjson(contentType))).build();
    }

    private static boolean ndjson(String contentType) {
        return contentType != null && contentType.toLowerCase(java.util.Locale.ROOT).startsWith(NDJSON);
    }
}
