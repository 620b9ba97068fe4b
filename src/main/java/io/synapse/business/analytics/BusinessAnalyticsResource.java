package io.synapse.business.analytics;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.synapse.common.error.ProblemException;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;

@Path("/api/analytics/business")
@Tag(name = "business")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
public class BusinessAnalyticsResource {

    @Inject
    BusinessAnalyticsService analytics;

    /** The analyses there are, with their paths. */
    @Operation(operationId = "listBusinessAnalyses", summary = "List the business analyses")
    @GET
    @RolesAllowed(Roles.VIEWER)
    public List<Map<String, String>> list() {
        return Arrays.stream(BusinessAnalysis.values())
                .map(a -> Map.of("analysis", a.path(), "title", a.title(), "table", a.source().name().toLowerCase(Locale.ROOT))).toList();
    }

    /** One analysis with the business filters as query parameters (cliente, from, to, centro, ..., top_n). */
    @Operation(operationId = "runBusinessAnalysis", summary = "Run one business analysis (cached per data version)")
    @GET
    @Path("/{analysis}")
    @RolesAllowed(Roles.VIEWER)
    public AnalyticsView run(@PathParam("analysis") String name, @Context UriInfo uri) {
        BusinessAnalysis analysis;
        try {
            analysis = BusinessAnalysis.ofPath(name);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("analysis", name);
        }
        BusinessFilter filter = BusinessFilter.of(single(uri));
        return AnalyticsView.of(analysis, filter, analytics.cached(analysis, filter));
    }

    public static Map<String, String> single(UriInfo uri) {
        Map<String, String> params = new HashMap<>();
        uri.getQueryParameters().forEach((name, values) -> {
            if (values.size() > 1) {
                throw ProblemException.invalidField(name, "may be given once");
            }
            params.put(name, values.get(0));
        });
        return params;
    }
}
