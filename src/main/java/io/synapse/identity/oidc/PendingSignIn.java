package io.synapse.identity.oidc;

import java.time.Instant;
import java.util.Optional;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Table;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;

/** A sign-in sent to a provider and not back yet (oauth_logins), found by the hash of its state. */
@Entity
@Table(name = "oauth_logins")
public class PendingSignIn extends PanacheEntityBase {

    @Id
    public String stateHash;

    public String provider;

    /** SHA-256 of the nonce sent to the provider; the ID token's nonce must hash to it. */
    public String nonceHash;

    public String codeVerifier;

    public String frontendRedirect;

    public String frontendChallenge;

    public Instant createdAt;

    public Instant expiresAt;

    /**
     * Removes and returns the sign-in: a state works once. The row lock makes a second callback
     * with the same state wait for the first, then find nothing.
     */
    static Optional<PendingSignIn> take(String stateHash) {
        Optional<PendingSignIn> found = PendingSignIn.<PendingSignIn>findByIdOptional(stateHash, LockModeType.PESSIMISTIC_WRITE);
        found.ifPresent(PendingSignIn::delete);
        return found;
    }

    static long deleteExpired(Instant now) {
        return delete("expiresAt < ?1", now);
    }
}
