package io.synapse.chat;

import java.util.concurrent.TimeUnit;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/** A reply streamed as server-sent events with JSON data; a failed or refused write means the client left. */
final class SseReplyStream implements ReplyStream {

    private static final long WRITE_TIMEOUT_SECONDS = 10;

    private final SseEventSink sink;
    private final Sse sse;
    private final ObjectMapper mapper;
    private volatile boolean gone;

    SseReplyStream(SseEventSink sink, Sse sse, ObjectMapper mapper) {
        this.sink = sink;
        this.sse = sse;
        this.mapper = mapper;
    }

    @Override
    public boolean send(String event, Object data) {
        if (gone || sink.isClosed()) {
            gone = true;
            return false;
        }
        try {
            String json = mapper.writeValueAsString(data);
            sink.send(sse.newEventBuilder().name(event).mediaType(MediaType.TEXT_PLAIN_TYPE).data(json).build())
                    .toCompletableFuture().get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return true;
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot serialise a " + event + " event", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            gone = true;
            return false;
        } catch (Exception e) {
            gone = true;
            return false;
        }
    }

    @Override
    public void close() {
        if (!sink.isClosed()) {
            sink.close();
        }
    }
}
