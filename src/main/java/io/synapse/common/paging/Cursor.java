package io.synapse.common.paging;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.UUID;

import io.synapse.common.error.ProblemException;
import io.synapse.common.input.TimeBounds;

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
            Instant time = Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
            if (TimeBounds.holds(time)) {
                return new TimeAndId(time, UUID.fromString(raw.substring(colon + 1)));
            }
        } catch (RuntimeException e) {
            // not "micros:uuid"
        }
        // A tampered cursor (e.g. -9223372036854775808 micros) would reach PostgreSQL as a time it cannot hold.
        throw invalid();
    }

    public static long longId(String cursor) {
        long id;
        try {
            id = Long.parseLong(decode(cursor));
        } catch (NumberFormatException e) {
            throw invalid();
        }
        if (id < 0) {
            // ids and sequence numbers start at 1: only a made-up cursor is negative
            throw invalid();
        }
        return id;
    }

    /** Position after a row ordered by several columns (each part any text): for views and rollups without an id. */
    public static String ofParts(String... parts) {
        StringBuilder raw = new StringBuilder();
        for (String part : parts) {
            raw.append(raw.isEmpty() ? "" : ".").append(encode(part));
        }
        return encode(raw.toString());
    }

    /** The parts of an {@link #ofParts} cursor; exactly {@code count} of them or 400. */
    public static String[] parts(String cursor, int count) {
        String[] encoded = decode(cursor).split("\\.", -1);
        if (encoded.length != count) {
            throw invalid();
        }
        String[] parts = new String[count];
        for (int i = 0; i < count; i++) {
            parts[i] = decode(encoded[i]);
            if (!io.synapse.common.input.StorableText.storable(parts[i])) {
                throw invalid();
            }
        }
        return parts;
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
