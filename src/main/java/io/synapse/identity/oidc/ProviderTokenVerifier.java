package io.synapse.identity.oidc;

import java.util.List;
import java.util.Map;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;

import io.synapse.common.security.Secrets;

/**
 * Checks a provider's JWT (an ID token from the code flow, or a token a trusted service presents):
 * signature by the provider's published keys (asymmetric algorithms only), issuer, audience,
 * expiry and, for the code flow, the nonce this server sent and the authorized party.
 */
@ApplicationScoped
class ProviderTokenVerifier {

    private static final AlgorithmConstraints ASYMMETRIC = new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384, AlgorithmIdentifiers.RSA_USING_SHA512,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA256, AlgorithmIdentifiers.RSA_PSS_USING_SHA384, AlgorithmIdentifiers.RSA_PSS_USING_SHA512,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
            AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512, AlgorithmIdentifiers.EDDSA);

    @Inject
    OidcConfig config;

    /**
     * The claims of a token that passed every check; else {@link SignInRefused} naming the first
     * that failed. With a nonce hash (the code flow), the token must carry the nonce that hashes to
     * it, and was issued to our client; without one (token exchange), its authorized party, when
     * named, must be one of the audiences.
     */
    Map<String, Object> verify(ProviderEndpoints provider, String token, List<String> audiences, String expectedNonceHash) {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setVerificationKeyResolver(provider.keys())
                .setJwsAlgorithmConstraints(ASYMMETRIC)
                .setExpectedIssuer(provider.issuer())
                .setExpectedAudience(audiences.toArray(String[]::new))
                .setRequireExpirationTime()
                .setRequireSubject()
                .setAllowedClockSkewInSeconds((int) config.clockSkew().toSeconds())
                .build();
        JwtClaims claims;
        try {
            claims = consumer.processToClaims(token);
        } catch (InvalidJwtException e) {
            throw new SignInRefused(reason(e));
        }
        try {
            String nonce = claims.getStringClaimValue("nonce");
            if (expectedNonceHash != null && (nonce == null || !Secrets.sameSecret(expectedNonceHash, Secrets.sha256Hex(nonce)))) {
                throw new SignInRefused("the ID token's nonce is not the one this sign-in sent");
            }
            List<String> audience = claims.getAudience();
            String azp = claims.getStringClaimValue("azp");
            if (expectedNonceHash != null) {
                // OpenID Connect Core 3.1.3.7: with several audiences, the token must have been issued to us.
                if (audience.size() > 1 && !provider.config().clientId().equals(azp)) {
                    throw new SignInRefused("the ID token was issued to another party (azp)");
                }
            } else if (azp != null && !audiences.contains(azp)) {
                throw new SignInRefused("the token was issued to a party that is not one of the accepted audiences (azp)");
            }
        } catch (MalformedClaimException e) {
            throw new SignInRefused("the token has a malformed claim: " + e.getMessage());
        }
        return claims.getClaimsMap();
    }

    private static String reason(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "the token has expired";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUER_INVALID)) {
            return "the token was issued by another issuer";
        }
        if (e.hasErrorCode(ErrorCodes.AUDIENCE_INVALID) || e.hasErrorCode(ErrorCodes.AUDIENCE_MISSING)) {
            return "the token is meant for another audience";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return "the token's signature does not verify";
        }
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID) || e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return "the token is not valid yet";
        }
        return "the token is not a valid JWT from this provider";
    }
}
