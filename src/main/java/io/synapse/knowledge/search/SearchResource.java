package io.synapse.knowledge.search;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.synapse.common.error.ProblemException;
import io.synapse.common.input.StorableText;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;
import io.synapse.common.web.QueryParams;
import io.synapse.knowledge.KnowledgeConfig;
import io.synapse.knowledge.documents.DocumentRules;

/** Hybrid search over the chunks of the documents the caller may read. */
@Path("/api/knowledge/search")
@Tag(name = "knowledge")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
public class SearchResource {

    static final int MAX_QUERY = 1000;

    @Inject
    KnowledgeSearch search;

    @Inject
    KnowledgeConfig config;

    @Inject
    SecurityIdentity identity;

    /** mode: hybrid (default), keyword or vector; k: 1 to synapse.knowledge.search.max-k (10). */
    @Operation(operationId = "searchKnowledge", summary = "Search the knowledge base (full-text and vector similarity, fused)")
    @GET
    @RolesAllowed(Roles.VIEWER)
    public SearchResult search(@QueryParam("q") String q, @QueryParam("k") String k, @QueryParam("mode") String mode,
            @QueryParam("document_id") String documentId, @QueryParam("owner_id") String ownerId, @QueryParam("tag") String tag,
            @QueryParam("type") String type, @QueryParam("visibility") String visibility) {
        if (q == null || q.isBlank()) {
            throw ProblemException.invalidField("q", "is required");
        }
        if (q.length() > MAX_QUERY) {
            throw ProblemException.invalidField("q", "must be at most " + MAX_QUERY + " characters");
        }
        String refusal = StorableText.refusal(q);
        if (refusal != null) {
            throw ProblemException.invalidField("q", refusal);
        }
        int max = config.search().maxK();
        Integer parsedK = QueryParams.parse("k", k, Integer::valueOf, "must be a whole number between 1 and " + max);
        if (parsedK != null && (parsedK < 1 || parsedK > max)) {
            throw ProblemException.invalidField("k", "must be a whole number between 1 and " + max);
        }
        SearchMode parsedMode = QueryParams.parse("mode", mode, SearchMode::parse, "must be one of hybrid, keyword, vector");
        Actor actor = Actor.of(identity);
        java.util.UUID owner = "me".equals(ownerId) ? actor.userId() : QueryParams.uuid("owner_id", ownerId);
        String t = DocumentRules.oneOf("type", blank(type), DocumentRules.TYPES);
        String v = DocumentRules.oneOf("visibility", blank(visibility), DocumentRules.VISIBILITIES);
        return search.search(actor, new SearchRequest(q.strip(), parsedK == null ? 10 : parsedK, parsedMode == null ? SearchMode.HYBRID : parsedMode,
                QueryParams.uuid("document_id", documentId), owner, DocumentRules.text("tag", tag, DocumentRules.MAX_TAG_LENGTH), t, v));
    }

    private static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
