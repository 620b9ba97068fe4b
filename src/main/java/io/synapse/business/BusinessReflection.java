package io.synapse.business;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.synapse.business.analytics.AnalyticsView;
import io.synapse.business.analytics.FigureTable;
import io.synapse.business.imports.DataImportView;
import io.synapse.business.imports.ImportProblem;

/** Business types Jackson reaches reflectively in a native image: views in Page and audit JSON, problem lists, cached tables read back from Redis. */
@RegisterForReflection(targets = { ClienteView.class, EstoqueView.class, FaturamentoView.class, DataImportView.class, ImportProblem.class,
        AnalyticsView.class, FigureTable.class })
final class BusinessReflection {

    private BusinessReflection() {
    }
}
