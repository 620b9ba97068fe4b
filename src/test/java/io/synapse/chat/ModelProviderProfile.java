package io.synapse.chat;

import java.util.Map;

import io.quarkus.test.junit.QuarkusTestProfile;

/** The app pointed at the fake provider, with a short timeout and prices for cost estimates. */
public class ModelProviderProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        return Map.of(
                "synapse.chat.provider.base-url", FakeModelProvider.baseUrl(),
                "synapse.chat.provider.api-key", "sk-test",
                "synapse.chat.provider.model", "fake-1",
                "synapse.chat.provider.timeout", "PT2S",
                "synapse.chat.provider.system-prompt", "Be brief.",
                "synapse.chat.provider.history-messages", "3",
                "synapse.chat.provider.prompt-cost-per-1k", "0.5",
                "synapse.chat.provider.completion-cost-per-1k", "1.5");
    }
}
