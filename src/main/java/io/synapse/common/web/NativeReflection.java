package io.synapse.common.web;

import io.quarkus.runtime.annotations.RegisterForReflection;
import io.synapse.common.error.FieldError;
import io.synapse.common.error.Problem;
import io.synapse.common.paging.Page;
import io.synapse.identity.ApiKeyView;
import io.synapse.identity.IssuedTokenView;
import io.synapse.identity.SessionView;
import io.synapse.identity.TokenResponse;
import io.synapse.identity.UserView;
import io.synapse.telemetry.AuditLogView;

/**
 * Types Jackson reaches only reflectively in a native image: problem bodies built in exception
 * mappers, views nested in the generic Page, and views turned into audit JSON by convertValue.
 * Quarkus REST registers plain return types itself; these it cannot see.
 */
@RegisterForReflection(targets = { Problem.class, FieldError.class, Page.class, UserView.class, SessionView.class, ApiKeyView.class,
        IssuedTokenView.class, TokenResponse.class, AuditLogView.class })
public final class NativeReflection {

    private NativeReflection() {
    }
}
