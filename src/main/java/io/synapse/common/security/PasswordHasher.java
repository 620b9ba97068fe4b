package io.synapse.common.security;

import java.nio.charset.StandardCharsets;

import jakarta.enterprise.context.ApplicationScoped;

import io.quarkus.elytron.security.common.BcryptUtil;
import io.synapse.common.config.SynapseConfig;

/**
 * bcrypt through Quarkus' own Elytron helper. bcrypt silently ignores bytes past 72, so a longer
 * password is rejected when set and never matches at login: two passwords sharing their first
 * 72 bytes must not be interchangeable.
 */
@ApplicationScoped
public class PasswordHasher {

    public static final int MAX_BYTES = 72;

    private final int cost;
    /** Made on first use, not at startup: a cold-JIT bcrypt at cost 12 costs about a second. */
    private volatile String decoy;

    private final SecretGenerator secrets;

    PasswordHasher(SynapseConfig config, SecretGenerator secrets) {
        this.cost = config.auth().bcryptCost();
        this.secrets = secrets;
    }

    public static boolean tooLong(String password) {
        return password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES;
    }

    public String hash(String password) {
        if (tooLong(password)) {
            throw new IllegalArgumentException("password longer than " + MAX_BYTES + " bytes");
        }
        return BcryptUtil.bcryptHash(password, cost);
    }

    public boolean matches(String password, String hash) {
        if (password == null || hash == null || tooLong(password)) {
            spendEqualTime();
            return false;
        }
        return BcryptUtil.matches(password, hash);
    }

    /** Unknown e-mail: do the same work as a real check so timing does not reveal which accounts exist. */
    public void spendEqualTime() {
        String hash = decoy;
        if (hash == null) {
            hash = BcryptUtil.bcryptHash(secrets.token(16), cost);
            decoy = hash;
        }
        BcryptUtil.matches("decoy-password", hash);
    }
}
