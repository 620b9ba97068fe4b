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

@Path("/api/admin/tokens")
@Tag(name = "admin-tokens")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class AdminTokenResource {

    @Inject
    IssuedTokenService tokens;

    @Inject
    SecurityIdentity identity;

    @Operation(operationId = "issueToken", summary = "Issue a role-scoped token for a user or a service (admin)")
    @APIResponseSchema(value = IssuedTokenView.class, responseCode = "201", responseDescription = "Created")
    @POST
    public RestResponse<IssuedTokenView> issue(@Valid @NotNull IssueTokenRequest request) {
        IssuedTokenView issued = tokens.issue(Actor.of(identity), request);
        return RestResponse.ResponseBuilder.<IssuedTokenView>created(URI.create("/api/admin/tokens/" + issued.jti())).entity(issued).build();
    }

    @Operation(operationId = "listIssuedTokens", summary = "List issued tokens (admin)")
    @GET
    public Page<IssuedTokenView> list(@QueryParam("user_id") String userId, @QueryParam("service_name") String serviceName,
            @QueryParam("active") String active, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return tokens.list(new IssuedTokenService.Filter(QueryParams.uuid("user_id", userId), serviceName, QueryParams.bool("active", active)),
                PageRequest.of(limit, cursor));
    }

    @Operation(operationId = "revokeIssuedToken", summary = "Revoke an issued token (admin)")
    @DELETE
    @Path("/{jti}")
    @ResponseStatus(204)
    public void revoke(@PathParam("jti") UUID jti) {
        tokens.revoke(Actor.of(identity), jti);
    }
}
