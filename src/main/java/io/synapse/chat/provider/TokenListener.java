package io.synapse.chat.provider;

/** Receives streamed text as it arrives; returns false to stop the stream (the client went away). */
@FunctionalInterface
public interface TokenListener {

    boolean onToken(String delta);
}
