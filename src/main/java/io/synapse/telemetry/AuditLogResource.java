package io.synapse.telemetry;

import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Cursor;
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

    @GET
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<AuditLogView> list(@QueryParam("user_id") String userId, @QueryParam("action") String action,
            @QueryParam("resource_type") String resourceType, @QueryParam("resource_id") String resourceId,
            @QueryParam("success") String success, @QueryParam("from") String from, @QueryParam("to") String to,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        PageRequest page = PageRequest.of(limit, cursor);
        StringBuilder where = new StringBuilder("1 = 1");
        Map<String, Object> params = new HashMap<>();
        add(where, params, "userId", "user", QueryParams.uuid("user_id", userId));
        add(where, params, "action", "action", bounded("action", action));
        add(where, params, "resourceType", "rtype", bounded("resource_type", resourceType));
        add(where, params, "resourceId", "rid", bounded("resource_id", resourceId));
        add(where, params, "success", "success", QueryParams.bool("success", success));
        Instant fromTime = QueryParams.instant("from", from);
        Instant toTime = QueryParams.instant("to", to);
        if (fromTime != null) {
            where.append(" and createdAt >= :from");
            params.put("from", fromTime);
        }
        if (toTime != null) {
            where.append(" and createdAt < :to");
            params.put("to", toTime);
        }
        if (page.cursor() != null) {
            where.append(" and id < :after");
            params.put("after", Cursor.longId(page.cursor()));
        }
        where.append(" order by id desc");
        return Page.of(AuditLog.<AuditLog>find(where.toString(), params).range(0, page.limit()).list(), page.limit(),
                a -> Cursor.of(a.id), AuditLogView::of);
    }

    private static void add(StringBuilder where, Map<String, Object> params, String field, String name, Object value) {
        if (value != null) {
            where.append(" and ").append(field).append(" = :").append(name);
            params.put(name, value);
        }
    }

    private static String bounded(String name, String value) {
        if (value != null && value.length() > 255) {
            throw ProblemException.invalidField(name, "must be at most 255 characters");
        }
        return value == null || value.isBlank() ? null : value;
    }

}
