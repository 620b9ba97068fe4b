package io.synapse.common.security;

import java.security.PrivateKey;
import java.security.PublicKey;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.SecretKey;

import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Inject;

import org.eclipse.microprofile.jwt.JsonWebToken;

import io.smallrye.jwt.auth.principal.DefaultJWTParser;
import io.smallrye.jwt.auth.principal.JWTAuthContextInfo;
import io.smallrye.jwt.auth.principal.JWTParser;
import io.smallrye.jwt.auth.principal.ParseException;
import io.synapse.common.config.SynapseConfig;

/**
 * SmallRye JWT's parser with a memory of tokens it has already verified. A client presents the same
 * access token for its whole lifetime, and checking its RSA signature and parsing its JSON again was
 * the largest single cost of an authenticated request (about 30 % of the CPU under load). Only the
 * exact bytes of a token that passed verification are remembered, and only until its exp claim, so
 * nothing weaker is accepted than before; whether the session, issued token or user is still valid
 * is decided on every request by the credential check, never by this memory. Failures are not
 * remembered. At most synapse.auth.verified-token-cache-size tokens are kept (about 3 KB each; 0
 * turns the memory off), each for at most five minutes ({@link #AT_MOST_SECONDS}) even when it lives longer, so a setting
 * that shortens what is accepted (a key rotated out of a JWKS, a token-age limit) applies within
 * minutes.
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class CachingJwtParser implements JWTParser {

    @Inject
    DefaultJWTParser delegate;

    @Inject
    SynapseConfig config;

    static final long AT_MOST_SECONDS = 300;

    private record Verified(JsonWebToken token, long until) {
    }

    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    @Override
    public JsonWebToken parse(String token) throws ParseException {
        long now = System.currentTimeMillis() / 1000;
        Verified known = verified.get(token);
        if (known != null) {
            if (now < known.until()) {
                return known.token();
            }
            verified.remove(token);
        }
        JsonWebToken parsed = delegate.parse(token);
        int capacity = config.auth().verifiedTokenCacheSize();
        long until = Math.min(parsed.getExpirationTime(), now + AT_MOST_SECONDS);
        if (capacity > 0 && until > now) {
            if (verified.size() >= capacity) {
                verified.values().removeIf(v -> now >= v.until());
                if (verified.size() >= capacity) {
                    verified.clear(); // full of live tokens: start again rather than track recency on every hit
                }
            }
            verified.put(token, new Verified(parsed, until));
        }
        return parsed;
    }

    @Override
    public JsonWebToken parse(String token, JWTAuthContextInfo context) throws ParseException {
        return delegate.parse(token, context);
    }

    @Override
    public JsonWebToken verify(String token, PublicKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, SecretKey key) throws ParseException {
        return delegate.verify(token, key);
    }

    @Override
    public JsonWebToken verify(String token, String secret) throws ParseException {
        return delegate.verify(token, secret);
    }

    @Override
    public JsonWebToken decrypt(String token, PrivateKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, SecretKey key) throws ParseException {
        return delegate.decrypt(token, key);
    }

    @Override
    public JsonWebToken decrypt(String token, String secret) throws ParseException {
        return delegate.decrypt(token, secret);
    }

    @Override
    public JsonWebToken parseOnly(String token) throws ParseException {
        return delegate.parseOnly(token);
    }
}
