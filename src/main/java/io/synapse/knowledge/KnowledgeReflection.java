package io.synapse.knowledge;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.synapse.knowledge.documents.ChunkView;
import io.synapse.knowledge.documents.DocumentView;
import io.synapse.knowledge.search.SearchHit;
import io.synapse.knowledge.search.SearchResult;
import io.synapse.knowledge.supply.SupplyView;

/** Knowledge types Jackson reaches reflectively in a native image: views inside Page, RestResponse and audit JSON. */
@RegisterForReflection(targets = { SupplyView.class, DocumentView.class, ChunkView.class, SearchResult.class, SearchHit.class })
final class KnowledgeReflection {

    private KnowledgeReflection() {
    }
}
