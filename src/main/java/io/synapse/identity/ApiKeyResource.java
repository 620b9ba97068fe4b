package io.synapse.identity;

import java.net.URI;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestResponse;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import io.quarkus.security.identity.SecurityIdentity;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;
import io.synapse.common.web.QueryParams;

@Path("/api/api-keys")
@Tag(name = "api-keys")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.VIEWER)
public class ApiKeyResource {

    @Inject
    ApiKeyService keys;

    @Inject
    SecurityIdentity identity;

    /** Own keys; admins may pass user_id to see another user's. Revoked keys only with include_revoked=true. */
    @Operation(operationId = "listApiKeys", summary = "List my API keys")
    @GET
    public Page<ApiKeyView> list(@QueryParam("user_id") String userId, @QueryParam("include_revoked") String includeRevoked,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        Boolean revoked = QueryParams.bool("include_revoked", includeRevoked);
        return keys.list(Actor.of(identity), QueryParams.uuid("user_id", userId), Boolean.TRUE.equals(revoked), PageRequest.of(limit, cursor));
    }

    /** The response's {@code key} is the only time the secret is ever shown. */
    @Operation(operationId = "createApiKey", summary = "Create an API key (the secret is shown once)")
    @APIResponseSchema(value = ApiKeyView.class, responseCode = "201", responseDescription = "Created")
    @POST
    public RestResponse<ApiKeyView> create(@Valid @NotNull ApiKeyCreate request) {
        ApiKeyView created = keys.create(Actor.of(identity), request);
        return RestResponse.ResponseBuilder.<ApiKeyView>created(URI.create("/api/api-keys/" + created.id())).entity(created).build();
    }

    @Operation(operationId = "revokeApiKey", summary = "Revoke an API key")
    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    public void revoke(@PathParam("id") UUID id) {
        keys.revoke(Actor.of(identity), id);
    }
}
