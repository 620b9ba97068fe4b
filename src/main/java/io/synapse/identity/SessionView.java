package io.synapse.identity;

import java.time.Instant;
import java.util.UUID;

public record SessionView(UUID id, Instant startedAt, Instant lastSeenAt, Instant endedAt, String endReason,
        String ipAddress, String userAgent, boolean active, boolean current) {

    public static SessionView of(UserSession s, UUID currentSession) {
        return new SessionView(s.id, s.startedAt, s.lastSeenAt, s.endedAt, s.endReason,
                s.ipAddress == null ? null : s.ipAddress.getHostAddress(), s.userAgent, s.isActive(), s.id.equals(currentSession));
    }
}
