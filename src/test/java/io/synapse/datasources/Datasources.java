package io.synapse.datasources;

import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

import io.synapse.support.Api;
import io.synapse.support.UserDatabases;

/** Registers the fixture databases through the API. */
final class Datasources {

    private Datasources() {
    }

    static Map<String, Object> body(String engine, String username) {
        Map<String, Object> body = new HashMap<>();
        body.put("name", engine + "-" + UUID.randomUUID().toString().substring(0, 8));
        body.put("engine", engine);
        body.put("host", "127.0.0.1");
        body.put("port", engine.equals("postgresql") ? 5432 : 3306);
        body.put("database", UserDatabases.DATABASE);
        body.put("username", username);
        body.put("password", UserDatabases.PASSWORD);
        body.put("ssl_mode", "disable");
        return body;
    }

    static UUID register(Api.Login owner, String engine, String username) {
        UserDatabases.ensure();
        return UUID.fromString(Api.json(owner.as()).body(body(engine, username)).post("/api/datasources").then().statusCode(201).extract().path("id"));
    }

    /** Registered with the read-only login and tested: ready for queries. */
    static UUID ready(Api.Login owner, String engine) {
        UUID id = register(owner, engine, UserDatabases.READER);
        owner.as().post("/api/datasources/" + id + "/test").then().statusCode(200);
        return id;
    }

    static UUID share(Api.Login owner, UUID id, String role) {
        Api.json(owner.as()).body(Map.of("shared_with_role", role)).patch("/api/datasources/" + id).then().statusCode(200);
        return id;
    }
}
