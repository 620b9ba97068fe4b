package io.synapse.chat;

import java.util.List;

/** The fake provider's request log, for tests outside the chat package. */
public final class FakeModelProviderLog {

    private FakeModelProviderLog() {
    }

    /** How many /embeddings calls so far had an input containing the text. */
    public static long embeddingCallsContaining(String text) {
        return FakeModelProvider.received().stream().filter(r -> r.body().has("input") && r.body().path("input").toString().contains(text)).count();
    }

    /** The system prompt of the latest request whose system prompt contains the text. */
    public static String lastSystemPromptContaining(String text) {
        List<FakeModelProvider.Received> all = FakeModelProvider.received();
        for (int i = all.size() - 1; i >= 0; i--) {
            String system = all.get(i).body().path("messages").path(0).path("content").asText();
            if (system.contains(text)) {
                return system;
            }
        }
        throw new AssertionError("no request with a system prompt containing " + text);
    }
}
