package io.synapse.business.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.interceptor.Interceptor;

import org.jboss.logging.Logger;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.StartupEvent;
import io.synapse.business.Estoque;
import io.synapse.business.Faturamento;
import io.synapse.business.imports.ImportKind;
import io.synapse.business.imports.ImportService;
import io.synapse.common.config.SynapseConfig;
import io.synapse.common.error.ProblemException;

/**
 * The local run's business data: the seed-sized sample files, loaded through the import service
 * (so data_imports shows them) when the tables are empty. The file hash makes a second replica's
 * attempt a harmless 409.
 */
@ApplicationScoped
public class BusinessDemoData {

    private static final Logger LOG = Logger.getLogger(BusinessDemoData.class);

    @Inject
    SynapseConfig config;

    @Inject
    ImportService imports;

    void onStart(@Observes @Priority(Interceptor.Priority.APPLICATION + 700) StartupEvent event) {
        if (!config.demoData()) {
            return;
        }
        if (QuarkusTransaction.requiringNew().call(() -> Estoque.count() == 0)) {
            load(ImportKind.ESTOQUE, "estoque-sample.csv");
        }
        if (QuarkusTransaction.requiringNew().call(() -> Faturamento.count() == 0)) {
            load(ImportKind.FATURAMENTO, "faturamento-sample.csv");
        }
    }

    private void load(ImportKind kind, String name) {
        try {
            Path file = Files.createTempFile("synapse-", "-" + name);
            try {
                try (var out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                    if (kind == ImportKind.ESTOQUE) {
                        SampleData.writeEstoque(out, SampleData.ESTOQUE_ROWS, 1);
                    } else {
                        SampleData.writeFaturamento(out, SampleData.FATURAMENTO_ROWS, 1);
                    }
                }
                try (InputStream in = Files.newInputStream(file)) {
                    var done = imports.load(null, kind, false, name, in);
                    LOG.infof("Demo data: %d %s rows loaded (import %d)", done.rowsLoaded(), kind.table(), done.id());
                }
            } finally {
                Files.deleteIfExists(file);
            }
        } catch (ProblemException e) {
            LOG.infof("Demo %s data not loaded: %s", kind.table(), e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

}
