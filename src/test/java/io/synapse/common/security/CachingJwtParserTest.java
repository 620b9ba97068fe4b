package io.synapse.common.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;

import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;
import org.junit.jupiter.api.Test;

import io.quarkus.arc.ClientProxy;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;

@QuarkusTest
class CachingJwtParserTest {

    @Inject
    JWTParser parser;

    private static String token(Instant expires) throws Exception {
        return Jwt.issuer("https://synapse.local").audience("synapse-api").subject(UUID.randomUUID().toString())
                .groups(Set.of("viewer")).claim("jti", UUID.randomUUID().toString()).issuedAt(expires.minusSeconds(60)).expiresAt(expires)
                .sign(KeyUtils.decodePrivateKey(Files.readString(Path.of("target/synapse-test/jwt/privateKey.pem"))));
    }

    @Test
    void theParserInUseIsTheCachingOne() {
        assertEquals(CachingJwtParser.class, ClientProxy.unwrap(parser).getClass());
    }

    @Test
    void aVerifiedTokenIsRememberedUntilItsExpiryAndNotAfter() throws Exception {
        Instant expires = Instant.now().plusSeconds(2);
        String token = token(expires);
        JsonWebToken first = parser.parse(token);
        assertSame(first, parser.parse(token), "the second presentation is not verified again");
        Thread.sleep(Duration.between(Instant.now(), expires).toMillis() + 1100);
        // Past exp the token is verified afresh (where the configured clock skew still applies).
        assertNotSame(first, parser.parse(token));
    }

    @Test
    void aBadSignatureIsNeverRemembered() throws Exception {
        String token = token(Instant.now().plusSeconds(300));
        String[] parts = token.split("\\.");
        String forged = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        assertThrows(ParseException.class, () -> parser.parse(forged));
        assertThrows(ParseException.class, () -> parser.parse(forged));
        assertSame(parser.parse(token), parser.parse(token));
    }
}
