package io.synapse.chat;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.security.identity.SecurityIdentity;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;

@Path("/api/messages")
@Tag(name = "chat")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class MessageResource {

    @Inject
    MessageService messages;

    @Inject
    FeedbackService feedback;

    @Inject
    SecurityIdentity identity;

    /** A message with its citations and the caller's feedback. */
    @Operation(operationId = "getMessage", summary = "Get a message with its citations and my feedback")
    @GET
    @Path("/{id}")
    public MessageView get(@PathParam("id") UUID id) {
        return messages.get(Actor.of(identity), id);
    }

    /** Rates an assistant message; one rating per user, a second replaces the first. */
    @Operation(operationId = "rateMessage", summary = "Rate an assistant message")
    @PUT
    @Path("/{id}/feedback")
    public FeedbackView rate(@PathParam("id") UUID id, @Valid @NotNull FeedbackInput input) {
        return feedback.put(Actor.of(identity), id, input);
    }

    @Operation(operationId = "withdrawFeedback", summary = "Withdraw my rating of a message")
    @DELETE
    @Path("/{id}/feedback")
    @ResponseStatus(204)
    public void withdraw(@PathParam("id") UUID id) {
        feedback.withdraw(Actor.of(identity), id);
    }
}
