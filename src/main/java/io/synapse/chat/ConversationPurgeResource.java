package io.synapse.chat;

import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.eclipse.microprofile.openapi.annotations.Operation;

import io.quarkus.security.identity.SecurityIdentity;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;

@Path("/api/admin/conversations")
@Tag(name = "chat")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
public class ConversationPurgeResource {

    @Inject
    ConversationService conversations;

    @Inject
    SecurityIdentity identity;

    /** Hard delete of any conversation (also soft-deleted ones) with its messages, citations and feedback. */
    @Operation(operationId = "purgeConversation", summary = "Purge a conversation with its messages (admin)")
    @DELETE
    @Path("/{id}")
    @RolesAllowed(Roles.ADMIN)
    @ResponseStatus(204)
    public void purge(@PathParam("id") UUID id) {
        conversations.purge(Actor.of(identity), id);
    }
}
