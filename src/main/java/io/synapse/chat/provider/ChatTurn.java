package io.synapse.chat.provider;

/** One message as the provider's chat-completions API takes it. */
public record ChatTurn(String role, String content) {
}
