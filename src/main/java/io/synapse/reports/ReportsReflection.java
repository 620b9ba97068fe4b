package io.synapse.reports;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Report types Jackson reaches reflectively in a native image (views in Page and in audit JSON). */
@RegisterForReflection(targets = { ReportView.class, DeliveryView.class, DeliveryResult.class, MyReportView.class, ScheduleView.class })
final class ReportsReflection {

    private ReportsReflection() {
    }
}
