package io.synapse.identity;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;

import io.quarkus.security.identity.SecurityIdentity;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;

@Path("/api/auth")
@Tag(name = "auth")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AuthResource {

    @Inject
    AuthService auth;

    @Inject
    SecurityIdentity identity;

    @Operation(operationId = "login", summary = "Log in with e-mail and password")
    @POST
    @Path("/login")
    @PermitAll
    public TokenResponse login(@Valid @NotNull LoginRequest request) {
        return auth.login(request);
    }

    @Operation(operationId = "refreshTokens", summary = "Trade a refresh token for a new token pair")
    @POST
    @Path("/refresh")
    @PermitAll
    public TokenResponse refresh(@Valid @NotNull RefreshRequest request) {
        return auth.refresh(request);
    }

    @Operation(operationId = "logout", summary = "End the current session")
    @APIResponse(responseCode = "204", description = "Done")
    @POST
    @Path("/logout")
    @RolesAllowed(Roles.VIEWER)
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(204)
    public void logout() {
        auth.logout(Actor.of(identity));
    }

    @Operation(operationId = "register", summary = "Register a viewer account (when enabled)")
    @APIResponseSchema(value = UserView.class, responseCode = "201", responseDescription = "Created")
    @POST
    @Path("/register")
    @PermitAll
    @ResponseStatus(201)
    public UserView register(@Valid @NotNull RegisterRequest request) {
        return auth.register(request);
    }
}
