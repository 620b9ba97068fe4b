package io.synapse.chat;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.OutboundSseEvent;

import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;
import io.synapse.common.web.QueryParams;

/** The caller's conversations and their messages. Admins read anyone's; only owners change them. */
@Path("/api/conversations")
@Tag(name = "chat")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class ConversationResource {

    static final String MARKDOWN = "text/markdown";

    @Inject
    ConversationService conversations;

    @Inject
    MessageService messages;

    @Inject
    AssistantReplies replies;

    @Inject
    ConversationExporter exporter;

    @Inject
    ObjectMapper mapper;

    /** Relays streamed replies off the request thread, with the request's context (audit rows need it). */
    @Inject
    ManagedExecutor executor;

    @Inject
    SecurityIdentity identity;

    /** Most recently updated first; status active | archived; q matches the title. Admins may pass user_id. */
    @Operation(operationId = "listConversations", summary = "List my conversations, most recently updated first")
    @GET
    public Page<ConversationView> list(@QueryParam("status") String status, @QueryParam("q") String q, @QueryParam("user_id") String userId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        if (q != null && q.length() > 200) {
            throw ProblemException.invalidField("q", "must be at most 200 characters");
        }
        return conversations.list(Actor.of(identity), QueryParams.uuid("user_id", userId),
                QueryParams.parse("status", status, ConversationStatus::parse, "must be active or archived"), q, PageRequest.of(limit, cursor));
    }

    @Operation(operationId = "createConversation", summary = "Start a conversation")
    @APIResponseSchema(value = ConversationView.class, responseCode = "201", responseDescription = "Created")
    @POST
    public RestResponse<ConversationView> create(@Valid @NotNull ConversationCreate request) {
        ConversationView created = conversations.create(Actor.of(identity), request);
        return RestResponse.ResponseBuilder.<ConversationView>created(URI.create("/api/conversations/" + created.id())).entity(created).build();
    }

    @Operation(operationId = "getConversation", summary = "Get a conversation")
    @GET
    @Path("/{id}")
    public ConversationView get(@PathParam("id") UUID id) {
        return conversations.get(Actor.of(identity), id);
    }

    @Operation(operationId = "updateConversation", summary = "Change a conversation's title or metadata")
    @PATCH
    @Path("/{id}")
    public ConversationView update(@PathParam("id") UUID id, @Valid @NotNull ConversationUpdate request) {
        return conversations.update(Actor.of(identity), id, request);
    }

    @Operation(operationId = "archiveConversation", summary = "Archive a conversation")
    @POST
    @Path("/{id}/archive")
    @Consumes(MediaType.WILDCARD)
    public ConversationView archive(@PathParam("id") UUID id) {
        return conversations.archive(Actor.of(identity), id, true);
    }

    @Operation(operationId = "unarchiveConversation", summary = "Bring an archived conversation back")
    @POST
    @Path("/{id}/unarchive")
    @Consumes(MediaType.WILDCARD)
    public ConversationView unarchive(@PathParam("id") UUID id) {
        return conversations.archive(Actor.of(identity), id, false);
    }

    /** Soft delete: gone for the owner; an admin can still purge it. */
    @Operation(operationId = "deleteConversation", summary = "Delete a conversation (soft)")
    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    public void delete(@PathParam("id") UUID id) {
        conversations.delete(Actor.of(identity), id);
    }

    /** format=json (default) or markdown. */
    @Operation(operationId = "exportConversation", summary = "Export a conversation as JSON or Markdown")
    @GET
    @Path("/{id}/export")
    @Produces({ MediaType.APPLICATION_JSON, MARKDOWN })
    public Response export(@PathParam("id") UUID id, @QueryParam("format") String format) {
        String chosen = format == null || format.isBlank() ? "json" : format.trim();
        Actor actor = Actor.of(identity);
        return switch (chosen) {
            case "json" -> Response.ok(exporter.json(actor, id), MediaType.APPLICATION_JSON_TYPE)
                    .header("Content-Disposition", "attachment; filename=\"conversation-" + id + ".json\"").build();
            case "markdown" -> Response.ok(exporter.markdown(actor, id), MARKDOWN + ";charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"conversation-" + id + ".md\"").build();
            default -> throw ProblemException.invalidField("format", "must be json or markdown");
        };
    }

    /** Oldest first, keyset on sequence_number. */
    @Operation(operationId = "listMessages", summary = "List a conversation's messages, oldest first")
    @GET
    @Path("/{id}/messages")
    public Page<MessageView> messages(@PathParam("id") UUID id, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return messages.list(Actor.of(identity), id, PageRequest.of(limit, cursor));
    }

    /**
     * Appends a message (201 with the message). With "generate": true the backend also asks the
     * model for the reply and answers 201 with the exchange (user message, reply, run).
     */
    @Operation(operationId = "appendMessage", summary = "Append a message, or ask for a generated reply")
    @POST
    @Path("/{id}/messages")
    @APIResponse(responseCode = "201", description = "the message, or with generate: true the exchange",
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(oneOf = { MessageView.class, ExchangeView.class })))
    public RestResponse<Object> append(@PathParam("id") UUID id, @Valid @NotNull MessageCreate request) {
        Actor actor = Actor.of(identity);
        if (request.wantsReply()) {
            ExchangeView exchange = replies.generate(actor, id, request);
            return created(exchange.userMessage(), exchange);
        }
        MessageView message = messages.append(actor, id, request);
        return created(message, message);
    }

    /**
     * The same request with Accept: text/event-stream: the reply streams as start, token... and
     * done events. Failures before the provider answers are ordinary problem responses.
     */
    @POST
    @Path("/{id}/messages")
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @Blocking
    public Multi<OutboundSseEvent> appendStreaming(@PathParam("id") UUID id, @Valid @NotNull MessageCreate request, @Context Sse sse) {
        if (!request.wantsReply()) {
            throw ProblemException.badRequest("text/event-stream is for generated replies: send \"generate\": true, or ask for JSON");
        }
        AssistantReplies.Streaming streaming = replies.openStream(Actor.of(identity), id, request);
        return Multi.createFrom().<OutboundSseEvent>emitter(emitter -> executor.execute(() -> streaming.relay(new EmitterReplyStream(emitter, sse, mapper))));
    }

    private static RestResponse<Object> created(MessageView message, Object body) {
        return RestResponse.ResponseBuilder.<Object>created(URI.create("/api/messages/" + message.id())).entity(body).build();
    }
}
