package io.synapse.identity;

import static io.restassured.RestAssured.given;
import static io.synapse.support.Problems.assertProblem;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.synapse.support.Api;

@QuarkusTest
@TestProfile(PrincipalRateLimitTest.TightBudget.class)
class PrincipalRateLimitTest {

    /** A budget small enough to exhaust; the admin helper and user setup spend a few requests too. */
    public static class TightBudget implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("synapse.auth.principal-rate-limit", "5");
        }
    }

    @Test
    void eachPrincipalHasItsOwnBudgetAcrossAllItsCredentials() {
        Api.Login user = Api.user("viewer");
        String key = Api.apiKey(user, "viewer"); // one request of the budget
        for (int i = 0; i < 2; i++) {
            user.as().get("/api/me").then().statusCode(200);
        }
        given().header("X-API-Key", key).get("/api/me").then().statusCode(200);
        given().header("X-API-Key", key).get("/api/me").then().statusCode(200);
        // the key and the token share one budget of five
        Response limited = user.as().get("/api/me");
        assertProblem(limited, 429);
        assertTrue(Integer.parseInt(limited.header("Retry-After")) > 0);
        assertProblem(given().header("X-API-Key", key).get("/api/me"), 429);

        Api.Login other = Api.user("viewer");
        other.as().get("/api/me").then().statusCode(200);
    }
}
