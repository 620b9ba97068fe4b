package io.synapse.chat;

/** Where a streamed reply goes (the SSE connection); send answers false once the client has gone. */
public interface ReplyStream {

    boolean send(String event, Object data);

    void close();
}
