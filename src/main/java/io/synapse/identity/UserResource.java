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
import jakarta.ws.rs.PATCH;
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

import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Role;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;
import io.synapse.common.web.QueryParams;

@Path("/api/users")
@Tag(name = "users")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class UserResource {

    @Inject
    UserService users;

    @Operation(operationId = "listUsers", summary = "List users (admin)")
    @GET
    public Page<UserView> list(@QueryParam("role") String role, @QueryParam("status") String status, @QueryParam("q") String q,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        UserService.Filter filter = new UserService.Filter(
                QueryParams.parse("role", role, Role::parse, "must be one of viewer, rep, manager, admin"),
                QueryParams.parse("status", status, UserStatus::parse, "must be active or suspended"),
                QueryParams.parse("q", q, value -> {
                    if (value.length() > 200) {
                        throw new IllegalArgumentException();
                    }
                    return value;
                }, "must be at most 200 characters"));
        return users.list(filter, PageRequest.of(limit, cursor));
    }

    @Operation(operationId = "createUser", summary = "Create a user (admin)")
    @APIResponseSchema(value = UserView.class, responseCode = "201", responseDescription = "Created")
    @POST
    public RestResponse<UserView> create(@Valid @NotNull UserCreate request) {
        UserView created = users.create(request);
        return RestResponse.ResponseBuilder.<UserView>created(URI.create("/api/users/" + created.id())).entity(created).build();
    }

    @Operation(operationId = "getUser", summary = "Get a user (admin)")
    @GET
    @Path("/{id}")
    public UserView get(@PathParam("id") UUID id) {
        return users.get(id);
    }

    @Operation(operationId = "updateUser", summary = "Change a user's profile, role or status (admin)")
    @PATCH
    @Path("/{id}")
    public UserView update(@PathParam("id") UUID id, @Valid @NotNull UserUpdate request) {
        return users.update(id, request);
    }

    @Operation(operationId = "deleteUser", summary = "Delete a user (admin)")
    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    public void delete(@PathParam("id") UUID id) {
        users.delete(id);
    }
}
