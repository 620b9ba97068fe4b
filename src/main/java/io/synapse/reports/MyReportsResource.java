package io.synapse.reports;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.security.identity.SecurityIdentity;
import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Cursor;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;
import io.synapse.common.web.QueryParams;

@Path("/api/me/reports")
@Tag(name = "reports")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
public class MyReportsResource {

    @Inject
    EntityManager em;

    @Inject
    SecurityIdentity identity;

    /** Reports delivered to me, newest delivery first; unread=true narrows to the ones I have not opened. */
    @Operation(operationId = "listMyReports", summary = "List the reports delivered to me")
    @GET
    @RolesAllowed(Roles.VIEWER)
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<MyReportView> list(@QueryParam("unread") String unread, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Actor actor = Actor.of(identity);
        if (actor.userId() == null) {
            throw ProblemException.forbidden("Service tokens have no reports of their own");
        }
        PageRequest page = PageRequest.of(limit, cursor);
        boolean onlyUnread = Boolean.TRUE.equals(QueryParams.bool("unread", unread));
        Cursor.TimeAndId after = page.cursor() == null ? null : Cursor.timeAndId(page.cursor());
        var query = em.createNativeQuery("""
                SELECT r.id, r.name, r.created_at, d.created_at AS delivered_at, d.read_at, e.status
                FROM report_deliveries d JOIN reports r ON r.id = d.report_id
                LEFT JOIN report_deliveries e ON e.report_id = d.report_id AND e.user_id = d.user_id AND e.channel = 'email'
                WHERE d.user_id = ?1 AND d.channel = 'in_app' %s %s
                ORDER BY d.created_at DESC, r.id DESC LIMIT %d""".formatted(onlyUnread ? "AND d.read_at IS NULL" : "",
                after == null ? "" : "AND (d.created_at, r.id) < (?2, ?3)", page.fetchSize())).setParameter(1, actor.userId());
        if (after != null) {
            query.setParameter(2, java.sql.Timestamp.from(after.time())).setParameter(3, after.id());
        }
        List<MyReportView> rows = ((List<?>) query.getResultList()).stream().map(o -> (Object[]) o)
                .map(c -> new MyReportView((UUID) c[0], (String) c[1], instant(c[2]), instant(c[3]), instant(c[4]), (String) c[5])).toList();
        return Page.of(rows, page.limit(), r -> Cursor.of(r.deliveredAt(), r.reportId()), r -> r);
    }

    private static Instant instant(Object value) {
        return value == null ? null : value instanceof Instant i ? i : value instanceof java.sql.Timestamp t ? t.toInstant()
                : ((java.time.OffsetDateTime) value).toInstant();
    }
}
