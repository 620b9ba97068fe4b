package io.synapse.common.web;

import java.util.List;
import java.util.Map;

import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import io.synapse.common.error.Problem;

/**
 * Every operation's error answers, in one place: each is application/problem+json with the
 * Problem schema (RFC 9457, as ProblemMappers writes it), so a generated client has one error
 * type. Which errors an operation declares follows from what it is: any authenticated request may
 * be malformed (400), refused (401, 403), rate-limited (429) or meet a database outage (503); a
 * path with an id may get 404; a write may get 409 and 422, and one with a body 413 and 415. The
 * three unauthenticated operations list their own.
 * Runs once, at build time.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ProblemResponsesFilter implements OASFilter {

    /** The unauthenticated operations, whose errors are their own. */
    private static final Map<String, List<String>> PUBLIC = Map.of(
            "/api/auth/login", List.of("400", "401", "403", "413", "415", "429", "503"),
            "/api/auth/refresh", List.of("400", "401", "413", "415", "503"),
            "/api/auth/register", List.of("400", "403", "409", "413", "415", "503"));

    private static final Map<String, String> DESCRIPTIONS = Map.ofEntries(
            Map.entry("400", "Malformed or invalid request: `errors` names each field"),
            Map.entry("401", "Missing, invalid, expired or revoked credentials"),
            Map.entry("403", "The caller's role, or ownership, does not allow this"),
            Map.entry("404", "No such resource (another user's rows answer the same)"),
            Map.entry("409", "Conflicts with the current state (a duplicate, a wrong transition)"),
            Map.entry("411", "A chunked body without a Content-Length (accepted by CSV imports only)"),
            Map.entry("413", "The body is larger than allowed"),
            Map.entry("415", "The body's Content-Type is missing or not accepted"),
            Map.entry("422", "Well-formed but not acceptable: `errors` or `problems` say why"),
            Map.entry("429", "Too many requests: wait for Retry-After seconds"),
            Map.entry("502", "The model provider failed or answered nonsense; the run is marked failed"),
            Map.entry("503", "The database, or for generated replies the model provider, is unavailable: retry after Retry-After seconds"),
            Map.entry("504", "The model provider did not answer within the provider timeout; the run is marked failed"));

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getComponents() == null) {
            openAPI.setComponents(OASFactory.createComponents());
        }
        openAPI.getComponents().addSchema("FieldError", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .addProperty("field", string("the field or parameter, e.g. citations[0].confidence"))
                .addProperty("message", string("what is wrong with it")));
        openAPI.getComponents().addSchema("Problem", OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)
                .description("RFC 9457 problem details; correlate with the X-Request-Id response header")
                .addProperty("type", string("a URI naming the kind of problem").format("uri"))
                .addProperty("title", string("short, the same for every problem of this type"))
                .addProperty("status", OASFactory.createSchema().addType(Schema.SchemaType.INTEGER).format("int32"))
                .addProperty("detail", string("what went wrong with this request"))
                .addProperty("errors", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .items(OASFactory.createSchema().ref("FieldError")))
                .addProperty("problems", OASFactory.createSchema().addType(Schema.SchemaType.ARRAY)
                        .description("for CSV imports: [{line, column, reason}], the first 100")
                        .items(OASFactory.createSchema().addType(Schema.SchemaType.OBJECT)))
                .required(List.of("type", "title", "status")));
        for (Map.Entry<String, String> e : DESCRIPTIONS.entrySet()) {
            openAPI.getComponents().addResponse("Problem" + e.getKey(), OASFactory.createAPIResponse().description(e.getValue())
                    .content(OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE,
                            OASFactory.createMediaType().schema(OASFactory.createSchema().ref("Problem")))));
        }
        if (openAPI.getPaths() == null) {
            return;
        }
        openAPI.getPaths().getPathItems().forEach((path, item) -> {
            if (!path.startsWith("/api/")) {
                return;
            }
            item.getOperations().forEach((method, operation) -> declare(path, method, operation));
        });
    }

    private static void declare(String path, PathItem.HttpMethod method, Operation operation) {
        APIResponses responses = operation.getResponses();
        if (PUBLIC.containsKey(path)) {
            PUBLIC.get(path).forEach(status -> add(responses, status));
            return;
        }
        boolean write = method != PathItem.HttpMethod.GET;
        boolean body = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT || method == PathItem.HttpMethod.PATCH;
        for (String status : List.of("400", "401", "403", "429", "503")) {
            add(responses, status);
        }
        if (path.contains("{")) {
            add(responses, "404");
        }
        if (write) {
            add(responses, "409");
            add(responses, "422");
        }
        if (body) {
            add(responses, "413");
            add(responses, "415");
            if (!path.startsWith("/api/imports/")) {
                add(responses, "411");
            }
        }
        if (path.equals("/api/conversations/{id}/messages") && method == PathItem.HttpMethod.POST) {
            add(responses, "502");
            add(responses, "504");
        }
    }

    private static void add(APIResponses responses, String status) {
        APIResponse ref = OASFactory.createAPIResponse().ref("Problem" + status);
        responses.addAPIResponse(status, ref);
    }

    private static Schema string(String description) {
        return OASFactory.createSchema().addType(Schema.SchemaType.STRING).description(description);
    }
}
