package io.synapse.business.imports;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;

import io.quarkus.security.identity.SecurityIdentity;
import io.synapse.common.error.ProblemException;
import io.synapse.common.input.StorableText;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;
import io.synapse.common.web.QueryParams;

/** CSV loads of estoque and faturamento (managers and admins) and the record of every attempt. */
@Path("/api/imports")
@Tag(name = "business")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
public class ImportResource {

    static final String CSV = "text/csv";

    @Inject
    ImportService imports;

    @Inject
    ImportQueries queries;

    @Inject
    SecurityIdentity identity;

    /** The body is the file (text/csv), read as it arrives. mode=append (default) or replace. */
    @Operation(operationId = "importCsv", summary = "Import a pipe-delimited CSV file into estoque or faturamento")
    @APIResponseSchema(value = DataImportView.class, responseCode = "201", responseDescription = "Created")
    @POST
    @Path("/{kind}")
    @Consumes({ CSV, MediaType.TEXT_PLAIN, MediaType.APPLICATION_OCTET_STREAM })
    @RolesAllowed(Roles.MANAGER)
    public RestResponse<DataImportView> upload(@PathParam("kind") String kind, @QueryParam("mode") String mode,
            @QueryParam("file_name") String fileName, InputStream body) {
        return created(imports.load(Actor.of(identity), kind(kind), replace(mode), fileName(fileName), body));
    }

    /** The same as a multipart form: the file in part "file", mode as a query parameter or a form field. */
    @APIResponseSchema(value = DataImportView.class, responseCode = "201", responseDescription = "Created")
    @POST
    @Path("/{kind}")
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.MANAGER)
    public RestResponse<DataImportView> uploadForm(@PathParam("kind") String kind, @QueryParam("mode") String mode,
            @RestForm("mode") String formMode, @RestForm("file") FileUpload file) {
        if (file == null) {
            throw ProblemException.invalidField("file", "a multipart part named 'file' is required");
        }
        ImportKind parsed = kind(kind);
        boolean replace = replace(mode != null ? mode : formMode);
        try (InputStream in = Files.newInputStream(file.uploadedFile())) {
            return created(imports.load(Actor.of(identity), parsed, replace, fileName(file.fileName()), in));
        } catch (IOException e) {
            throw ProblemException.badRequest("The uploaded file could not be read");
        }
    }

    /** Every attempt, newest first; filters kind, status, user_id. */
    @Operation(operationId = "listImports", summary = "List import attempts, newest first")
    @GET
    @RolesAllowed(Roles.MANAGER)
    public Page<DataImportView> list(@QueryParam("kind") String kind, @QueryParam("status") String status, @QueryParam("user_id") String userId,
            @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return queries.list(kind == null || kind.isBlank() ? null : kind(kind), QueryParams.parse("status", status, ImportQueries::status,
                "must be one of running, succeeded, rejected, duplicate, failed, replaced"), QueryParams.uuid("user_id", userId),
                PageRequest.of(limit, cursor));
    }

    @Operation(operationId = "getImport", summary = "Get one import attempt")
    @GET
    @Path("/{id: [0-9]+}")
    @RolesAllowed(Roles.MANAGER)
    public DataImportView get(@PathParam("id") long id) {
        return queries.get(id);
    }

    private static RestResponse<DataImportView> created(DataImportView view) {
        return RestResponse.ResponseBuilder.<DataImportView>created(URI.create("/api/imports/" + view.id())).entity(view).build();
    }

    private static ImportKind kind(String kind) {
        try {
            return ImportKind.parse(kind);
        } catch (IllegalArgumentException e) {
            throw ProblemException.notFound("import kind", kind);
        }
    }

    private static boolean replace(String mode) {
        if (mode == null || mode.isBlank() || mode.equals("append")) {
            return false;
        }
        if (mode.equals("replace")) {
            return true;
        }
        throw ProblemException.invalidField("mode", "must be append or replace");
    }

    private static String fileName(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        String refusal = StorableText.refusal(name);
        if (refusal != null) {
            throw ProblemException.invalidField("file", "its name " + refusal);
        }
        String base = name.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        return base.codePointCount(0, base.length()) > 255 ? base.substring(0, base.offsetByCodePoints(0, 255)) : base;
    }

}
