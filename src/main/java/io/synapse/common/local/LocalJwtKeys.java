package io.synapse.common.local;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;

/** An RSA key pair for local runs, created once and reused. Never used in prod; never committed. */
record LocalJwtKeys(Path privateKey, Path publicKey) {

    static LocalJwtKeys ensure(Path privateKeyFile, Path publicKeyFile) throws IOException {
        LocalJwtKeys keys = new LocalJwtKeys(privateKeyFile.toAbsolutePath(), publicKeyFile.toAbsolutePath());
        if (Files.exists(keys.privateKey) && Files.exists(keys.publicKey)) {
            return keys;
        }
        Path dir = keys.privateKey.getParent();
        Files.createDirectories(dir);
        Files.createDirectories(keys.publicKey.getParent());
        KeyPair pair;
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(2048);
            pair = generator.generateKeyPair();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("RSA is mandatory in every JDK", e);
        }
        Path tmpPrivate = Files.createTempFile(dir, "private", ".tmp");
        Path tmpPublic = Files.createTempFile(keys.publicKey.getParent(), "public", ".tmp");
        Files.writeString(tmpPrivate, pem("PRIVATE KEY", pair.getPrivate().getEncoded()), StandardCharsets.US_ASCII);
        Files.writeString(tmpPublic, pem("PUBLIC KEY", pair.getPublic().getEncoded()), StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(tmpPrivate, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system
        }
        // Moved into place only when complete, so a concurrent start never reads half a key.
        Files.move(tmpPublic, keys.publicKey, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmpPrivate, keys.privateKey, java.nio.file.StandardCopyOption.ATOMIC_MOVE, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        return keys;
    }

    private static String pem(String type, byte[] der) {
        return "-----BEGIN " + type + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
                + "\n-----END " + type + "-----\n";
    }
}
