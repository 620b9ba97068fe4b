package io.synapse.budgets;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Budget types Jackson reaches only reflectively in a native image (nested in Page, lists, problem bodies and audit JSON). */
@RegisterForReflection(targets = { BudgetView.class, BudgetStatus.class })
final class BudgetsReflection {

    private BudgetsReflection() {
    }
}
