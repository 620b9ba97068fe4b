package io.synapse.datasources;

import java.util.Locale;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** The database servers a connection may point at. MySQL goes through MariaDB's driver (tested against MariaDB only). */
public enum Engine {
    POSTGRESQL(5432), MARIADB(3306), MYSQL(3306);

    private final int defaultPort;

    Engine(int defaultPort) {
        this.defaultPort = defaultPort;
    }

    public int defaultPort() {
        return defaultPort;
    }

    public boolean isPostgres() {
        return this == POSTGRESQL;
    }

    @JsonValue
    public String value() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static Engine parse(String value) {
        for (Engine engine : values()) {
            if (engine.value().equals(value)) {
                return engine;
            }
        }
        throw new IllegalArgumentException("must be one of postgresql, mariadb, mysql");
    }
}
