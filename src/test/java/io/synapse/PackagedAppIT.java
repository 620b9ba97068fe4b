package io.synapse;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusIntegrationTest;
import io.restassured.http.ContentType;

/**
 * Runs against the packaged jar (and the native executable with -Dnative): the artifact we ship
 * starts, migrates, authenticates and serves. With quarkus.package.jar.aot.enabled=true these
 * calls are also the training run that fills the JDK AOT cache.
 */
@QuarkusIntegrationTest
class PackagedAppIT {

    @Test
    void thePackagedApplicationServesTheIdentityFlow() {
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        String admin = given().contentType(ContentType.JSON).body(Map.of("email", "admin@test.local", "password", "admin-password-1"))
                .post("/api/auth/login").then().statusCode(200).extract().path("access_token");
        String email = "it-" + UUID.randomUUID() + "@test.local";
        given().auth().oauth2(admin).contentType(ContentType.JSON).body(Map.of("email", email, "password", "correct-horse-9", "role", "rep"))
                .post("/api/users").then().statusCode(201);
        var login = given().contentType(ContentType.JSON).body(Map.of("email", email, "password", "correct-horse-9"))
                .post("/api/auth/login").then().statusCode(200).extract();
        given().auth().oauth2(login.<String>path("access_token")).get("/api/me").then().statusCode(200).body("role", equalTo("rep"));
        given().contentType(ContentType.JSON).body(Map.of("refresh_token", login.path("refresh_token")))
                .post("/api/auth/refresh").then().statusCode(200).body("access_token", notNullValue());
        String key = given().auth().oauth2(login.<String>path("access_token")).contentType(ContentType.JSON)
                .body(Map.of("name", "it", "scopes", new String[] {"viewer"})).post("/api/api-keys").then().statusCode(201).extract().path("key");
        given().header("X-API-Key", key).get("/api/me").then().statusCode(200);
        given().auth().oauth2(admin).get("/api/audit-logs?limit=5").then().statusCode(200).body("items.size()", equalTo(5));
        given().get("/api/users").then().statusCode(401).contentType("application/problem+json");
    }
}
