package io.synapse.chat;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.synapse.common.config.SynapseConfig;
import io.synapse.identity.User;
import io.synapse.runs.Run;
import io.synapse.runs.RunStatus;

/**
 * A sample conversation for the demo viewer (local run only, like the demo users), so the chat
 * endpoints have something to show before a model provider is configured. Runs after the
 * bootstrap admin (higher priority value) and only once: never when the viewer has conversations.
 */
@ApplicationScoped
public class ChatDemoData {

    static final String DEMO_USER = "viewer@synapse.local";

    @Inject
    SynapseConfig config;

    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 600) StartupEvent event) {
        if (config.demoData()) {
            QuarkusTransaction.requiringNew().run(this::load);
        }
    }

    private void load() {
        User viewer = User.find("email", DEMO_USER).firstResult();
        if (viewer == null || Conversation.count("userId", viewer.id) > 0) {
            return;
        }
        Conversation conversation = new Conversation();
        conversation.userId = viewer.id;
        conversation.title = "Which states buy the most?";
        conversation.metadata = Map.of("demo", true);
        conversation.persist();
        Instant start = conversation.createdAt.plusMillis(1);
        Message question = message(conversation, MessageRole.USER, "Which states bought the most tonnage last quarter?", start);
        Message answer = message(conversation, MessageRole.ASSISTANT,
                "São Paulo led with 41% of the tonnage, followed by Minas Gerais (18%) and Paraná (12%) [1].", start.plusSeconds(3));
        answer.model = "demo-model";
        answer.tokensUsed = 182;
        answer.executionTimeMs = 2840;
        Citation citation = new Citation();
        citation.messageId = answer.id;
        citation.sourceIndex = 1;
        citation.inlineNumber = 1;
        citation.sourceName = "faturamento.csv";
        citation.snippet = "UF=SP, quantidade 41% of the quarter";
        citation.confidence = 0.92;
        citation.textStartIndex = 0;
        citation.textEndIndex = answer.content.length();
        citation.persist();
        Feedback feedback = new Feedback();
        feedback.id = UUID.randomUUID();
        feedback.messageId = answer.id;
        feedback.userId = viewer.id;
        feedback.rating = Rating.THUMBS_UP;
        feedback.createdAt = start.plusSeconds(30);
        feedback.updatedAt = feedback.createdAt;
        feedback.persist();
        Run run = new Run();
        run.userId = viewer.id;
        run.conversationId = conversation.id;
        run.messageId = question.id;
        run.agentType = AssistantReplies.AGENT_TYPE;
        run.model = "demo-model";
        run.status = RunStatus.COMPLETED;
        run.input = Map.of("user_message_id", question.id.toString());
        run.output = Map.of("assistant_message_id", answer.id.toString());
        run.promptTokens = 120;
        run.completionTokens = 62;
        run.totalTokens = 182;
        run.costEstimate = new BigDecimal("0.000165");
        run.latencyMs = 2840;
        run.startedAt = start;
        run.completedAt = start.plusMillis(2840);
        run.persist();
        User.update("tokenUsage = tokenUsage + 182 where id = ?1", viewer.id);
    }

    private static Message message(Conversation conversation, MessageRole role, String content, Instant at) {
        Message message = new Message();
        message.conversationId = conversation.id;
        message.role = role;
        message.content = content;
        message.createdAt = at;
        message.sequenceNumber = conversation.nextSequence(at);
        message.persist();
        return message;
    }
}
