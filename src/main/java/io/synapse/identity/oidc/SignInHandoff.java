package io.synapse.identity.oidc;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/**
 * A finished sign-in the frontend has not collected yet (oauth_handoffs): the hash of the one-time
 * code it was sent and the PKCE challenge it sent us, which the code's verifier must match.
 */
@Entity
@Table(name = "oauth_handoffs")
public class SignInHandoff extends PanacheEntityBase {

    @Id
    public String codeHash;

    public UUID userId;

    public String provider;

    public String frontendChallenge;

    public Instant createdAt;

    public Instant expiresAt;

    static Optional<SignInHandoff> take(String codeHash) {
        Optional<SignInHandoff> found = SignInHandoff.<SignInHandoff>findByIdOptional(codeHash, LockModeType.PESSIMISTIC_WRITE);
        found.ifPresent(SignInHandoff::delete);
        return found;
    }

    static long deleteExpired(Instant now) {
        return delete("expiresAt < ?1", now);
    }
}
