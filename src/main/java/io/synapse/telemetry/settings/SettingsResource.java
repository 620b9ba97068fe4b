package io.synapse.telemetry.settings;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

import io.quarkus.security.identity.SecurityIdentity;
import io.synapse.common.paging.Page;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;

/** Seed 003's system_config as typed settings (README: System configuration). */
@Path("/api/admin/config")
@Tag(name = "admin")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Roles.ADMIN)
public class SettingsResource {

    @Inject
    SettingCatalog catalog;

    @Inject
    SettingsService service;

    @Inject
    SecurityIdentity identity;

    /** Every setting (a short, fixed list: one page, next_cursor always null). */
    @Operation(operationId = "listSettings", summary = "List the run-time settings with their current values (admin)")
    @GET
    public Page<SettingView> list() {
        return new Page<>(catalog.all().stream().map(s -> service.view(s.key())).toList(), null);
    }

    @Operation(operationId = "getSetting", summary = "Get one run-time setting (admin)")
    @GET
    @Path("/{key}")
    public SettingView get(@PathParam("key") String key) {
        return service.view(key);
    }

    @Operation(operationId = "updateSetting", summary = "Change a setting on every replica within seconds (admin, audited)")
    @PUT
    @Path("/{key}")
    @Consumes(MediaType.APPLICATION_JSON)
    public SettingView update(@PathParam("key") String key, SettingUpdate update) {
        return service.update(Actor.of(identity), key, update);
    }

    @Operation(operationId = "resetSetting", summary = "Return a setting to its default (admin, audited)")
    @DELETE
    @Path("/{key}")
    public SettingView reset(@PathParam("key") String key) {
        return service.reset(Actor.of(identity), key);
    }
}
