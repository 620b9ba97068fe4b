package io.synapse.runs;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Runs types Jackson reaches only reflectively in a native image (nested in Page, audit JSON, SSE events). */
@RegisterForReflection(targets = { RunView.class, UsageReport.class, UsageReport.Row.class })
final class RunsReflection {

    private RunsReflection() {
    }
}
