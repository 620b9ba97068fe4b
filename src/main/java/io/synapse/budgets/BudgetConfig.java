package io.synapse.budgets;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

@ConfigMapping(prefix = "synapse.budgets")
public interface BudgetConfig {

    /**
     * Tokens a reply is assumed to take when its budget is checked, before the provider says: the
     * reservation is the prompt's estimate plus this. Replies longer than this can pass a budget by
     * the difference, once.
     */
    @WithDefault("1024")
    @jakarta.validation.constraints.Min(1)
    @jakarta.validation.constraints.Max(1_000_000)
    int completionTokens();
}
