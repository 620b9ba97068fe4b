package io.synapse.telemetry;


import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Cursor;
import io.synapse.common.paging.KeysetQuery;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;
import io.synapse.common.web.QueryParams;

/** The audit trail, newest first, keyset-paged on id. */
@Path("/api/audit-logs")
@Tag(name = "audit")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AuditLogResource {

    @Operation(operationId = "listAuditLogs", summary = "List audit log entries, newest first (admin)")
    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AuditLogView> list(@QueryParam("user_id") String userId, @QueryParam("action") String action,
            @QueryParam("resource_type") String resourceType, @QueryParam("resource_id") String resourceId,
            @QueryParam("success") String success, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        KeysetQuery query = KeysetQuery.create()
                .eq("userId", QueryParams.uuid("user_id", userId))
                .eq("action", bounded("action", action))
                .eq("resourceType", bounded("resource_type", resourceType))
                .eq("resourceId", bounded("resource_id", resourceId))
                .eq("success", QueryParams.bool("success", success))
                .where("createdAt >= :from", "from", QueryParams.instant("from", from))
                .where("createdAt < :to", "to", QueryParams.instant("to", to))
                .afterId(page, "id");
        return Page.of(KeysetQuery.fetch(AuditLog.<AuditLog>find(query.hql(), query.params()), page), page.limit(),
                a -> Cursor.of(a.id), AuditLogView::of);
    }

    private static String bounded(String name, String value) {
        if (value != null && value.length() > 255) {
            throw ProblemException.invalidField(name, "must be at most 255 characters");
        }
        return value == null || value.isBlank() ? null : value;
    }

}
