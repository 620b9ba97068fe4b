package io.synapse.identity;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;

import io.synapse.common.error.ProblemException;
import io.synapse.common.paging.Cursor;
import io.synapse.common.paging.KeysetQuery;
import io.synapse.common.paging.Page;
import io.synapse.common.paging.PageRequest;
import io.synapse.common.security.Actor;
import io.synapse.common.security.Ownership;
import io.synapse.common.security.Roles;
import io.synapse.common.security.Role;
import io.synapse.common.security.SecretGenerator;
import io.synapse.common.security.Secrets;
import io.synapse.telemetry.AuditRecorder;

/** API keys: owned by one user, scoped to roles that user holds, secret shown once. */
@ApplicationScoped
public class ApiKeyService {

    /** Every key starts with this, which is how a Bearer value is told apart from a JWT. */
    public static final String KEY_PREFIX = "syn_";

    @Inject
    AuditRecorder audit;

    @Inject
    SecretGenerator secrets;

    @Transactional
    public ApiKeyView create(Actor actor, ApiKeyCreate request) {
        requireInteractive(actor);
        User owner = UserService.find(actor.userId());
        for (Role scope : request.scopes()) {
            if (!owner.role.implies(scope)) {
                throw ProblemException.unprocessable("scopes", "'" + scope.value() + "' is above your role (" + owner.role.value() + ")");
            }
        }
        if (request.expiresAt() != null && !request.expiresAt().isAfter(Instant.now())) {
            throw ProblemException.unprocessable("expires_at", "must be in the future");
        }
        String visible = KEY_PREFIX + secrets.token(6);
        String secret = visible + "_" + secrets.token(32);
        ApiKey key = new ApiKey();
        key.userId = owner.id;
        key.name = request.name();
        key.keyPrefix = visible;
        key.keyHash = Secrets.sha256Hex(secret);
        key.scopes = request.scopes().stream().map(Role::value).sorted().toArray(String[]::new);
        key.expiresAt = request.expiresAt() == null ? null : request.expiresAt().truncatedTo(ChronoUnit.MICROS);
        key.persist();
        ApiKeyView view = ApiKeyView.of(key);
        audit.event("api_key.create").resource("api_key", key.id).newValues(view).record();
        return ApiKeyView.withSecret(key, secret);
    }

    /** The caller's keys; an admin may name another user with ownerId. */
    @Transactional(Transactional.TxType.SUPPORTS)
    public Page<ApiKeyView> list(Actor actor, UUID ownerId, boolean includeRevoked, PageRequest page) {
        UUID owner = ownerId != null && actor.isAdmin() ? ownerId : actor.userId();
        if (owner == null) {
            return new Page<>(List.of(), null);
        }
        KeysetQuery query = KeysetQuery.create().eq("userId", owner);
        if (!includeRevoked) {
            query.where("revokedAt is null");
        }
        query.after(page, "createdAt", "id");
        return Page.of(KeysetQuery.fetch(ApiKey.<ApiKey>find(query.hql(), query.params()), page), page.limit(),
                k -> Cursor.of(k.createdAt, k.id), ApiKeyView::of);
    }

    /** Revokes at once; the row stays for the audit trail. Owners revoke their own keys, admins any. */
    @Transactional
    public void revoke(Actor actor, UUID id) {
        ApiKey found = ApiKey.findById(id);
        ApiKey key = Ownership.require(found, found == null ? null : found.userId, actor, "api_key", id, Roles.ADMIN);
        if (key.revokedAt != null) {
            return;
        }
        ApiKeyView before = ApiKeyView.of(key);
        key.revokedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        audit.event("api_key.revoke").resource("api_key", key.id).oldValues(before).newValues(ApiKeyView.of(key)).record();
    }

    /** A leaked key must not be able to mint more credentials. */
    static void requireInteractive(Actor actor) {
        if (actor.viaApiKey()) {
            throw ProblemException.forbidden("API keys cannot create credentials; sign in or use an issued token");
        }
        if (actor.userId() == null) {
            throw ProblemException.forbidden("Service tokens cannot create credentials");
        }
    }

}
