package io.synapse.identity.oidc;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;

import io.synapse.identity.TokenResponse;

/** Sign-in through OAuth 2 / OpenID Connect providers (README: Single sign-on). */
@Path("/api/auth/oauth")
@Tag(name = "auth")
@PermitAll
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OAuthResource {

    @Inject
    OAuthSignIn signIn;

    @Context
    UriInfo uri;

    @Inject
    SecurityIdentity identity;

    @Operation(operationId = "listSignInProviders", summary = "The sign-in providers this server offers")
    @GET
    @Path("/providers")
    public List<ProviderView> providers() {
        return signIn.providers(uri.getBaseUri());
    }

    @Operation(operationId = "authorizeSignIn", summary = "Start a sign-in: redirects the browser to the provider")
    @APIResponse(responseCode = "302", description = "To the provider's authorization endpoint")
    @GET
    @Path("/{provider}/authorize")
    public Response authorize(@PathParam("provider") @Size(max = 50) String provider,
            @QueryParam("redirect_uri") @Size(max = 2000) String redirectUri,
            @QueryParam("code_challenge") @Size(max = 128) String codeChallenge,
            @QueryParam("code_challenge_method") @Size(max = 10) String codeChallengeMethod) {
        return found(signIn.authorize(provider, redirectUri, codeChallenge, codeChallengeMethod, uri.getBaseUri()));
    }

    @Operation(operationId = "signInCallback", summary = "Where the provider sends the browser back: redirects to the frontend with a one-time code or an error")
    @APIResponse(responseCode = "302", description = "To the frontend, with ?code=…&provider=… or ?error=…")
    @GET
    @Path("/{provider}/callback")
    public Response callback(@PathParam("provider") @Size(max = 50) String provider,
            @QueryParam("code") @Size(max = 4096) String code,
            @QueryParam("state") @Size(max = 128) String state,
            @QueryParam("error") @Size(max = 200) String error) {
        return found(signIn.callback(provider, code, state, error, uri.getBaseUri()));
    }

    @Operation(operationId = "completeSignIn", summary = "Trade the sign-in's one-time code and PKCE verifier for tokens")
    @POST
    @Path("/token")
    public TokenResponse token(@Valid @NotNull HandoffRequest request) {
        return signIn.handoff(request.code(), request.codeVerifier());
    }

    @Operation(operationId = "exchangeProviderToken", summary = "A trusted service trades a provider's ID or access token for tokens")
    @SecurityRequirement(name = OpenApiDefinition.JWT)
    @POST
    @Path("/{provider}/token-exchange")
    @RolesAllowed(Roles.VIEWER)
    public TokenResponse exchange(@PathParam("provider") @Size(max = 50) String provider, @Valid @NotNull TokenExchangeRequest request) {
        return signIn.tokenExchange(Actor.of(identity), provider, request.subjectToken());
    }

    private static Response found(java.net.URI location) {
        // 302 with no-store: the answer carries a one-time state or code that no cache may keep.
        return Response.status(Response.Status.FOUND).location(location).header("Cache-Control", "no-store").build();
    }
}
