package io.synapse.reports;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.synapse.support.Api;
import io.synapse.support.Db;

/**
 * Mail to an SMTP server that is down, then up. Its own profile and port, so that the suite's
 * GreenMail is never stopped under other tests' mail.
 */
@QuarkusTest
@TestProfile(ReportMailRetryTest.SmtpOn3026.class)
class ReportMailRetryTest {

    static final int PORT = 3026;

    public static class SmtpOn3026 implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("quarkus.mailer.port", Integer.toString(PORT));
        }
    }

    @Inject
    DeliveryService deliveries;

    @Test
    void failedMailIsRetriedWithBackoff() throws Exception {
        Api.Login manager = Api.user("manager");
        Api.Login reader = Api.user("viewer");
        String id = Api.json(manager.as()).body(Map.of("name", "Retry " + UUID.randomUUID(), "content", "<p>Retry me</p>"))
                .post("/api/reports").then().statusCode(201).extract().path("id");
        // Nothing listens on the port yet.
        Response result = Api.json(manager.as()).body(Map.of("user_ids", List.of(reader.id()))).post("/api/reports/" + id + "/deliveries");
        result.then().statusCode(200);
        UUID delivery = UUID.fromString(result.path("deliveries.find { it.channel == 'email' }.id"));
        Db.eventually(() -> "failed".equals(Db.tx(() -> ReportDelivery.<ReportDelivery>findById(delivery).status)), 20);
        ReportDelivery failed = Db.tx(() -> ReportDelivery.findById(delivery));
        assertEquals(1, failed.attempts);
        assertNotNull(failed.lastError);
        assertTrue(failed.nextAttemptAt.isAfter(Instant.now().plusSeconds(50)), "first retry about a minute later");

        GreenMail smtp = new GreenMail(new ServerSetup(PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        smtp.start();
        try {
            // Not due yet: nothing happens.
            deliveries.retryDue();
            assertEquals("failed", Db.tx(() -> ReportDelivery.<ReportDelivery>findById(delivery).status));
            Db.run(() -> ReportDelivery.update("nextAttemptAt = ?1 where id = ?2", Instant.now().minusSeconds(1), delivery));
            deliveries.retryDue();
            ReportDelivery sent = Db.tx(() -> ReportDelivery.findById(delivery));
            assertEquals("sent", sent.status);
            assertEquals(2, sent.attempts);
            assertEquals(1, ReportResourceTest.mailTo(smtp, reader.email()).size());
        } finally {
            smtp.stop();
        }
    }
}
