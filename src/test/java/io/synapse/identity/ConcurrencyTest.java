package io.synapse.identity;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.synapse.support.Api;
import io.synapse.support.Db;

/** Races that sequential tests cannot show. */
@QuarkusTest
class ConcurrencyTest {

    @jakarta.inject.Inject
    ApiKeyUsage usage;


    private static List<Integer> race(int callers, Callable<Integer> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<Integer>> results = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                results.add(pool.submit(() -> {
                    start.await();
                    return call.call();
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            return statuses;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void oneRefreshTokenPresentedConcurrentlyRotatesOnceAndRevokesTheFamily() throws Exception {
        Api.Login user = Api.user("viewer");
        List<Integer> statuses = race(6, () -> given().contentType(ContentType.JSON).body(Map.of("refresh_token", user.refreshToken()))
                .post("/api/auth/refresh").statusCode());
        assertEquals(1, statuses.stream().filter(s -> s == 200).count(), "exactly one caller rotates: " + statuses);
        assertEquals(5, statuses.stream().filter(s -> s == 401).count(), statuses.toString());
        // the losers presented a spent token, which is what a thief does: the whole login is gone
        UserSession session = Db.tx(() -> UserSession.findById(user.sessionId()));
        assertEquals("token_reuse", session.endReason);
        assertEquals(0L, Db.tx(() -> RefreshToken.count("sessionId = ?1 and revokedAt is null", user.sessionId())));
    }

    @Test
    void apiKeyUsageIsCountedExactlyUnderParallelUse() throws Exception {
        Api.Login owner = Api.user("viewer");
        String key = Api.apiKey(owner, "viewer");
        java.time.Instant started = java.time.Instant.now();
        List<Integer> statuses = race(20, () -> given().header("X-API-Key", key).get("/api/me").statusCode());
        assertEquals(20, statuses.stream().filter(s -> s == 200).count(), statuses.toString());
        usage.flush();
        ApiKey row = Db.tx(() -> ApiKey.<ApiKey>find("userId", owner.id()).firstResult());
        assertEquals(20, row.usageCount);
        // written as the instant of the last use, whatever the JVM's or the session's time zone
        org.junit.jupiter.api.Assertions.assertTrue(!row.lastUsedAt.isBefore(started.minusMillis(1))
                && !row.lastUsedAt.isAfter(java.time.Instant.now()), row.lastUsedAt + " not within the test's run from " + started);
        usage.flush();
        assertEquals(20, Db.tx(() -> ApiKey.<ApiKey>find("userId", owner.id()).firstResult().usageCount), "a second flush adds nothing");
    }
}
