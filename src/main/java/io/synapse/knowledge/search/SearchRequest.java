package io.synapse.knowledge.search;

import java.util.UUID;

/** What to look for, how many, and the filters on top of what the caller may read. */
public record SearchRequest(String q, int k, SearchMode mode, UUID documentId, UUID ownerId, String tag, String type, String visibility) {
}
