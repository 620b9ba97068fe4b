package io.synapse.telemetry.ingest;

/** What a batch did: every item received was valid; inserted are new, duplicates were stored before (a retry). */
public record IngestResult(int received, int inserted, int duplicates) {

    static IngestResult of(int received, int inserted) {
        return new IngestResult(received, inserted, received - inserted);
    }
}
