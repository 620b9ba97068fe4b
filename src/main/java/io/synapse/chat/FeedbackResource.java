package io.synapse.chat;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;
import io.synapse.common.web.QueryParams;

@Path("/api/feedback")
@Tag(name = "chat")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
public class FeedbackResource {

    @Inject
    FeedbackService feedback;

    /** Everyone's feedback for managers: filters rating, user_id, model, from (inclusive), to (exclusive); counts over all matches. */
    @Operation(operationId = "listFeedback", summary = "List everyone's feedback with counts (managers)")
    @GET
    @RolesAllowed(Roles.MANAGER)
    public FeedbackPage list(@QueryParam("rating") String rating, @QueryParam("user_id") String userId, @QueryParam("model") String model,
            @QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        if (model != null && model.length() > 100) {
            throw ProblemException.invalidField("model", "must be at most 100 characters");
        }
        FeedbackService.Filter filter = new FeedbackService.Filter(
                QueryParams.parse("rating", rating, Rating::parse, "must be thumbs_up or thumbs_down"), QueryParams.uuid("user_id", userId),
                model == null || model.isBlank() ? null : model.trim(), QueryParams.instant("from", from), QueryParams.instant("to", to));
        return feedback.list(filter, PageRequest.of(limit, cursor));
    }
}
