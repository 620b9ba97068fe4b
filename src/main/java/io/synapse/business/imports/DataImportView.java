package io.synapse.business.imports;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

public record DataImportView(Long id, String kind, String mode, String status, String fileName, String sha256, Long bytes, Integer rowsTotal,
        Integer rowsLoaded, Integer rowsRejected, Integer clientsCreated, List<ImportProblem> problems, String errorMessage, UUID userId,
        Instant startedAt, Instant finishedAt, Integer durationMs) {

    public static DataImportView of(DataImport i) {
        return new DataImportView(i.id, i.kind, i.mode, i.status, i.fileName, i.sha256, i.bytes, i.rowsTotal, i.rowsLoaded, i.rowsRejected,
                i.clientsCreated, i.problems, i.errorMessage, i.userId, i.startedAt, i.finishedAt, i.durationMs);
    }
}
