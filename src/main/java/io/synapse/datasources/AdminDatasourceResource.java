package io.synapse.datasources;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;

@Path("/api/admin/datasources")
@Tag(name = "datasources")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
public class AdminDatasourceResource {

    @Inject
    ReEncryption reEncryption;

    /** After a new key is made active: moves every stored connection secret to it. Idempotent. */
    @Operation(operationId = "reEncryptDatasourceSecrets", summary = "Re-encrypt connection secrets under the active key (key rotation)")
    @POST
    @Path("/re-encrypt")
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed(Roles.ADMIN)
    public ReEncryption.Result reEncrypt() {
        return reEncryption.run();
    }
}
