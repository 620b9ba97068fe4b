package io.synapse.datasources;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.synapse.telemetry.AuditRecorder;

/**
 * Key rotation: every secret sealed under another key than the active one is opened and sealed
 * again under the active key, in one transaction (a failure leaves every row as it was). Run it
 * after adding a new key and making it active; remove the old key once nothing uses it.
 */
@ApplicationScoped
public class ReEncryption {

    public record Result(String activeKeyId, int reEncrypted, Map<String, Long> secretsByKey) {
    }

    @Inject
    SecretCipher cipher;

    @Inject
    AuditRecorder audit;

    @Transactional
    public Result run() {
        String active = cipher.activeKeyId();
        List<DatabaseConnection> stale = DatabaseConnection.find("passwordKeyId <> ?1", active).withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE).list();
        for (DatabaseConnection c : stale) {
            SecretCipher.Sealed sealed = cipher.seal(cipher.open(c.passwordKeyId, c.passwordCiphertext));
            c.passwordCiphertext = sealed.bytes();
            c.passwordKeyId = sealed.keyId();
        }
        DatabaseConnection.flush();
        Map<String, Long> byKey = new TreeMap<>();
        for (Object row : DatabaseConnection.getEntityManager().createQuery("select c.passwordKeyId, count(c) from DatabaseConnection c group by c.passwordKeyId")
                .getResultList()) {
            Object[] r = (Object[]) row;
            byKey.put((String) r[0], (Long) r[1]);
        }
        audit.event("datasource.re_encrypt").resource("database_connection", null)
                .newValues(Map.of("active_key_id", active, "re_encrypted", stale.size(), "secrets_by_key", byKey)).record();
        return new Result(active, stale.size(), byKey);
    }
}
