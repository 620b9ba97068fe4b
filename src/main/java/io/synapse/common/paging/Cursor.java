package io.synapse.common.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

import io.synapse.common.error.ProblemException;

/**
 * Opaque keyset cursors. Clients must treat them as opaque; we keep them readable (base64url of
 * "micros:uuid" or of a number) because debugging a paging bug is worth more than hiding it.
 */
public final class Cursor {

    private Cursor() {
    }

    /** Position after a row ordered by (timestamp desc, id desc). */
    public record TimeAndId(Instant time, UUID id) {
    }

    public static String of(Instant time, UUID id) {
        long micros = ChronoUnit.MICROS.between(Instant.EPOCH, time);
        return encode(micros + ":" + id);
    }

    public static String of(long id) {
        return encode(Long.toString(id));
    }

    public static TimeAndId timeAndId(String cursor) {
        String raw = decode(cursor);
        int colon = raw.indexOf(':');
        try {
            long micros = Long.parseLong(raw.substring(0, colon));
            return new TimeAndId(Instant.EPOCH.plus(micros, ChronoUnit.MICROS), UUID.fromString(raw.substring(colon + 1)));
        } catch (RuntimeException e) {
            throw invalid();
        }
    }

    public static long longId(String cursor) {
        try {
            return Long.parseLong(decode(cursor));
        } catch (NumberFormatException e) {
            throw invalid();
        }
    }

    private static String encode(String raw) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
    }

    private static String decode(String cursor) {
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw invalid();
        }
    }

    private static ProblemException invalid() {
        return ProblemException.invalidField("cursor", "is not a cursor this API returned");
    }
}
