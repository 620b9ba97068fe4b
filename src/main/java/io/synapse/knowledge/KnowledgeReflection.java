package io.synapse.knowledge;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.synapse.knowledge.supply.SupplyView;

/** Knowledge types Jackson reaches reflectively in a native image: views inside Page and audit JSON. */
@RegisterForReflection(targets = { SupplyView.class })
final class KnowledgeReflection {

    private KnowledgeReflection() {
    }
}
