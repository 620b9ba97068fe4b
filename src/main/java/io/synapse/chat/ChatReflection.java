package io.synapse.chat;

import io.quarkus.runtime.annotations.RegisterForReflection;

/**
 * Chat types Jackson reaches only reflectively in a native image: views nested in Page and in
 * other views, views turned into audit JSON, and streamed event bodies serialised by hand.
 */
@RegisterForReflection(targets = { ConversationView.class, MessageView.class, CitationView.class, FeedbackView.class, FeedbackPage.class,
        FeedbackPage.Counts.class, ExchangeView.class, ConversationExport.class })
final class ChatReflection {

    private ChatReflection() {
    }
}
