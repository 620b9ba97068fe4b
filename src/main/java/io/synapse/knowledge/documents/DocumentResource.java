package io.synapse.knowledge.documents;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.ResponseStatus;
import org.jboss.resteasy.reactive.RestForm;
import org.jboss.resteasy.reactive.RestResponse;
import org.jboss.resteasy.reactive.multipart.FileUpload;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.security.identity.SecurityIdentity;
import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Roles;
import io.synapse.common.web.OpenApiDefinition;
import io.synapse.common.web.QueryParams;
import io.synapse.knowledge.KnowledgeConfig;
import io.synapse.knowledge.ingest.MediaTypes;

/**
 * The knowledge base's documents. Uploads answer 202: the document is stored as pending and
 * indexed in the background; poll GET /{id} until status is ready or failed.
 */
@Path("/api/knowledge/documents")
@Tag(name = "knowledge")
@SecurityRequirement(name = OpenApiDefinition.JWT)
@SecurityRequirement(name = OpenApiDefinition.API_KEY)
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class DocumentResource {

    private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {
    };

    @Inject
    DocumentService documents;

    @Inject
    KnowledgeConfig config;

    @Inject
    SecurityIdentity identity;

    @Inject
    ObjectMapper mapper;

    /** The body is the file; its Content-Type says the format. Settings are query parameters (tags comma-separated). */
    @Operation(operationId = "uploadDocument", summary = "Upload a document (text, Markdown, HTML or PDF) to be indexed")
    @APIResponseSchema(value = DocumentView.class, responseCode = "202", responseDescription = "Accepted: stored, indexing in the background")
    @POST
    @Consumes({ MediaTypes.TEXT, MediaTypes.MARKDOWN, MediaTypes.HTML, MediaTypes.PDF, "text/x-markdown", MediaType.APPLICATION_OCTET_STREAM })
    @RolesAllowed(Roles.VIEWER)
    public RestResponse<DocumentView> upload(@HeaderParam("Content-Type") String contentType, @QueryParam("title") String title,
            @QueryParam("type") String type, @QueryParam("source_uri") String sourceUri, @QueryParam("file_name") String fileName,
            @QueryParam("visibility") String visibility, @QueryParam("shared_with_role") String sharedWithRole, @QueryParam("tags") String tags,
            @QueryParam("language") String language, @QueryParam("replace") String replace, InputStream body) {
        DocumentSettings settings = new DocumentSettings(title, type, sourceUri, fileName, visibility, sharedWithRole, tags(tags), null, language,
                bool("replace", replace));
        return answer(documents.upload(Actor.of(identity), settings, contentType, read(body)));
    }

    /** The same as a multipart form: the file in part "file", the settings as form fields (metadata as a JSON object). */
    @APIResponseSchema(value = DocumentView.class, responseCode = "202", responseDescription = "Accepted: stored, indexing in the background")
    @POST
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @RolesAllowed(Roles.VIEWER)
    public RestResponse<DocumentView> uploadForm(@RestForm("file") FileUpload file, @RestForm("title") String title, @RestForm("type") String type,
            @RestForm("source_uri") String sourceUri, @RestForm("visibility") String visibility, @RestForm("shared_with_role") String sharedWithRole,
            @RestForm("tags") String tags, @RestForm("metadata") String metadata, @RestForm("language") String language,
            @RestForm("replace") String replace) {
        if (file == null || file.uploadedFile() == null) {
            throw ProblemException.invalidField("file", "a multipart part named 'file' is required");
        }
        if (file.size() > config.upload().maxSize().asLongValue()) {
            throw ProblemException.unprocessable("file", "is " + file.size() + " bytes; the limit is " + config.upload().maxSize().asLongValue());
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file.uploadedFile());
        } catch (IOException e) {
            throw ProblemException.badRequest("The uploaded file could not be read");
        }
        DocumentSettings settings = new DocumentSettings(title, type, sourceUri, file.fileName(), visibility, sharedWithRole, tags(tags),
                metadata(metadata), language, bool("replace", replace));
        return answer(documents.upload(Actor.of(identity), settings, file.contentType(), bytes));
    }

    /** Newest first: the caller's own documents and those shared with them (admins: every document). */
    @Operation(operationId = "listDocuments", summary = "List documents the caller may read")
    @GET
    @RolesAllowed(Roles.VIEWER)
    public Page<DocumentView> list(@QueryParam("status") String status, @QueryParam("type") String type, @QueryParam("tag") String tag,
            @QueryParam("visibility") String visibility, @QueryParam("owner_id") String ownerId, @QueryParam("limit") String limit,
            @QueryParam("cursor") String cursor) {
        Actor actor = Actor.of(identity);
        return documents.list(actor, filter(actor, status, type, tag, visibility, ownerId), PageRequest.of(limit, cursor));
    }

    @Operation(operationId = "getDocument", summary = "Get a document and its indexing status")
    @GET
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public DocumentView get(@PathParam("id") UUID id) {
        return documents.get(Actor.of(identity), id);
    }

    @Operation(operationId = "getDocumentContent", summary = "The document's extracted text, which chunk offsets point into")
    @GET
    @Path("/{id}/content")
    @Produces(MediaType.TEXT_PLAIN + ";charset=UTF-8")
    @RolesAllowed(Roles.VIEWER)
    public String content(@PathParam("id") UUID id) {
        return documents.content(Actor.of(identity), id);
    }

    @Operation(operationId = "listDocumentChunks", summary = "The document's chunks, in order")
    @GET
    @Path("/{id}/chunks")
    @RolesAllowed(Roles.VIEWER)
    public Page<ChunkView> chunks(@PathParam("id") UUID id, @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
        return documents.chunks(Actor.of(identity), id, PageRequest.of(limit, cursor));
    }

    @Operation(operationId = "updateDocument", summary = "Change a document's settings (owner or admin)")
    @PATCH
    @Path("/{id}")
    @RolesAllowed(Roles.VIEWER)
    public DocumentView update(@PathParam("id") UUID id, @Valid @NotNull DocumentUpdate update) {
        return documents.update(Actor.of(identity), id, update);
    }

    @Operation(operationId = "reindexDocument", summary = "Index a document again (owner or admin)")
    @APIResponseSchema(value = DocumentView.class, responseCode = "202", responseDescription = "Accepted")
    @POST
    @Path("/{id}/reindex")
    @Consumes(MediaType.WILDCARD)
    @ResponseStatus(202)
    @RolesAllowed(Roles.VIEWER)
    public DocumentView reindex(@PathParam("id") UUID id) {
        return documents.reindex(Actor.of(identity), id);
    }

    @Operation(operationId = "deleteDocument", summary = "Delete a document and its chunks (owner or admin)")
    @DELETE
    @Path("/{id}")
    @ResponseStatus(204)
    @RolesAllowed(Roles.VIEWER)
    public void delete(@PathParam("id") UUID id) {
        documents.delete(Actor.of(identity), id);
    }

    private static RestResponse<DocumentView> answer(DocumentService.Uploaded uploaded) {
        DocumentView view = uploaded.document();
        return RestResponse.ResponseBuilder.<DocumentView>create(uploaded.created() ? RestResponse.Status.ACCEPTED : RestResponse.Status.OK)
                .location(URI.create("/api/knowledge/documents/" + view.id())).entity(view).build();
    }

    private byte[] read(InputStream body) {
        long max = config.upload().maxSize().asLongValue();
        try (InputStream in = body) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, max + 1));
            if (bytes.length > max) {
                throw ProblemException.unprocessable("file", "is larger than " + max + " bytes (synapse.knowledge.upload.max-size)");
            }
            return bytes;
        } catch (IOException e) {
            throw ProblemException.badRequest("The body could not be read");
        }
    }

    private Map<String, Object> metadata(String json) {
        if (json == null || json.isBlank()) {
            return null;
        }
        try {
            Map<String, Object> map = mapper.readValue(json, MAP);
            if (map == null) {
                throw ProblemException.invalidField("metadata", "must be a JSON object");
            }
            return map;
        } catch (JsonProcessingException e) {
            throw ProblemException.invalidField("metadata", "must be a JSON object");
        }
    }

    private static List<String> tags(String tags) {
        return tags == null || tags.isBlank() ? null : Arrays.stream(tags.split(",")).map(String::strip).toList();
    }

    private static boolean bool(String name, String value) {
        Boolean parsed = QueryParams.bool(name, value);
        return parsed != null && parsed;
    }

    private static DocumentService.Filter filter(Actor actor, String status, String type, String tag, String visibility, String ownerId) {
        String s = DocumentRules.oneOf("status", blank(status), java.util.Set.of("pending", "processing", "ready", "failed"));
        String t = DocumentRules.oneOf("type", blank(type), DocumentRules.TYPES);
        String v = DocumentRules.oneOf("visibility", blank(visibility), DocumentRules.VISIBILITIES);
        String g = DocumentRules.text("tag", tag, DocumentRules.MAX_TAG_LENGTH);
        UUID owner = "me".equals(ownerId) ? actor.userId() : QueryParams.uuid("owner_id", ownerId);
        return new DocumentService.Filter(s, t, g, v, owner);
    }

    static String blank(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }
}
