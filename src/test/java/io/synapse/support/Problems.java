package io.synapse.support;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;

/** Asserts the RFC 9457 shape every error must have. */
public final class Problems {

    private Problems() {
    }

    public static ValidatableResponse assertProblem(Response response, int status) {
        return response.then()
                .statusCode(status)
                .contentType(startsWith("application/problem+json"))
                .header("X-Request-Id", notNullValue())
                .body("status", equalTo(status))
                .body("type", notNullValue())
                .body("title", notNullValue());
    }
}
