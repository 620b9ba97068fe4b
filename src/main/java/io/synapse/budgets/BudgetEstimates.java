package io.synapse.budgets;

import java.util.List;

import io.synapse.chat.provider.ChatTurn;

/** Token estimates made before a provider call, when only the text is known. */
public final class BudgetEstimates {

    private BudgetEstimates() {
    }

    /**
     * About four characters a token for English and Portuguese with OpenAI-style tokenizers, rounded
     * up, plus a few tokens of framing per turn. Conservative on purpose: an estimate only reserves,
     * the provider's own figures are what is charged.
     */
    public static int promptTokens(List<ChatTurn> turns) {
        long tokens = 0;
        for (ChatTurn turn : turns) {
            tokens += 4 + (turn.content() == null ? 0 : (turn.content().length() + 3) / 4);
        }
        return (int) Math.min(Integer.MAX_VALUE / 2, tokens);
    }

    /** Texts sent as they are (embedding inputs): the same four characters a token, at least one per text. */
    public static int textTokens(List<String> texts) {
        long tokens = 0;
        for (String text : texts) {
            tokens += Math.max(1, (text.length() + 3) / 4);
        }
        return (int) Math.min(Integer.MAX_VALUE / 2, tokens);
    }
}
