package io.synapse.chat;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The app pointed at the fake provider, with a short timeout and prices for cost estimates. */
public class ModelProviderProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.ofEntries(
                Map.entry("synapse.chat.provider.base-url", FakeModelProvider.baseUrl()),
                Map.entry("synapse.chat.provider.api-key", "sk-test"),
                Map.entry("synapse.chat.provider.model", "fake-1"),
                Map.entry("synapse.chat.provider.timeout", "PT2S"),
                Map.entry("synapse.chat.provider.system-prompt", "Be brief."),
                Map.entry("synapse.chat.provider.history-messages", "3"),
                Map.entry("synapse.chat.provider.prompt-cost-per-1k", "0.5"),
                Map.entry("synapse.chat.provider.completion-cost-per-1k", "1.5"),
                // The same fake serves /embeddings: this profile also proves the configurable endpoint (and,
                // switching from the default profile's in-process model, that a model change re-indexes).
                Map.entry("synapse.knowledge.embeddings.provider", "openai"),
                Map.entry("synapse.knowledge.embeddings.base-url", FakeModelProvider.baseUrl()),
                Map.entry("synapse.knowledge.embeddings.api-key", "sk-embed"),
                Map.entry("synapse.knowledge.embeddings.model", "fake-embed-1536"),
                Map.entry("synapse.knowledge.embeddings.dimension", "1536"),
                Map.entry("synapse.knowledge.embeddings.timeout", "PT2S"),
                Map.entry("synapse.knowledge.embeddings.cost-per-1k", "0.02"),
                // One text per call, so that a call can fail after others went through (PaidEmbeddingBudgetTest).
                Map.entry("synapse.knowledge.embeddings.batch-size", "1"));
    }
}
