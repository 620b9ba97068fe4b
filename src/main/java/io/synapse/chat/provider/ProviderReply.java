package io.synapse.chat.provider;

/** What the provider answered; cancelled means the listener stopped the stream (its client left). */
public record ProviderReply(String content, String model, Integer promptTokens, Integer completionTokens, Integer totalTokens,
        String finishReason, boolean cancelled) {
}
