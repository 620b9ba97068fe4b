package io.synapse.identity.oidc;

import io.quarkus.runtime.annotations.RegisterForReflection;

/** Sign-in types Jackson reaches only reflectively in a native image (list elements). */
@RegisterForReflection(targets = { ProviderView.class })
final class OidcReflection {

    private OidcReflection() {
    }
}
