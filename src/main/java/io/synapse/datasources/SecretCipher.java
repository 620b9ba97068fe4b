package io.synapse.datasources;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jboss.logging.Logger;

import io.quarkus.runtime.StartupEvent;
import io.synapse.common.error.ProblemException;
import io.synapse.common.security.SecretGenerator;

/**
 * AES-256-GCM for the secrets of registered databases. A sealed value is nonce (12 random bytes)
 * followed by ciphertext and the 16-byte tag; the key id is stored beside it, so values sealed
 * under an older key stay readable while {@code re-encrypt} moves them to the active one. The
 * key id is also the associated data: a value copied to a row of another key id fails to open.
 */
@ApplicationScoped
public class SecretCipher {

    private static final Logger LOG = Logger.getLogger(SecretCipher.class);
    private static final String TRANSFORMATION = "AES/GCM/NoPadding";
    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    public record Sealed(String keyId, byte[] bytes) {
    }

    @Inject
    DatasourcesConfig config;

    @Inject
    SecretGenerator random;

    private volatile Map<String, SecretKeySpec> keys;

    void onStart(@jakarta.enterprise.event.Observes StartupEvent event) {
        // A malformed key stops the start: better than sealing secrets no replica can open.
        keys();
        if (config.encryption().activeKeyId().isEmpty()) {
            LOG.warn("synapse.datasources.encryption is not configured: registering databases answers 503 until "
                    + "SYNAPSE_DATASOURCES_ENCRYPTION_ACTIVE_KEY_ID and SYNAPSE_DATASOURCES_ENCRYPTION_KEYS__<id>_ are set");
        } else {
            activeKeyId();
        }
    }

    public boolean configured() {
        return config.encryption().activeKeyId().map(id -> keys().containsKey(id)).orElse(false);
    }

    public String activeKeyId() {
        String id = config.encryption().activeKeyId().orElseThrow(SecretCipher::notConfigured);
        if (!keys().containsKey(id)) {
            throw new IllegalStateException("synapse.datasources.encryption.active-key-id names key '" + id + "', which is not in synapse.datasources.encryption.keys");
        }
        return id;
    }

    public Sealed seal(String secret) {
        return seal(secret, activeKeyId());
    }

    /** Under a named key: for the rotation test, which needs a value sealed under a retired key. */
    Sealed seal(String secret, String keyId) {
        if (!keys().containsKey(keyId)) {
            throw new IllegalStateException("No key '" + keyId + "' is configured");
        }
        byte[] nonce = random.bytes(NONCE_BYTES);
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.ENCRYPT_MODE, keys().get(keyId), new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return new Sealed(keyId, ByteBuffer.allocate(NONCE_BYTES + sealed.length).put(nonce).put(sealed).array());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("AES-GCM is not available", e);
        }
    }

    public String open(String keyId, byte[] sealed) {
        SecretKeySpec key = keys().get(keyId);
        if (key == null) {
            throw ProblemException.serviceUnavailable("The key '" + keyId + "' that sealed this connection's password is no longer configured");
        }
        try {
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(TAG_BITS, sealed, 0, NONCE_BYTES));
            cipher.updateAAD(keyId.getBytes(StandardCharsets.UTF_8));
            return new String(cipher.doFinal(sealed, NONCE_BYTES, sealed.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("A stored connection secret does not open under key '" + keyId + "' (tampered, or the key was replaced)");
        }
    }

    private Map<String, SecretKeySpec> keys() {
        Map<String, SecretKeySpec> k = keys;
        if (k == null) {
            Map<String, SecretKeySpec> parsed = new HashMap<>();
            config.encryption().keys().forEach((id, value) -> {
                byte[] bytes;
                try {
                    bytes = Base64.getDecoder().decode(value.trim());
                } catch (IllegalArgumentException e) {
                    throw new IllegalStateException("synapse.datasources.encryption.keys." + id + " is not base64");
                }
                if (bytes.length != 32) {
                    throw new IllegalStateException("synapse.datasources.encryption.keys." + id + " must be 32 bytes (AES-256), not " + bytes.length);
                }
                parsed.put(id, new SecretKeySpec(bytes, "AES"));
            });
            keys = k = Map.copyOf(parsed);
        }
        return k;
    }

    private static ProblemException notConfigured() {
        return ProblemException.serviceUnavailable("Database connections need an encryption key: set SYNAPSE_DATASOURCES_ENCRYPTION_ACTIVE_KEY_ID "
                + "and the key itself (README: Datasources)");
    }
}
