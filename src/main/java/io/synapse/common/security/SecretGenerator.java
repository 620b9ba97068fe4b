package io.synapse.common.security;

import java.security.SecureRandom;
import java.util.Base64;

import jakarta.enterprise.context.ApplicationScoped;

/**
 * Random secrets: refresh tokens, API keys, generated passwords, encryption nonces.
 *
 * The generator lives in a bean instance, never in a static field: Quarkus initialises classes
 * while building the native image, and a static SecureRandom would be seeded once at build time
 * and baked into every binary (native-image refuses it, rightly). A bean is created at run time.
 */
@ApplicationScoped
public class SecretGenerator {

    private final SecureRandom random = new SecureRandom();

    /** {@code bytes} random bytes as unpadded base64url. */
    public String token(int bytes) {
        byte[] buffer = new byte[bytes];
        random.nextBytes(buffer);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(buffer);
    }

    /** {@code count} random bytes (nonces, keys). */
    public byte[] bytes(int count) {
        byte[] buffer = new byte[count];
        random.nextBytes(buffer);
        return buffer;
    }
}
