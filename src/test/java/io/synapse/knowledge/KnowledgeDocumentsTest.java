package io.synapse.knowledge;

import static io.synapse.support.Problems.assertProblem;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.PDPageContentStream;
import org.apache.pdfbox.pdmodel.font.PDType1Font;
import org.apache.pdfbox.pdmodel.font.Standard14Fonts;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.synapse.knowledge.documents.Document;
import io.synapse.knowledge.documents.DocumentChunk;
import io.synapse.support.Api;
import io.synapse.support.Db;
import io.synapse.telemetry.AuditLog;

@QuarkusTest
class KnowledgeDocumentsTest {

    private static final String GUIDE = """
            # Greenhouse irrigation guide %s

            Drip lines deliver water straight to the roots, which keeps leaves dry and cuts fungal disease.

            ## Scheduling

            Water early in the morning so that the soil can absorb moisture before the afternoon heat.
            Check the soil two centimetres down: if it is dry, run the drip lines for twenty minutes.

            ## Filters

            Clean the disc filter every week; a clogged filter halves the flow at the far end of the line.
            """;

    private static String unique() {
        return UUID.randomUUID().toString().substring(0, 8);
    }

    private static long documentsOf(UUID userId) {
        return Db.tx(() -> Document.count("userId", userId));
    }

    @Test
    void markdownIsChunkedByHeadingsEmbeddedAndItsChunksAreExactSpansOfItsText() {
        Api.Login owner = Api.user("viewer");
        String marker = unique();
        Response accepted = Knowledge.upload(owner, "text/markdown", GUIDE.formatted(marker).getBytes(StandardCharsets.UTF_8),
                Map.of("tags", "garden, water", "source_uri", "https://wiki.example/irrigation"));
        accepted.then().statusCode(202).body("status", equalTo("pending")).body("visibility", equalTo("private"))
                .body("title", equalTo("Greenhouse irrigation guide " + marker)).body("tags", equalTo(List.of("garden", "water")))
                .body("owner_id", equalTo(owner.id().toString())).body("mime_type", equalTo("text/markdown"));
        UUID id = UUID.fromString(accepted.path("id"));
        assertTrue(accepted.header("Location").endsWith("/api/knowledge/documents/" + id));

        Knowledge.awaitIndexed(owner, id).then().body("status", equalTo("ready")).body("status_reason", nullValue())
                .body("chunk_count", equalTo(3)).body("embedding_model", equalTo("all-minilm-l6-v2")).body("embedding_dimension", equalTo(384))
                .body("search_config", equalTo("english")).body("language", nullValue()).body("attempts", equalTo(1));
        String content = owner.as().get("/api/knowledge/documents/" + id + "/content").then().statusCode(200).extract().asString();
        Response chunks = owner.as().get("/api/knowledge/documents/" + id + "/chunks?limit=2");
        chunks.then().statusCode(200).body("items.size()", equalTo(2)).body("items[0].ordinal", equalTo(0))
                .body("items[1].heading", equalTo("Scheduling")).body("next_cursor", not(nullValue()));
        List<Map<String, Object>> items = chunks.path("items");
        for (Map<String, Object> chunk : items) {
            assertEquals(chunk.get("text"), content.substring((Integer) chunk.get("start_offset"), (Integer) chunk.get("end_offset")));
        }
        owner.as().get("/api/knowledge/documents/" + id + "/chunks?cursor=" + chunks.path("next_cursor")).then().statusCode(200)
                .body("items.size()", equalTo(1)).body("items[0].heading", equalTo("Filters")).body("next_cursor", nullValue());
        Float[] embedding = Db.tx(() -> (Float[]) Document.getEntityManager()
                .createNativeQuery("SELECT embedding FROM document_chunks WHERE document_id = ?1 AND ordinal = 0").setParameter(1, id).getSingleResult());
        double norm = 0;
        for (Float x : embedding) {
            norm += x * x;
        }
        assertEquals(384, embedding.length);
        assertEquals(1.0, norm, 1e-3, "embeddings are stored at unit length");
        assertEquals(List.of("document.create"), audit(id));
    }

    @Test
    void htmlAndPdfAndPortugueseTextAreExtracted() throws IOException {
        Api.Login owner = Api.user("viewer");
        String marker = unique();
        String html = "<html><head><title>Ignored " + marker + "</title><script>alert('x')</script></head><body><nav>Menu</nav>"
                + "<h1>Solar panels " + marker + "</h1><p>Panels lose about half a percent of output per year.</p>"
                + "<ul><li>Clean them twice a year.</li></ul></body></html>";
        Response form = owner.as().multiPart("file", "solar.html", html.getBytes(StandardCharsets.UTF_8), "text/html")
                .multiPart("metadata", "{\"team\":\"ops\"}").multiPart("type", "configuration").post("/api/knowledge/documents");
        form.then().statusCode(202).body("title", equalTo("solar.html")).body("metadata.team", equalTo("ops")).body("type", equalTo("configuration"));
        UUID htmlId = UUID.fromString(form.path("id"));
        Knowledge.awaitIndexed(owner, htmlId).then().body("status", equalTo("ready"));
        String text = owner.as().get("/api/knowledge/documents/" + htmlId + "/content").asString();
        assertEquals("# Solar panels " + marker + "\n\nPanels lose about half a percent of output per year.\n\nClean them twice a year.", text);

        Response pdf = Knowledge.upload(owner, "application/pdf", pdf(List.of("Wind turbines " + marker + " need yearly gearbox checks.",
                "Blade erosion is repaired with leading edge tape.")), Map.of("title", "Turbine care"));
        pdf.then().statusCode(202);
        UUID pdfId = UUID.fromString(pdf.path("id"));
        Knowledge.awaitIndexed(owner, pdfId).then().body("status", equalTo("ready")).body("page_count", equalTo(2));
        owner.as().get("/api/knowledge/documents/" + pdfId + "/chunks").then().statusCode(200).body("items[0].page_number", equalTo(1))
                .body("items[0].text", containsString("gearbox"));

        UUID pt = Knowledge.indexed(owner, "A poda das videiras " + marker + " é feita no inverno, quando as plantas estão dormentes e não há"
                + " folhas. Os cortes devem ser limpos para que a seiva não escorra.", Map.of("title", "Poda"));
        owner.as().get("/api/knowledge/documents/" + pt).then().body("search_config", equalTo("portuguese"));
    }

    @Test
    void theSameContentTwiceIsAConflictUnlessReplaced() {
        Api.Login owner = Api.user("viewer");
        String text = GUIDE.formatted(unique());
        UUID id = Knowledge.indexed(owner, text, Map.of());
        assertProblem(Knowledge.upload(owner, "text/markdown", text.getBytes(StandardCharsets.UTF_8), Map.of()), 409)
                .body("detail", containsString(id.toString()));
        Response replaced = Knowledge.upload(owner, "text/markdown", text.getBytes(StandardCharsets.UTF_8), Map.of("replace", "true", "title", "Renamed"));
        replaced.then().statusCode(200).body("id", equalTo(id.toString())).body("title", equalTo("Renamed")).body("status", equalTo("pending"));
        Knowledge.awaitIndexed(owner, id).then().body("status", equalTo("ready")).body("title", equalTo("Renamed"));
        // Another user's copy is their own document.
        Api.Login other = Api.user("viewer");
        Knowledge.upload(other, "text/markdown", text.getBytes(StandardCharsets.UTF_8), Map.of()).then().statusCode(202);
        assertEquals(1, documentsOf(owner.id()));
        assertEquals(List.of("document.create", "document.replace"), audit(id));
    }

    @Test
    void badUploadsAreRefusedAtOnceAndStoreNothing() throws IOException {
        Api.Login owner = Api.user("viewer");
        assertProblem(Knowledge.upload(owner, "text/plain", new byte[0], Map.of()), 422).body("errors[0].field", equalTo("file"));
        assertProblem(Knowledge.upload(owner, "text/plain", "   \n\n ".getBytes(StandardCharsets.UTF_8), Map.of()), 422);
        byte[] garbage = new byte[4096];
        new java.util.Random(7).nextBytes(garbage);
        assertProblem(Knowledge.upload(owner, "text/plain", garbage, Map.of()), 422).body("detail", containsString("UTF-8"));
        byte[] controls = "a\u0001b\u0002c\u0003d\u0004e\u0005f\u0006g\u0007h\u000Ei\u000Fj\u0010k\u0011".getBytes(StandardCharsets.UTF_8);
        assertProblem(Knowledge.upload(owner, "text/plain", controls, Map.of()), 422).body("detail", containsString("binary"));
        assertProblem(Knowledge.upload(owner, "text/plain", "nul\u0000here".getBytes(StandardCharsets.UTF_8), Map.of()), 422);
        assertProblem(Knowledge.upload(owner, "application/pdf", "just text".getBytes(StandardCharsets.UTF_8), Map.of()), 422)
                .body("detail", containsString("not a PDF"));
        assertProblem(Knowledge.upload(owner, "application/pdf", "%PDF-1.7 but nothing else".getBytes(StandardCharsets.UTF_8), Map.of()), 422)
                .body("detail", containsString("not a readable PDF"));
        assertProblem(Knowledge.upload(owner, "application/pdf", blankPdf(10_000), Map.of()), 422).body("detail", containsString("10000 pages"));
        assertProblem(Knowledge.upload(owner, "image/png", new byte[] { (byte) 0x89, 'P', 'N', 'G' }, Map.of()), 415);
        assertProblem(Knowledge.upload(owner, "application/octet-stream", "text".getBytes(StandardCharsets.UTF_8), Map.of("file_name", "x.exe")), 415);
        byte[] ok = ("Fine text " + unique()).getBytes(StandardCharsets.UTF_8);
        for (Map<String, String> params : List.of(Map.of("visibility", "public"), Map.of("type", "book"), Map.of("language", "klingon"),
                Map.of("replace", "maybe"), Map.of("visibility", "role"), Map.of("shared_with_role", "boss"), Map.of("title", "t".repeat(256)),
                Map.of("tags", "a,,b"), Map.of("tags", "x".repeat(51)), Map.of("tags", tagsOf21()), Map.of("title", "nul\u0000"))) {
            assertProblem(Knowledge.upload(owner, "text/plain", ok, params), 400);
        }
        assertProblem(Knowledge.upload(owner, "text/plain", ok, Map.of("visibility", "everyone")), 403);
        assertProblem(Knowledge.upload(owner, "text/plain", ok, Map.of("shared_with_role", "rep")), 403);
        assertProblem(owner.as().multiPart("title", "no file").post("/api/knowledge/documents"), 400).body("errors[0].field", equalTo("file"));
        assertProblem(owner.as().multiPart("file", "a.txt", ok, "text/plain").multiPart("metadata", "[1,2]").post("/api/knowledge/documents"), 400)
                .body("errors[0].field", equalTo("metadata"));
        assertProblem(owner.as().multiPart("file", "a.txt", ok, "text/plain").multiPart("metadata", "{not json").post("/api/knowledge/documents"), 400);
        assertProblem(owner.as().multiPart("file", "a.txt", ok, "text/plain").multiPart("metadata", "{\"k\":\"\\u0000\"}").post("/api/knowledge/documents"), 400);
        assertProblem(owner.as().body(ok).post("/api/knowledge/documents"), 415);
        byte[] big = new byte[22 * 1024 * 1024];
        java.util.Arrays.fill(big, (byte) 'a');
        assertProblem(Knowledge.upload(owner, "text/plain", big, Map.of()), 413);
        assertEquals(0, documentsOf(owner.id()), "no refused upload left a document behind");
    }

    private static String tagsOf21() {
        StringBuilder tags = new StringBuilder();
        for (int i = 0; i < 21; i++) {
            tags.append(i == 0 ? "" : ",").append("tag").append(i);
        }
        return tags.toString();
    }

    @Test
    void ownersAndAdminsManageSharingIsForManagersAndOthersSeeNothing() {
        Api.Login viewer = Api.user("viewer");
        Api.Login rep = Api.user("rep");
        Api.Login manager = Api.user("manager");
        UUID privateDoc = Knowledge.uploadText(viewer, "Private notes " + unique(), Map.of());
        UUID repDoc = Knowledge.uploadText(manager, "For reps " + unique(), Map.of("visibility", "role", "shared_with_role", "rep"));
        UUID everyoneDoc = Knowledge.uploadText(manager, "For all " + unique(), Map.of("visibility", "everyone"));

        for (String path : List.of("", "/content", "/chunks")) {
            assertProblem(rep.as().get("/api/knowledge/documents/" + privateDoc + path), 404);
            assertProblem(viewer.as().get("/api/knowledge/documents/" + repDoc + path), 404);
        }
        rep.as().get("/api/knowledge/documents/" + repDoc).then().statusCode(200);
        viewer.as().get("/api/knowledge/documents/" + everyoneDoc).then().statusCode(200);
        Api.asAdmin().get("/api/knowledge/documents/" + privateDoc).then().statusCode(200);
        assertProblem(Api.json(rep.as()).body(Map.of("title", "mine now")).patch("/api/knowledge/documents/" + repDoc), 403);
        assertProblem(rep.as().delete("/api/knowledge/documents/" + repDoc), 403);
        assertProblem(rep.as().post("/api/knowledge/documents/" + repDoc + "/reindex"), 403);
        assertProblem(Api.json(rep.as()).body(Map.of("title", "x")).patch("/api/knowledge/documents/" + privateDoc), 404);
        assertProblem(Api.json(viewer.as()).body(Map.of("visibility", "everyone")).patch("/api/knowledge/documents/" + privateDoc), 403);

        List<String> repSees = rep.as().get("/api/knowledge/documents?limit=500").then().statusCode(200).extract().path("items.id");
        assertTrue(repSees.contains(repDoc.toString()) && repSees.contains(everyoneDoc.toString()) && !repSees.contains(privateDoc.toString()));
        viewer.as().get("/api/knowledge/documents?owner_id=me").then().statusCode(200).body("items.id", equalTo(List.of(privateDoc.toString())));
        viewer.as().get("/api/knowledge/documents?visibility=role&limit=500").then().statusCode(200).body("items.id", not(hasItem(repDoc.toString())));
        Api.asAdmin().get("/api/knowledge/documents?owner_id=" + viewer.id()).then().statusCode(200).body("items.id", hasItem(privateDoc.toString()));
        for (String query : List.of("status=done", "type=book", "visibility=public", "owner_id=nope", "limit=0", "limit=x", "cursor=garbage",
                "tag=" + "x".repeat(51))) {
            assertProblem(viewer.as().get("/api/knowledge/documents?" + query), 400);
        }

        Api.json(manager.as()).body(Map.of("visibility", "private")).patch("/api/knowledge/documents/" + repDoc).then().statusCode(200)
                .body("visibility", equalTo("private")).body("shared_with_role", nullValue());
        assertProblem(rep.as().get("/api/knowledge/documents/" + repDoc), 404);
        Api.json(manager.as()).body(Map.of("shared_with_role", "viewer")).patch("/api/knowledge/documents/" + repDoc).then().statusCode(200)
                .body("visibility", equalTo("role"));
        viewer.as().get("/api/knowledge/documents/" + repDoc).then().statusCode(200);
        for (Map<String, Object> bad : List.of(Map.<String, Object>of("visibility", "public"), Map.<String, Object>of("title", ""),
                Map.<String, Object>of("tags", List.of("")), Map.<String, Object>of("type", 5), Map.<String, Object>of("unknown", 1))) {
            assertProblem(Api.json(manager.as()).body(bad).patch("/api/knowledge/documents/" + repDoc), 400);
        }
        assertProblem(Api.json(manager.as()).body("{\"title\":").patch("/api/knowledge/documents/" + repDoc), 400);
        assertProblem(Api.json(manager.as()).body(Map.of("title", "x")).patch("/api/knowledge/documents/" + UUID.randomUUID()), 404);
        assertProblem(manager.as().get("/api/knowledge/documents/not-a-uuid"), 404);
        assertProblem(manager.as().get("/api/knowledge/documents/" + repDoc + "/chunks?cursor=tampered"), 400);

        Api.asAdmin().delete("/api/knowledge/documents/" + privateDoc).then().statusCode(204);
        assertProblem(viewer.as().get("/api/knowledge/documents/" + privateDoc), 404);
        assertProblem(viewer.as().delete("/api/knowledge/documents/" + privateDoc), 404);
    }

    @Test
    void deleteTakesTheChunksAndReindexRebuildsThem() {
        Api.Login owner = Api.user("viewer");
        UUID id = Knowledge.indexed(owner, GUIDE.formatted(unique()), Map.of());
        long before = Db.tx(() -> DocumentChunk.count("documentId", id));
        owner.as().post("/api/knowledge/documents/" + id + "/reindex").then().statusCode(202).body("status", equalTo("pending"));
        Knowledge.awaitIndexed(owner, id).then().body("status", equalTo("ready"));
        assertEquals(before, Db.tx(() -> DocumentChunk.count("documentId", id)), "re-indexing replaces the chunks, it does not add to them");
        owner.as().delete("/api/knowledge/documents/" + id).then().statusCode(204);
        assertEquals(0, Db.tx(() -> DocumentChunk.count("documentId", id)));
        assertEquals(List.of("document.create", "document.reindex", "document.delete"), audit(id));
        assertProblem(owner.as().post("/api/knowledge/documents/" + id + "/reindex"), 404);
    }

    @Test
    void aJobLeftByADeadReplicaIsTakenUpAgainAndAFileWithoutTextFails() throws IOException {
        Api.Login owner = Api.user("viewer");
        UUID id = Knowledge.indexed(owner, GUIDE.formatted(unique()), Map.of());
        // As if the replica indexing it had died: processing, its lease run out.
        Db.run(() -> Document.getEntityManager().createNativeQuery("UPDATE documents SET status = 'processing', lease_until = now() - interval '1 second',"
                + " attempts = 1 WHERE id = ?1").setParameter(1, id).executeUpdate());
        Knowledge.awaitIndexed(owner, id).then().body("status", equalTo("ready")).body("attempts", equalTo(2));
        // One that died too often is given up.
        Db.run(() -> Document.getEntityManager().createNativeQuery("UPDATE documents SET status = 'processing', lease_until = now() - interval '1 second',"
                + " attempts = 5 WHERE id = ?1").setParameter(1, id).executeUpdate());
        Knowledge.awaitIndexed(owner, id).then().body("status", equalTo("failed")).body("status_reason", containsString("Gave up"));

        Response blank = Knowledge.upload(owner, "application/pdf", blankPdf(3), Map.of());
        blank.then().statusCode(202);
        Knowledge.awaitIndexed(owner, UUID.fromString(blank.path("id"))).then().body("status", equalTo("failed"))
                .body("status_reason", containsString("no text layer")).body("chunk_count", equalTo(0));
    }

    @Test
    void apiKeysUploadAsTheirUser() {
        Api.Login owner = Api.user("viewer");
        String key = Api.apiKey(owner, "viewer");
        io.restassured.RestAssured.given().header("X-API-Key", key).contentType("text/plain").body("Keyed upload " + unique())
                .post("/api/knowledge/documents").then().statusCode(202).body("owner_id", equalTo(owner.id().toString()));
        assertProblem(io.restassured.RestAssured.given().contentType("text/plain").body("anonymous").post("/api/knowledge/documents"), 401);
        assertTrue(documentsOf(owner.id()) > 0);
    }

    private static List<String> audit(UUID id) {
        return Db.tx(() -> AuditLog.<AuditLog>list("resourceId = ?1 order by id", id.toString()).stream().map(a -> a.action).toList());
    }

    static byte[] pdf(List<String> pages) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (String text : pages) {
                PDPage page = new PDPage();
                doc.addPage(page);
                try (PDPageContentStream content = new PDPageContentStream(doc, page)) {
                    content.beginText();
                    content.setFont(new PDType1Font(Standard14Fonts.FontName.HELVETICA), 12);
                    content.newLineAtOffset(72, 700);
                    content.showText(text);
                    content.endText();
                }
            }
            doc.save(out);
            return out.toByteArray();
        }
    }

    static byte[] blankPdf(int pages) throws IOException {
        try (PDDocument doc = new PDDocument(); ByteArrayOutputStream out = new ByteArrayOutputStream()) {
            for (int i = 0; i < pages; i++) {
                doc.addPage(new PDPage());
            }
            doc.save(out);
            return out.toByteArray();
        }
    }
}
