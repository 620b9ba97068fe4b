package io.synapse.datasources;

/** PostgreSQL's sslmode names, mapped onto MariaDB's sslMode for the other engines. */
public final class SslModes {

    static final String PATTERN = "disable|prefer|require|verify-ca|verify-full";
    static final String MESSAGE = "must be one of disable, prefer, require, verify-ca, verify-full";

    private SslModes() {
    }

    public static String mariadb(String mode) {
        return switch (mode) {
            case "disable" -> "disable";
            case "require" -> "trust";
            case "verify-ca" -> "verify-ca";
            case "verify-full" -> "verify-full";
            // MariaDB's driver has no "try TLS, fall back to plain"; prefer means plain there.
            default -> "disable";
        };
    }
}
