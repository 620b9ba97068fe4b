package io.synapse.knowledge.documents;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.synapse.common.config.SynapseConfig;
import io.synapse.identity.User;

/**
 * The local run's demo knowledge base: three short guides to Synapse itself, owned by the bootstrap
 * admin and shared with everyone, queued for the indexer like any upload. A newcomer can search
 * at once, and ask grounded questions once a model provider is configured. Created once.
 */
@ApplicationScoped
public class KnowledgeDemoData {

    static final String DEMO = "demo";

    private static final Map<String, String> GUIDES = Map.of(
            "Importing business data", """
                    # Importing business data

                    Managers load stock (estoque) and sales (faturamento) from the BI app's pipe-delimited CSV files with
                    POST /api/imports/estoque or /api/imports/faturamento. A file is checked whole before anything is loaded:
                    a bad line rejects the file with its line and column, and the same file twice is refused unless mode=replace.

                    ## After an import

                    The analytics endpoints answer from the new rows at once: their cache is keyed by the data's version.
                    """,
            "Report delivery", """
                    # Report delivery

                    A report is written in Markdown or sanitised HTML and delivered by e-mail to the users it names.
                    Failed e-mails are retried with a doubling back-off, five attempts by default, and every delivery has a status.

                    ## Schedules

                    A schedule delivers a report on a cron expression; with several replicas, each firing runs exactly once.
                    """,
            "Asking your database", """
                    # Asking your database

                    Register a database with a read-only login, test it, and ask questions in plain words: the model writes one
                    SELECT, a guard checks it, and it runs in a read-only transaction that is always rolled back.

                    ## Templates

                    Saved queries with typed parameters can be shared with a role and run without writing SQL.
                    """);

    @Inject
    SynapseConfig config;

    @Inject
    DocumentIndexer indexer;

    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 850) StartupEvent event) {
        if (!config.demoData()) {
            return;
        }
        String adminEmail = config.admin().email().orElse("admin@synapse.local");
        boolean created = QuarkusTransaction.requiringNew().call(() -> {
            User admin = User.<User>find("email", adminEmail).firstResult();
            if (admin == null || Document.count("userId = ?1 and type = 'document' and title in ?2", admin.id, List.copyOf(GUIDES.keySet())) > 0) {
                return false;
            }
            for (Map.Entry<String, String> guide : GUIDES.entrySet()) {
                byte[] bytes = guide.getValue().getBytes(StandardCharsets.UTF_8);
                Document d = new Document();
                d.userId = admin.id;
                d.title = guide.getKey();
                d.mimeType = "text/markdown";
                d.fileSize = bytes.length;
                d.contentHash = DocumentService.sha256(bytes);
                d.visibility = "everyone";
                d.tags = new String[] { DEMO, "synapse" };
                d.metadata = new HashMap<>(Map.of(DEMO, true));
                d.persist();
                DocumentFile file = new DocumentFile();
                file.documentId = d.id;
                file.bytes = bytes;
                file.persist();
            }
            return true;
        });
        if (created) {
            indexer.wake();
        }
    }
}
