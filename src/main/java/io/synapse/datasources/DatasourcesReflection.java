package io.synapse.datasources;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.synapse.datasources.analytics.QueryUsageReport;
import io.synapse.datasources.ask.AskRequest;
import io.synapse.datasources.ask.AskView;
import io.synapse.datasources.exec.Column;
import io.synapse.datasources.introspect.TableView;
import io.synapse.datasources.templates.ParameterType;
import io.synapse.datasources.templates.TemplateParameter;
import io.synapse.datasources.templates.TemplateView;

/**
 * What Jackson reaches reflectively in a native image: views inside Page, audit JSON, the
 * template parameters Hibernate reads from jsonb, SSE event payloads. The driver's side is
 * {@link io.synapse.datasources.exec.MariaDbNative}.
 */
@RegisterForReflection(targets = { ConnectionView.class, ConnectionCheck.class, ConnectionService.SchemaRefresh.class, ReEncryption.Result.class,
        TableView.class, TemplateView.class, TemplateParameter.class, ParameterType.class, QueryUsageReport.class, QueryUsageReport.Row.class,
        AskRequest.class, AskView.class, Column.class, Engine.class })
final class DatasourcesReflection {

    private DatasourcesReflection() {
    }
}
