package io.synapse.knowledge.ingest;

/** The file cannot become text; the message is for the uploader (422 at upload, status_reason later). */
public class ExtractionFailure extends Exception {

    public ExtractionFailure(String message) {
        super(message, null, false, false);
    }
}
