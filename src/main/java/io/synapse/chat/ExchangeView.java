package io.synapse.chat;

import io.synapse.runs.RunView;

/** A generated exchange: the stored user message, the stored reply and the run that produced it. */
public record ExchangeView(MessageView userMessage, MessageView assistantMessage, RunView run) {
}
