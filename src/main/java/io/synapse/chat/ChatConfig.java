package io.synapse.chat;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.Optional;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.smallrye.config.WithName;

/** synapse.chat.*: the OpenAI-compatible model provider behind generated replies. */
@ConfigMapping(prefix = "synapse.chat")
public interface ChatConfig {

    Provider provider();

    /**
     * How often reply runs left processing by a replica that died are failed ("off" to disable).
     * A run counts as stuck one minute after the provider timeout.
     */
    @WithDefault("1m")
    String stuckSweepEvery();

    interface Provider {

        /** e.g. https://api.openai.com/v1 (".../chat/completions" is appended). Unset: generating answers 503. */
        Optional<String> baseUrl();

        /** Sent as "Authorization: Bearer ..."; optional for local servers that need none. */
        Optional<String> apiKey();

        @WithDefault("gpt-4o-mini")
        String model();

        /** The whole reply must arrive within this time, streamed or not. */
        @WithDefault("PT60S")
        Duration timeout();

        /** How many earlier messages of the conversation go with the request as context. */
        @WithDefault("20")
        int historyMessages();

        /** Prepended as a system message when set. */
        Optional<String> systemPrompt();

        /** Prices per 1,000 tokens for runs' cost_estimate; unset means no estimate. */
        @WithName("prompt-cost-per-1k")
        Optional<BigDecimal> promptCostPer1k();

        @WithName("completion-cost-per-1k")
        Optional<BigDecimal> completionCostPer1k();
    }
}
