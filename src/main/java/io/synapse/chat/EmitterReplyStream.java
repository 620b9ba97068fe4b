package io.synapse.chat;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.subscription.MultiEmitter;

/** Server-sent events with JSON data into the response's Multi; once the client has gone the subscription is cancelled. */
public final class EmitterReplyStream implements ReplyStream {

    private final MultiEmitter<? super OutboundSseEvent> emitter;
    private final Sse sse;
    private final ObjectMapper mapper;

    public EmitterReplyStream(MultiEmitter<? super OutboundSseEvent> emitter, Sse sse, ObjectMapper mapper) {
        this.emitter = emitter;
        this.sse = sse;
        this.mapper = mapper;
    }

    @Override
    public boolean send(String event, Object data) {
        if (emitter.isCancelled()) {
            return false;
        }
        try {
            emitter.emit(sse.newEventBuilder().name(event).mediaType(MediaType.TEXT_PLAIN_TYPE).data(mapper.writeValueAsString(data)).build());
            return !emitter.isCancelled();
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a " + event + " event", e);
        }
    }

    @Override
    public void close() {
        if (!emitter.isCancelled()) {
            emitter.complete();
        }
    }
}
