package io.synapse.datasources;

import java.time.Instant;
import java.util.List;

/**
 * What POST .../test found: whether the login connects, the server's version, and anything it
 * may write (a writable login is refused for queries unless an admin allowed it).
 */
public record ConnectionCheck(String status, boolean reachable, String serverVersion, boolean writable, List<String> writePrivileges,
        boolean queryable, String error, int latencyMs, Instant checkedAt) {
}
