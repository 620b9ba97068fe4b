package io.synapse.knowledge.documents;

import java.util.List;
import java.util.Map;

/**
 * What an uploader says about a document besides its bytes (multipart fields or query
 * parameters); every field optional. replace: the same bytes already uploaded are updated with
 * these settings and indexed again instead of answering 409.
 */
public record DocumentSettings(String title, String type, String sourceUri, String fileName, String visibility, String sharedWithRole,
        List<String> tags, Map<String, Object> metadata, String language, boolean replace) {
}
